package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.DropStmt;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.ObjectWithArgs;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.TypeName;

/**
 * DROP FUNCTION / PROCEDURE / ROUTINE / AGGREGATE [IF EXISTS] name[(types)]
 * (LookupFuncWithArgs, RemoveObjects): the pg_proc row, its pg_aggregate row
 * and its pg_depend rows. With IF EXISTS a missing schema, type or function is
 * a NOTICE; a name without arguments must be unique (42725).
 */
public final class DropFunction {

    private DropFunction() {
    }

    public static boolean handles(DropStmt d) {
        return d.removeType() == ObjectType.FUNCTION || d.removeType() == ObjectType.PROCEDURE
                || d.removeType() == ObjectType.ROUTINE || d.removeType() == ObjectType.AGGREGATE;
    }

    public static String execute(DdlContext ctx, DropStmt stmt) {
        String kind = switch (stmt.removeType()) {
            case PROCEDURE -> "procedure";
            case ROUTINE -> "routine";
            case AGGREGATE -> "aggregate";
            default -> "function";
        };
        List<CatalogTuple> victims = new ArrayList<>();
        for (RawNode n : stmt.objects()) {
            CatalogTuple t = lookup(ctx, (ObjectWithArgs) n, kind, stmt.missingOk());
            if (t != null) {
                checkOwner(ctx, t, (ObjectWithArgs) n, kind);
                victims.add(t);
            }
        }
        Catalog pgProc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        // functions that depend on a victim (aggregates on their support functions): CASCADE drops them too
        List<CatalogTuple> dependents = new ArrayList<>();
        List<String> cascaded = new ArrayList<>();
        Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
        for (CatalogTuple t : victims) {
            long oid = (Long) t.get(pgProc, "oid");
            int classCol = dep.columnIndex("classid");
            int refClassCol = dep.columnIndex("refclassid");
            int refCol = dep.columnIndex("refobjid");
            for (CatalogTuple d : ctx.rows(SystemCatalogs.PG_DEPEND, r -> ((Long) r[classCol]) == SystemCatalogs.PG_PROC
                    && ((Long) r[refClassCol]) == SystemCatalogs.PG_PROC && ((Long) r[refCol]) == oid)) {
                long dependent = (Long) d.get(dep, "objid");
                if (victims.stream().anyMatch(v -> (Long) v.get(pgProc, "oid") == dependent)
                        || dependents.stream().anyMatch(v -> (Long) v.get(pgProc, "oid") == dependent)) {
                    continue;
                }
                List<CatalogTuple> rows = ctx.rowsWhere(SystemCatalogs.PG_PROC, "oid", dependent);
                if (!rows.isEmpty()) {
                    dependents.add(rows.get(0));
                    cascaded.add("function " + signature(pgProc, rows.get(0)) + " depends on function "
                            + signature(pgProc, t));
                }
            }
        }
        // relations depending on a victim (a partition key calling it)
        List<DropObjects.ObjectAddress> relations = new ArrayList<>();
        for (CatalogTuple t : victims) {
            long oid = (Long) t.get(pgProc, "oid");
            int classCol = dep.columnIndex("classid");
            int refClassCol = dep.columnIndex("refclassid");
            int refCol = dep.columnIndex("refobjid");
            for (CatalogTuple d : ctx.rows(SystemCatalogs.PG_DEPEND, r -> ((Long) r[classCol]) == SystemCatalogs.PG_CLASS
                    && ((Long) r[refClassCol]) == SystemCatalogs.PG_PROC && ((Long) r[refCol]) == oid)) {
                DropObjects.ObjectAddress rel = new DropObjects.ObjectAddress(SystemCatalogs.PG_CLASS,
                        (Long) d.get(dep, "objid"));
                if (!relations.contains(rel)) {
                    relations.add(rel);
                    cascaded.add(DropObjects.describe(ctx, rel) + " depends on function " + signature(pgProc, t));
                }
            }
        }
        if (!cascaded.isEmpty()) {
            if (stmt.behavior() != org.tusk.engine.nodes.DropBehavior.CASCADE) {
                throw new PgException(Severity.ERROR, "2BP01", "cannot drop function " + signature(pgProc, victims.get(0))
                        + " because other objects depend on it", String.join("\n", cascaded),
                        "Use DROP ... CASCADE to drop the dependent objects too.", 0, null);
            }
            if (cascaded.size() == 1) {
                ctx.notice(notice("drop cascades to " + cascaded.get(0).replaceFirst(" depends on .*$", "")));
            } else {
                StringBuilder detail = new StringBuilder();
                for (String c : cascaded) {
                    detail.append(detail.length() == 0 ? "" : "\n").append("drop cascades to ")
                            .append(c.replaceFirst(" depends on .*$", ""));
                }
                ctx.notice(new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "drop cascades to " + cascaded.size() + " other objects", detail.toString(), null, 0, null));
            }
            victims.addAll(dependents);
            if (!relations.isEmpty()) {
                DropObjects.performDeletion(ctx, relations, true);
            }
        }
        for (CatalogTuple t : victims) {
            long oid = (Long) t.get(pgProc, "oid");
            ctx.access().delete(SystemCatalogs.PG_PROC, t.tid());
            int classCol = dep.columnIndex("classid");
            int objCol = dep.columnIndex("objid");
            ctx.deleteWhere(SystemCatalogs.PG_DEPEND, r -> ((Long) r[classCol]) == SystemCatalogs.PG_PROC
                    && ((Long) r[objCol]) == oid);
            if (SystemCatalogs.byOid(PG_AGGREGATE) != null) {
                Catalog agg = SystemCatalogs.require(PG_AGGREGATE);
                int fnCol = agg.columnIndex("aggfnoid");
                ctx.deleteWhere(PG_AGGREGATE, r -> ((Number) r[fnCol]).longValue() == oid);
            }
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateCatalog(SystemCatalogs.PG_PROC);
        return "DROP " + kind.toUpperCase(java.util.Locale.ROOT);
    }

