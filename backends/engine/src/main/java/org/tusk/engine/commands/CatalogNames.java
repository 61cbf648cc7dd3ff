package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;

/**
 * Name lookups the CREATE commands of small catalog objects share (namespace.c and parse_func.c's
 * LookupFuncName with exact argument types): the namespaces a possibly qualified name is searched in, and a
 * function by name and argument type OIDs; a role by name.
 */
final class CatalogNames {

    private CatalogNames() {
    }

    /** The namespaces to search for {@code names}: its schema (3F000 when it is missing), else the path. */
    static List<Integer> searchNamespaces(DdlContext ctx, List<String> names) {
        List<Integer> out = new ArrayList<>();
        if (names.size() > 1) {
            String schema = names.get(names.size() - 2);
            Integer ns = ctx.relcache().namespaceOid(schema);
            if (ns == null) {
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
            }
            out.add(ns);
            return out;
        }
        out.add(SystemCatalogs.PG_CATALOG_NAMESPACE);
        for (String s : ctx.searchPath()) {
            Integer ns = ctx.relcache().namespaceOid(s);
            if (ns != null && !out.contains(ns)) {
                out.add(ns);
            }
        }
        return out;
    }

    /** The namespace a new object named by {@code names} goes into. */
    static int creationNamespace(DdlContext ctx, List<String> names) {
        return Naming.creationNamespace(ctx, names.size() > 1 ? names.get(names.size() - 2) : null, -1);
    }

    /**
     * LookupFuncName with exact argument types: the pg_proc row of {@code names}(argTypes), first in search
     * order, or null.
     */
    static CatalogTuple function(DdlContext ctx, List<String> names, long... argTypes) {
        String name = names.get(names.size() - 1);
        List<Integer> namespaces = searchNamespaces(ctx, names);
        Catalog proc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int nameCol = proc.columnIndex("proname");
        int nsCol = proc.columnIndex("pronamespace");
        int argsCol = proc.columnIndex("proargtypes");
        Object[] wanted = new Object[argTypes.length];
        for (int i = 0; i < argTypes.length; i++) {
            wanted[i] = argTypes[i];
        }
        List<CatalogTuple> hits = ctx.rows(SystemCatalogs.PG_PROC, r -> name.equals(r[nameCol])
                && namespaces.contains(((Number) r[nsCol]).intValue()) && sameTypes((Object[]) r[argsCol], wanted));
        CatalogTuple best = null;
        int bestRank = Integer.MAX_VALUE;
        for (CatalogTuple t : hits) {
            int rank = namespaces.indexOf(((Number) t.get(proc, "pronamespace")).intValue());
            if (rank < bestRank) {
                best = t;
                bestRank = rank;
            }
        }
        return best;
    }

    private static boolean sameTypes(Object[] have, Object[] wanted) {
        if (have == null) {
            return wanted.length == 0;
        }
        if (have.length != wanted.length) {
            return false;
        }
        for (int i = 0; i < have.length; i++) {
            if (!(have[i] instanceof Number n) || n.longValue() != (Long) wanted[i]) {
                return false;
            }
        }
        return true;
    }

    /** "name(type, type)" as func_signature_string shows a function that was not found. */
    static String signature(DdlContext ctx, List<String> names, long... argTypes) {
        StringBuilder sb = new StringBuilder(String.join(".", names)).append('(');
        for (int i = 0; i < argTypes.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(TypeCatalog.formatType(ctx, argTypes[i]));
        }
        return sb.append(')').toString();
    }

    /** pg_authid.oid of a role by name (42704 when there is none). */
    static long roleOid(DdlContext ctx, String role) {
        Long known = ctx.roles().roleOid(role);       // the session's role store (CREATE ROLE writes there)
        if (known != null) {
            return known;
        }
        Catalog authid = SystemCatalogs.require(SystemCatalogs.PG_AUTHID);
        int nameCol = authid.columnIndex("rolname");
        List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_AUTHID, r -> role.equals(r[nameCol]));
        if (rows.isEmpty()) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "role \"" + role + "\" does not exist");
        }
        return (Long) rows.get(0).get(authid, "oid");
    }
}
