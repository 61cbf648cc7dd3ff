package org.tusk.engine.func.sysinfo;

import java.util.Arrays;
import java.util.List;

import org.tusk.engine.catalog.SystemCatalogs;

/**
 * namespace.c's visibility tests: an object is visible when its schema is
 * in the active search path and no object of the same name (and, for
 * functions, the same argument types) comes from an earlier schema.
 * A nonexistent OID gives null, as PostgreSQL 15's pg_*_is_visible do.
 */
public final class Visibility {

    private final SysInfoContext ctx;

    public Visibility(SysInfoContext ctx) {
        this.ctx = ctx;
    }

    /** RelationIsVisible; null for an OID that is no relation. */
    public Boolean relationIsVisible(int relOid) {
        CatalogRow rel = ctx.cache().relation(relOid);
        if (rel == null) {
            return null;
        }
        return relationIsVisible(rel);
    }

    public boolean relationIsVisible(CatalogRow rel) {
        return firstInPath(rel.oid("relnamespace"), ns -> !ctx.cache()
                .find(SystemCatalogs.PG_CLASS, "relname", rel.str("relname"), "relnamespace", (long) ns).isEmpty());
    }

    /** TypeIsVisible; null for an OID that is no type. */
    public Boolean typeIsVisible(int typeOid) {
        CatalogRow type = ctx.cache().type(typeOid);
        return type == null ? null : new TypeFormatter(ctx).typeIsVisible(type);
    }

    /** FunctionIsVisible: no function of the same name and argument types earlier in the path. */
    public Boolean functionIsVisible(int procOid) {
        CatalogRow proc = ctx.cache().proc(procOid);
        if (proc == null) {
            return null;
        }
        int[] args = proc.ints("proargtypes");
        return firstInPath(proc.oid("pronamespace"), ns -> {
            for (CatalogRow other : ctx.cache().find(SystemCatalogs.PG_PROC, "proname", proc.str("proname"),
                    "pronamespace", (long) ns)) {
                if (Arrays.equals(args, other.ints("proargtypes"))) {
                    return true;
                }
            }
            return false;
        });
    }

    /** OperatorIsVisible: no operator of the same name and operand types earlier in the path; null for no operator. */
    public Boolean operatorIsVisible(int oprOid) {
        CatalogRow opr = ctx.cache().byOid(PG_OPERATOR, oprOid);
        if (opr == null) {
            return null;
        }
        return firstInPath(opr.oid("oprnamespace"), ns -> !ctx.cache().find(PG_OPERATOR,
                "oprname", opr.str("oprname"), "oprnamespace", (long) ns, "oprleft", (long) opr.oid("oprleft"),
                "oprright", (long) opr.oid("oprright")).isEmpty());
    }

    /** ConversionIsVisible: no conversion of the same name earlier in the path; null for no conversion. */
    public Boolean conversionIsVisible(int conversionOid) {
        CatalogRow conv = ctx.cache().byOid(PG_CONVERSION, conversionOid);
        if (conv == null) {
            return null;
        }
        return firstInPath(conv.oid("connamespace"), ns -> !ctx.cache().find(PG_CONVERSION,
                "conname", conv.str("conname"), "connamespace", (long) ns).isEmpty());
    }

    /** pg_operator. */
    private static final int PG_OPERATOR = 2617;

    /** pg_conversion. */
    private static final int PG_CONVERSION = 2607;

    private boolean firstInPath(int namespace, java.util.function.IntPredicate hasSameNameIn) {
        List<Integer> path = ctx.activeSearchPath();
        if (!path.contains(namespace)) {
            return false;
        }
        for (int ns : path) {
            if (ns == namespace) {
                return true;
            }
            if (hasSameNameIn.test(ns)) {
                return false;
            }
        }
        return true;
    }

    /** current_schemas(include_implicit): the existing schemas of the search path. */
    public String[] currentSchemas(boolean includeImplicit) {
        List<Integer> path = ctx.activeSearchPath();
        return path.stream()
                .filter(ns -> includeImplicit || ctx.searchPath().contains(ctx.cache().namespaceName(ns)))
                .map(ctx.cache()::namespaceName)
                .toArray(String[]::new);
    }

    /** current_schema(): the first existing schema of search_path, or null. */
    public String currentSchema() {
        for (String name : ctx.searchPath()) {
            if (ctx.cache().namespaceOid(name) != 0) {
                return name;
            }
        }
        return null;
    }

    /**
     * current_schemas in a session without catalogs (engine tests without
     * storage): the search path's entries among the schemas every database
     * starts with.
     */
    static String[] withoutCatalogs(org.tusk.engine.expr.EvalContext c, boolean includeImplicit) {
        List<String> path = c.session() instanceof org.tusk.engine.tcop.SearchPathProvider p ? p.searchPath()
                : List.of("public");
        List<String> out = new java.util.ArrayList<>();
        if (includeImplicit && !path.contains("pg_catalog")) {
            out.add("pg_catalog");
        }
        for (String s : path) {
            if (List.of("pg_catalog", "public", "information_schema").contains(s) && !out.contains(s)) {
                out.add(s);
            }
        }
        return out.toArray(new String[0]);
    }
}