    /** pg_proc_ownercheck: 42501 {@code must be owner of function f} (the name as written, without arguments). */
    static void checkOwner(DdlContext ctx, CatalogTuple proc, ObjectWithArgs f, String kind) {
        Catalog pgProc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        ctx.roles().checkOwner((Long) proc.get(pgProc, "proowner"), kind,
                String.join(".", f.objname()));
    }

    static final int PG_AGGREGATE = 2600;

    /** LookupFuncWithArgs: the pg_proc row of {@code f} as a {@code kind} ("function", "aggregate"...), null when missing and {@code missingOk}. */
    static CatalogTuple lookup(DdlContext ctx, ObjectWithArgs f, String kind, boolean missingOk) {
        List<String> qname = f.objname();
        String name = qname.get(qname.size() - 1);
        String schema = qname.size() > 1 ? qname.get(qname.size() - 2) : null;
        List<Integer> namespaces = new ArrayList<>();
        if (schema != null) {
            Integer ns = ctx.relcache().namespaceOid(schema);
            if (ns == null) {
                if (missingOk) {
                    ctx.notice(new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                            "schema \"" + schema + "\" does not exist, skipping", null, null, 0, null));
                    return null;
                }
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
            }
            namespaces.add(ns);
        } else {
            for (String s : ctx.searchPath()) {
                Integer ns = ctx.relcache().namespaceOid(s);
                if (ns != null) {
                    namespaces.add(ns);
                }
            }
        }
        List<Long> types = new ArrayList<>();
        for (TypeName tn : f.objargs()) {
            if (tn.names().size() > 1 && !tn.names().get(0).equals("pg_catalog")
                    && ctx.relcache().namespaceOid(tn.names().get(0)) == null) {
                if (missingOk) {
                    ctx.notice(notice("schema \"" + tn.names().get(0) + "\" does not exist, skipping"));
                    return null;
                }
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + tn.names().get(0) + "\" does not exist");
            }
            try {
                types.add(CreateFunction.typeOid(tn, ctx));
            } catch (PgException e) {
                if (missingOk) {
                    ctx.notice(notice(e.getMessage() + ", skipping"));
                    return null;
                }
                throw e;
            }
        }
        Catalog pgProc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int nameCol = pgProc.columnIndex("proname");
        int nsCol = pgProc.columnIndex("pronamespace");
        int argsCol = pgProc.columnIndex("proargtypes");
        int kindCol = pgProc.columnIndex("prokind");
        Object[] args = types.toArray();
        for (Integer ns : namespaces) {
            List<CatalogTuple> hits = ctx.rows(SystemCatalogs.PG_PROC, r -> name.equals(r[nameCol])
                    && ((Long) r[nsCol]).intValue() == ns
                    && (f.argsUnspecified() || java.util.Arrays.equals((Object[]) r[argsCol], args))
                    && kindMatches(kind, String.valueOf(r[kindCol])));
            if (hits.size() > 1) {
                throw new PgException(Severity.ERROR, SqlState.AMBIGUOUS_FUNCTION, kind + " name \""
                        + String.join(".", qname) + "\" is not unique", null,
                        "Specify the argument list to select the " + kind + " unambiguously.", 0, null);
            }
            if (hits.size() == 1) {
                return hits.get(0);
            }
        }
        if (missingOk) {
            ctx.notice(notice(kind + " " + String.join(".", qname) + "(" + rawTypes(f, kind) + ") does not exist, skipping"));
            return null;
        }
        if (f.argsUnspecified()) {
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "could not find a " + kind + " named \""
                    + String.join(".", qname) + "\"");
        }
        String shown = kind.equals("aggregate") && types.isEmpty() ? "*" : CreateFunction.typeList(types);
        throw Ereport.error(SqlState.UNDEFINED_FUNCTION, kind + " " + String.join(".", qname) + "(" + shown
                + ") does not exist");
    }

    /** format_procedure: name(type,type) as dependency messages show a function. */
    private static String signature(Catalog pgProc, CatalogTuple t) {
        List<Long> types = new ArrayList<>();
        Object[] args = (Object[]) t.get(pgProc, "proargtypes");
        for (Object a : args == null ? new Object[0] : args) {
            types.add(((Number) a).longValue());
        }
        return t.get(pgProc, "proname") + "(" + CreateFunction.typeList(types).replace(", ", ",") + ")";
    }

    private static boolean kindMatches(String kind, String prokind) {
        return switch (kind) {
            case "aggregate" -> prokind.equals("a");
            case "procedure" -> prokind.equals("p");
            case "function" -> !prokind.equals("p");
            default -> true;
        };
    }

    /** The argument types as written (NameListToString of each TypeName), for the IF EXISTS notice. */
    private static String rawTypes(ObjectWithArgs f, String kind) {
        StringBuilder sb = new StringBuilder();
        for (TypeName tn : f.objargs()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(String.join(".", tn.names()));
            if (tn.isArray()) {
                sb.append("[]");
            }
        }
        return sb.toString();
    }

    private static PgException notice(String message) {
        return new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, message, null, null, 0, null);
    }
}
