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
import org.tusk.engine.func.FunctionCatalog;
import org.tusk.engine.func.Resolution;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.DefineStmt;
import org.tusk.engine.nodes.FunctionParameter;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.TypeName;
import org.tusk.engine.types.PgType;

/**
 * CREATE AGGREGATE (commands/aggregatecmds.c DefineAggregate + AggregateCreate),
 * old style (basetype = ...) and new style (argument list): resolves the
 * transition function as sfunc(stype, args...), the final function as
 * finalfunc(stype), writes the pg_proc row (prokind 'a', prosrc
 * aggregate_dummy) and the pg_aggregate row. Moving-aggregate, combine and
 * serial functions are resolved by name only and recorded; the executor runs
 * sfunc/finalfunc/initcond (see analyze.AggregateAnalyzer).
 */
public final class CreateAggregate {

    private CreateAggregate() {
    }

    public static String execute(DdlContext ctx, DefineStmt stmt) {
        List<String> qname = stmt.defnames();
        String name = qname.get(qname.size() - 1);
        String schema = qname.size() > 1 ? qname.get(qname.size() - 2) : null;
        int ns = Naming.creationNamespace(ctx, schema, -1);
        Map<String, RawNode> def = new HashMap<>();
        for (DefElem d : stmt.definition()) {
            String key = d.defname().toLowerCase(Locale.ROOT);
            key = switch (key) {
                case "sfunc1" -> "sfunc";
                case "stype1" -> "stype";
                case "initcond1" -> "initcond";
                default -> key;
            };
            def.put(key, d.arg());
        }
        List<PgType> argTypes = new ArrayList<>();
        if (stmt.oldstyle()) {
            RawNode base = def.get("basetype");
            if (base == null) {
                throw Ereport.error("42P13", "aggregate input type must be specified");
            }
            PgType t = type(base);
            if (t != PgType.ANY || !(base instanceof AConst)) {
                argTypes.add(t);
            }
        } else if (stmt.args() != null) {
            for (FunctionParameter p : stmt.args()) {
                argTypes.add(PgType.byOid((int) CreateFunction.typeOid(p.argType(), ctx)));
            }
        }
        if (def.get("sfunc") == null) {
            throw Ereport.error("42P13", "aggregate sfunc must be specified");
        }
        if (def.get("stype") == null) {
            throw Ereport.error("42P13", "aggregate stype must be specified");
        }
        PgType stype = type(def.get("stype"));
        List<PgType> transArgs = new ArrayList<>();
        transArgs.add(stype);
        transArgs.addAll(argTypes);
        long transfn = function(names(def.get("sfunc")), transArgs, stype, true);
        PgType resultType = stype;
        long finalfn = 0;
        if (def.get("finalfunc") != null) {
            List<PgType> finalArgs = new ArrayList<>(List.of(stype));
            if (def.containsKey("finalfunc_extra")) {
                finalArgs.addAll(argTypes);
            }
            Resolution r = resolve(names(def.get("finalfunc")), finalArgs);
            finalfn = r.proc().oid();
            resultType = r.resultType() != null ? r.resultType() : r.proc().resultType();
        }
        long mtransfn = def.get("msfunc") == null ? 0 : anyNamed(ctx, names(def.get("msfunc")));
        long minvfn = def.get("minvfunc") == null ? 0 : anyNamed(ctx, names(def.get("minvfunc")));
        long mfinalfn = def.get("mfinalfunc") == null ? 0 : anyNamed(ctx, names(def.get("mfinalfunc")));
        long combinefn = def.get("combinefunc") == null ? 0 : anyNamed(ctx, names(def.get("combinefunc")));
        long serialfn = def.get("serialfunc") == null ? 0 : anyNamed(ctx, names(def.get("serialfunc")));
        long deserialfn = def.get("deserialfunc") == null ? 0 : anyNamed(ctx, names(def.get("deserialfunc")));
        PgType mstype = def.get("mstype") == null ? null : type(def.get("mstype"));
        String initcond = text(def.get("initcond"));
        String minitcond = text(def.get("minitcond"));
        if (initcond != null) {
            try {
                org.tusk.engine.types.TextFormat.input(stype, -1, initcond, org.tusk.engine.types.TypeContext.DEFAULT);
            } catch (PgException e) {
                throw e.withPosition(0);
            }
        }
        String parallel = text(def.get("parallel"));

        Catalog pgProc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        Object[] argVector = new Object[argTypes.size()];
        for (int i = 0; i < argVector.length; i++) {
            argVector[i] = (long) argTypes.get(i).oid();
        }
        int nameCol = pgProc.columnIndex("proname");
        int nsCol = pgProc.columnIndex("pronamespace");
        int argCol = pgProc.columnIndex("proargtypes");
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_PROC, r -> name.equals(r[nameCol])
                && r[nsCol] instanceof Long l && l == ns)) {
            Object[] existing = (Object[]) t.values()[argCol];
            if (sameArgs(existing, argVector)) {
                if (stmt.replace()) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "CREATE OR REPLACE AGGREGATE over an existing"
                            + " aggregate is not supported yet");
                }
                throw Ereport.error("42723", "function \"" + name + "\" already exists with same argument types");
            }
        }
        Map<String, Object> row = new HashMap<>();
        long oid = ctx.newOid();
        row.put("oid", oid);
        row.put("proname", name);
        row.put("pronamespace", (long) ns);
        row.put("proowner", 10L);
        row.put("prolang", (long) ProcCatalog.LANG_INTERNAL);
        row.put("procost", 1f);
        row.put("prorows", 0f);
        row.put("provariadic", 0L);
        row.put("prosupport", 0L);
        row.put("prokind", "a");
        row.put("prosecdef", false);
        row.put("proleakproof", false);
        row.put("proisstrict", false);
        row.put("proretset", false);
        row.put("provolatile", "i");
        row.put("proparallel", parallel == null ? "u" : parallel.substring(0, 1).toLowerCase(Locale.ROOT));
        row.put("pronargs", (short) argTypes.size());
        row.put("pronargdefaults", (short) 0);
        row.put("prorettype", (long) resultType.oid());
        row.put("proargtypes", argVector);
        row.put("prosrc", "aggregate_dummy");
        ctx.insert(SystemCatalogs.PG_PROC, row);
        Map<String, Object> agg = new HashMap<>();
        agg.put("aggfnoid", oid);
        agg.put("aggkind", "n");
        agg.put("aggnumdirectargs", (short) 0);
        agg.put("aggtransfn", transfn);
        agg.put("aggfinalfn", finalfn);
        agg.put("aggcombinefn", combinefn);
        agg.put("aggserialfn", serialfn);
        agg.put("aggdeserialfn", deserialfn);
        agg.put("aggmtransfn", mtransfn);
        agg.put("aggminvtransfn", minvfn);
        agg.put("aggmfinalfn", mfinalfn);
        agg.put("aggfinalextra", def.containsKey("finalfunc_extra"));
        agg.put("aggmfinalextra", def.containsKey("mfinalfunc_extra"));
        agg.put("aggfinalmodify", "r");
        agg.put("aggmfinalmodify", "r");
        agg.put("aggsortop", 0L);
        agg.put("aggtranstype", (long) stype.oid());
        agg.put("aggtransspace", 0);
        agg.put("aggmtranstype", mstype == null ? 0L : (long) mstype.oid());
        agg.put("aggmtransspace", 0);
        agg.put("agginitval", initcond);
        agg.put("aggminitval", minitcond);
        ctx.insert(SystemCatalogs.PG_AGGREGATE, agg);
        Map<String, Object> dep = new HashMap<>();
        dep.put("classid", (long) SystemCatalogs.PG_PROC);
        dep.put("objid", oid);
        dep.put("objsubid", 0);
        dep.put("refclassid", (long) SystemCatalogs.PG_NAMESPACE);
        dep.put("refobjid", (long) ns);
        dep.put("refobjsubid", 0);
        dep.put("deptype", "n");
        ctx.insert(SystemCatalogs.PG_DEPEND, dep);
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateCatalog(SystemCatalogs.PG_PROC);
        return "CREATE AGGREGATE";
    }

    private static boolean sameArgs(Object[] a, Object[] b) {
        if (a == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (((Number) a[i]).longValue() != ((Number) b[i]).longValue()) {
                return false;
            }
        }
        return true;
    }

    private static PgType type(RawNode n) {
        String name;
        boolean array = false;
        if (n instanceof TypeName tn) {
            name = tn.lastName();
            array = tn.isArray();
        } else if (n instanceof AConst c) {
            name = c.val().toLowerCase(Locale.ROOT).equals("any") ? "any" : c.val();
        } else if (n instanceof AnyName an) {
            name = an.names().get(an.names().size() - 1);
        } else {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid type in aggregate definition");
        }
        TypeLookup.TypeInfo t = TypeLookup.byName(name);
        if (t != null && array) {
            t = TypeLookup.byOid(t.array());
        }
        PgType p = t == null ? null : PgType.byOid(t.oid());
        if (p == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
        }
        return p;
    }

    private static List<String> names(RawNode n) {
        if (n instanceof TypeName tn) {
            return tn.names();
        }
        if (n instanceof AnyName an) {
            return an.names();
        }
        if (n instanceof AConst c) {
            return List.of(c.val());
        }
        throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid function name in aggregate definition");
    }

    private static String text(RawNode n) {
        if (n == null) {
            return null;
        }
        if (n instanceof AConst c) {
            return c.val();
        }
        if (n instanceof TypeName tn) {
            return tn.lastName();
        }
        return n.toString();
    }

    private static Resolution resolve(List<String> qname, List<PgType> args) {
        String name = qname.get(qname.size() - 1);
        String schema = qname.size() > 1 ? qname.get(qname.size() - 2) : null;
        Resolution r = FunctionCatalog.lookup(schema, name, args);
        if (!r.found()) {
            StringBuilder sig = new StringBuilder(String.join(".", qname)).append('(');
            for (int i = 0; i < args.size(); i++) {
                sig.append(i > 0 ? ", " : "").append(args.get(i).displayName());
            }
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function " + sig + ") does not exist");
        }
        return r;
    }

    /** The transition function: found by lookup_agg_function, its result must be the state type. */
    private static long function(List<String> qname, List<PgType> args, PgType stype, boolean trans) {
        Resolution r = resolve(qname, args);
        PgType ret = r.resultType() != null ? r.resultType() : r.proc().resultType();
        if (trans && ret != stype && !ret.isPolymorphic()) {
            throw new PgException(Severity.ERROR, SqlState.DATATYPE_MISMATCH, "return type of transition function "
                    + String.join(".", qname) + " is not " + stype.displayName(), null, null, 0, null);
        }
        return r.proc().oid();
    }

    /** A support function recorded by name (its signature is not checked yet): the first pg_proc row so named. */
    private static long anyNamed(DdlContext ctx, List<String> qname) {
        String name = qname.get(qname.size() - 1);
        Catalog pgProc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int nameCol = pgProc.columnIndex("proname");
        List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_PROC, r -> name.equals(r[nameCol]));
        if (rows.isEmpty()) {
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function " + String.join(".", qname) + " does not exist");
        }
        return (Long) rows.get(0).get(pgProc, "oid");
    }
}
