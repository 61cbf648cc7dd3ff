package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.CreateFunctionStmt;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.FunctionParameter;
import org.tusk.engine.nodes.FunctionParameterMode;
import org.tusk.engine.nodes.NodeList;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.TypeName;
import org.tusk.engine.types.PgType;

/**
 * CREATE [OR REPLACE] FUNCTION / PROCEDURE (functioncmds.c CreateFunction,
 * pg_proc.c ProcedureCreate): the parameters' modes, names and types, the
 * result (RETURNS type, SETOF, TABLE (...) as OUT columns of a SETOF record),
 * the language, the body (AS 'src' [, 'link symbol'], RETURN expr, BEGIN
 * ATOMIC ... END) and the options become one pg_proc row. The language's
 * validator (the SQL body's parse analysis) runs afterwards in the session
 * ({@code tcop.UtilityCommands}), in the same command, so its errors undo the row.
 */
public final class CreateFunction {

    /** What the session's validator needs: the new row's OID and language. */
    /** @param bodyOffset where the body's text starts in the query string (0-based), -1 if it is not there verbatim */
    public record Created(long oid, int language, boolean polymorphic, int bodyOffset) {
    }

    private CreateFunction() {
    }

    public static Created execute(DdlContext ctx, CreateFunctionStmt stmt) {
        List<String> qname = stmt.funcname();
        String name = qname.get(qname.size() - 1);
        String schema = qname.size() > 1 ? qname.get(qname.size() - 2) : null;
        int ns = Naming.creationNamespace(ctx, schema, -1);

        List<Long> inTypes = new ArrayList<>();
        List<Long> allTypes = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean anyName = false;
        boolean anyOut = false;
        long variadic = 0;
        int defaults = 0;
        List<Long> outTypes = new ArrayList<>();
        boolean polymorphic = false;
        for (FunctionParameter p : stmt.parameters()) {
            long type = typeOid(p.argType(), ctx, "argument");
            FunctionParameterMode mode = p.mode() == null ? FunctionParameterMode.IN : p.mode();
            boolean in = mode == FunctionParameterMode.IN || mode == FunctionParameterMode.INOUT
                    || mode == FunctionParameterMode.VARIADIC || mode == FunctionParameterMode.DEFAULT;
            if (in) {
                inTypes.add(type);
                PgType t = PgType.byOid((int) type);
                polymorphic |= t != null && t.isPolymorphic();
            }
            if (mode == FunctionParameterMode.OUT || mode == FunctionParameterMode.INOUT
                    || mode == FunctionParameterMode.TABLE) {
                anyOut = true;
                outTypes.add(type);
            }
            if (mode == FunctionParameterMode.VARIADIC) {
                PgType t = PgType.byOid((int) type);
                variadic = t == PgType.ANY ? type : t != null && t.elementType() != null ? t.elementType().oid() : type;
            }
            if (p.defexpr() != null) {
                defaults++;
            }
            allTypes.add(type);
            modes.add(switch (mode) {
                case OUT -> "o";
                case INOUT -> "b";
                case VARIADIC -> "v";
                case TABLE -> "t";
                default -> "i";
            });
            names.add(p.name() == null ? "" : p.name());
            anyName |= p.name() != null;
        }
        if (defaults > 0) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "parameter defaults are not supported yet");
        }
        long resultType;
        boolean returnsSet = false;
        if (stmt.isProcedure()) {
            resultType = anyOut ? PgType.RECORD.oid() : PgType.VOID.oid();
        } else if (stmt.returnType() != null) {
            resultType = typeOid(stmt.returnType(), ctx, "return");
            returnsSet = stmt.returnType().setof();
        } else if (anyOut) {
            resultType = outTypes.size() == 1 ? outTypes.get(0) : PgType.RECORD.oid();
        } else {
            throw Ereport.error("42P13", "function result type must be specified");
        }

        String language = null;
        String src = null;
        int srcLocation = -1;
        String probin = null;
        String volatility = "v";
        boolean strict = false;
        boolean secdef = false;
        boolean leakproof = false;
        boolean window = false;
        float cost = -1;
        float rows = -1;
        String parallel = "u";
        for (DefElem d : stmt.options()) {
            switch (d.defname()) {
                case "as" -> {
                    List<RawNode> parts = ((NodeList) d.arg()).items();
                    if (parts.size() == 2) {
                        probin = ((AConst) parts.get(0)).val();
                        src = ((AConst) parts.get(1)).val();
                    } else {
                        src = ((AConst) parts.get(0)).val();
                        srcLocation = ((AConst) parts.get(0)).location();
                    }
                }
                case "language" -> language = ((AConst) d.arg()).val().toLowerCase(Locale.ROOT);
                case "strict" -> strict = "t".equals(((AConst) d.arg()).val());
                case "volatility" -> volatility = ((AConst) d.arg()).val().substring(0, 1);
                case "security" -> secdef = "t".equals(((AConst) d.arg()).val());
                case "leakproof" -> leakproof = "t".equals(((AConst) d.arg()).val());
                case "window" -> window = true;
                case "cost" -> cost = Float.parseFloat(constText(d.arg()));
                case "rows" -> rows = Float.parseFloat(constText(d.arg()));
                case "parallel" -> parallel = constText(d.arg()).substring(0, 1).toLowerCase(Locale.ROOT);
                default -> {
                }
            }
        }
        String sqlBody = null;
        if (stmt.sqlBody() != null) {
            if (language == null) {
                language = "sql";
            }
            String text = ((AConst) stmt.sqlBody()).val();
            sqlBody = bodyStatements(text);
            src = "";
            srcLocation = text.regionMatches(true, 0, "return", 0, 6) ? ((AConst) stmt.sqlBody()).location() : -1;
        }
        if (language == null) {
            language = "sql";
        }
        int lang = switch (language) {
            case "internal" -> ProcCatalog.LANG_INTERNAL;
            case "c" -> ProcCatalog.LANG_C;
            case "sql" -> ProcCatalog.LANG_SQL;
            case "plpgsql" -> ProcCatalog.LANG_PLPGSQL;
            default -> throw new PgException(Severity.ERROR, SqlState.UNDEFINED_OBJECT,
                    "language \"" + language + "\" does not exist", null,
                    "Use CREATE EXTENSION to load the language into the database.", 0, null);
        };
        if (src == null) {
            if (lang == ProcCatalog.LANG_C) {
                throw Ereport.error("42P13", "no function body specified");
            }
            throw Ereport.error("42P13", "no function body specified");
        }
        if (lang == ProcCatalog.LANG_C && probin == null) {
            probin = src;
            src = name;
        }
        if (lang == ProcCatalog.LANG_INTERNAL && org.tusk.engine.func.FunctionRegistry.internal(src.trim()) == null
                && !org.tusk.engine.func.BuiltinCatalog.get().hasProsrc(src.trim())) {
            throw Ereport.error("42883", "there is no built-in function named \"" + src.trim() + "\"");
        }
        if (lang == ProcCatalog.LANG_INTERNAL) {
            src = src.trim();
        }
        if (cost < 0) {
            cost = lang == ProcCatalog.LANG_INTERNAL || lang == ProcCatalog.LANG_C ? 1 : 100;
        }
        if (rows < 0) {
            rows = returnsSet ? 1000 : 0;
        }

        Catalog pgProc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        Object[] argVector = inTypes.toArray();
        CatalogTuple existing = find(ctx, pgProc, name, ns, argVector);
        Map<String, Object> row = new HashMap<>();
        row.put("proname", name);
        row.put("pronamespace", (long) ns);
        row.put("proowner", ctx.userOid() == 0 ? 10L : ctx.userOid());   // GetUserId()
        row.put("prolang", (long) lang);
        row.put("procost", cost);
        row.put("prorows", rows);
        row.put("provariadic", variadic);
        row.put("prosupport", 0L);
        row.put("prokind", stmt.isProcedure() ? "p" : window ? "w" : "f");
        row.put("prosecdef", secdef);
        row.put("proleakproof", leakproof);
        row.put("proisstrict", strict);
        row.put("proretset", returnsSet);
        row.put("provolatile", volatility);
        row.put("proparallel", parallel);
        row.put("pronargs", (short) inTypes.size());
        row.put("pronargdefaults", (short) defaults);
        row.put("prorettype", resultType);
        row.put("proargtypes", argVector);
        if (anyOut || variadic != 0) {
            row.put("proallargtypes", allTypes.toArray());
            row.put("proargmodes", modes.toArray());
        }
        if (anyName) {
            row.put("proargnames", names.toArray());
        }
        row.put("prosrc", src);
        row.put("probin", probin);
        row.put("prosqlbody", sqlBody);
        long oid;
        if (existing != null) {
            if (!stmt.replace()) {
                throw Ereport.error("42723", "function \"" + name + "\" already exists with same argument types");
            }
            Object[] old = existing.values();
            String oldKind = String.valueOf(old[pgProc.columnIndex("prokind")]);
            if (!oldKind.equals(row.get("prokind"))) {
                throw new PgException(Severity.ERROR, SqlState.WRONG_OBJECT_TYPE, "cannot change routine kind", 
                        oldKind.equals("p") ? "\"" + name + "\" is a procedure." : "\"" + name + "\" is a function.",
                        null, 0, null);
            }
            if ((Long) old[pgProc.columnIndex("prorettype")] != resultType
                    || (Boolean) old[pgProc.columnIndex("proretset")] != returnsSet) {
                throw new PgException(Severity.ERROR, "42P13", "cannot change return type of existing function", null,
                        "Use DROP " + (stmt.isProcedure() ? "PROCEDURE " : "FUNCTION ") + name + "("
                                + typeList(inTypes).replace(", ", ",") + ") first.", 0, null);
            }
            oid = (Long) old[pgProc.columnIndex("oid")];
            Object[] values = old.clone();
            for (SystemCatalogs.Column col : pgProc.columns()) {
                if (row.containsKey(col.name()) || !col.name().equals("oid") && !col.name().equals("proacl")) {
                    values[col.attnum() - 1] = row.get(col.name());
                }
            }
            values[pgProc.columnIndex("oid")] = oid;
            ctx.access().update(SystemCatalogs.PG_PROC, existing.tid(), values);
        } else {
            oid = ctx.newOid();
            row.put("oid", oid);
            ctx.insert(SystemCatalogs.PG_PROC, row);
            Map<String, Object> dep = new HashMap<>();
            dep.put("classid", (long) SystemCatalogs.PG_PROC);
            dep.put("objid", oid);
            dep.put("objsubid", 0);
            dep.put("refclassid", (long) SystemCatalogs.PG_NAMESPACE);
            dep.put("refobjid", (long) ns);
            dep.put("refobjsubid", 0);
            dep.put("deptype", "n");
            ctx.insert(SystemCatalogs.PG_DEPEND, dep);
            // a function depends on the user-defined types it takes and returns (so DROP TYPE ... CASCADE drops it)
            java.util.Set<Long> userTypes = new java.util.LinkedHashSet<>();
            for (Long t : allTypes) {
                if (t >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
                    userTypes.add(t);
                }
            }
            if (resultType >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
                userTypes.add(resultType);
            }
            for (Long t : userTypes) {
                CreateTable.recordDependency(ctx, SystemCatalogs.PG_PROC, oid, 0, SystemCatalogs.PG_TYPE, t, 0, "n");
            }
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateCatalog(SystemCatalogs.PG_PROC);
        return new Created(oid, lang, polymorphic, bodyOffset(ctx.queryString(), srcLocation, sqlBody != null ? sqlBody : src));
    }

    /** match_prosrc_to_query: where {@code body} appears verbatim just after its opening quote at {@code location}. */
    static int bodyOffset(String query, int location, String body) {
        if (query == null || location < 0) {
            return -1;
        }
        if (body.startsWith("SELECT ") && query.regionMatches(true, location, "return", 0, 6)) {
            return location;     // RETURN expr analyzed as SELECT expr: same length, same positions
        }
        for (int k = 1; k <= 64 && location + k <= query.length(); k++) {
            if (query.startsWith(body, location + k)) {
                return location + k;
            }
        }
        return -1;
    }

    /** RETURN expr becomes "SELECT expr"; BEGIN ATOMIC s1; s2; END its statements. */
    static String bodyStatements(String text) {
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("return")) {
            return "SELECT " + t.substring("return".length()).trim();
        }
        if (lower.startsWith("begin")) {
            int atomic = lower.indexOf("atomic");
            int end = lower.lastIndexOf("end");
            return t.substring(atomic + "atomic".length(), end).trim();
        }
        return t;
    }

    private static String constText(RawNode n) {
        if (n instanceof AConst c) {
            return c.val();
        }
        return String.valueOf(n);
    }

    /** The pg_proc row {@code name(args)} in schema {@code ns}, or null. */
    static CatalogTuple find(DdlContext ctx, Catalog pgProc, String name, int ns, Object[] args) {
        int nameCol = pgProc.columnIndex("proname");
        int nsCol = pgProc.columnIndex("pronamespace");
        int argsCol = pgProc.columnIndex("proargtypes");
        List<CatalogTuple> hits = ctx.rows(SystemCatalogs.PG_PROC, r -> name.equals(r[nameCol])
                && ((Long) r[nsCol]) == ns && java.util.Arrays.equals((Object[]) r[argsCol], args));
        return hits.isEmpty() ? null : hits.get(0);
    }

    static String typeList(List<Long> types) {
        StringBuilder sb = new StringBuilder();
        for (Long t : types) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            PgType p = PgType.byOid(t.intValue());
            sb.append(p != null ? p.displayName() : TypeLookup.byOid(t.intValue()) != null
                    ? TypeLookup.byOid(t.intValue()).name() : String.valueOf(t));
        }
        return sb.toString();
    }

    /** A parameter's or result's type (pseudo-types allowed); 42704 for an unknown name. */
    static long typeOid(TypeName tn, DdlContext ctx) {
        return typeOid(tn, ctx, null);
    }

    /**
     * As {@link #typeOid(TypeName, DdlContext)}, also finding user-defined types; a shell type gets
     * PostgreSQL's NOTICE "{@code role} type x is only a shell" (role "argument" or "return").
     */
    static long typeOid(TypeName tn, DdlContext ctx, String role) {
        String name = tn.lastName();
        boolean qualifiedElsewhere = tn.names().size() > 1 && !tn.names().get(0).equals("pg_catalog");
        TypeLookup.TypeInfo t = qualifiedElsewhere ? null : TypeLookup.byName(name);
        if (t == null && role != null && ctx.txn() != null) {
            TypeCatalog.TypeRow user = TypeCatalog.lookup(ctx, tn.names(), false);
            if (user != null) {
                if (!user.defined()) {
                    ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                            role + " type " + user.name() + " is only a shell"));
                }
                if (tn.isArray()) {
                    if (user.array() == 0) {
                        throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "[]\" does not exist");
                    }
                    return user.array();
                }
                return user.oid();
            }
        }
        if (t == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", tn.names()) + "\" does not exist");
        }
        if (tn.isArray()) {
            TypeLookup.TypeInfo array = TypeLookup.byOid(t.array());
            if (array == null) {
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "[]\" does not exist");
            }
            return array.oid();
        }
        return t.oid();
    }
}
