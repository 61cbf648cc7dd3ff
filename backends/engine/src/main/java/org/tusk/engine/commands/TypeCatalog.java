package org.tusk.engine.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.catalog.bootstrap.CsvReader;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.TypeName;

/**
 * pg_type lookups for DDL that must see user-defined types too (parse_type.c's
 * LookupTypeName over the catalog rows of this transaction, where
 * {@link TypeLookup} only knows the built-in facts), and the OIDs of the
 * built-in I/O functions new pg_type rows name.
 */
public final class TypeCatalog {

    /** A pg_type row as DDL needs it. */
    public record TypeRow(CatalogTuple tuple, long oid, String name, long namespace, char typtype, boolean defined,
            long array, long basetype) {
    }

    private static final Map<String, Long> BUILTIN_PROCS = new HashMap<>();

    static {
        for (Map<String, String> r : CsvReader.read("pg_proc")) {
            BUILTIN_PROCS.putIfAbsent(r.get("proname"), Long.parseLong(r.get("oid")));
        }
    }

    private TypeCatalog() {
    }

    /** The OID of the built-in function {@code proname} (first of its overloads); 0 for "-" or none. */
    static long builtinProc(String proname) {
        Long oid = BUILTIN_PROCS.get(proname);
        return oid == null ? 0L : oid;
    }

    static TypeRow row(CatalogTuple t) {
        Catalog c = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        return new TypeRow(t, (Long) t.get(c, "oid"), (String) t.get(c, "typname"), (Long) t.get(c, "typnamespace"),
                ((String) t.get(c, "typtype")).charAt(0), (Boolean) t.get(c, "typisdefined"), (Long) t.get(c, "typarray"),
                (Long) t.get(c, "typbasetype"));
    }

    /** The pg_type row with this OID, or null. */
    static TypeRow byOid(DdlContext ctx, long oid) {
        List<CatalogTuple> rows = ctx.rowsWhere(SystemCatalogs.PG_TYPE, "oid", oid);
        return rows.isEmpty() ? null : row(rows.get(0));
    }

    /** The type {@code name} in schema {@code ns}, or null. */
    static TypeRow in(DdlContext ctx, String name, long ns) {
        Catalog c = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        int nameCol = c.columnIndex("typname");
        int nsCol = c.columnIndex("typnamespace");
        List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_TYPE, r -> name.equals(r[nameCol]) && ns == (Long) r[nsCol]);
        return rows.isEmpty() ? null : row(rows.get(0));
    }

    /**
     * LookupTypeName: {@code names} (schema-qualified or searched along
     * pg_catalog then search_path), or null. A missing schema is 3F000
     * unless {@code missingOk}, which returns null instead.
     */
    static TypeRow lookup(DdlContext ctx, List<String> names, boolean missingOk) {
        String name = names.get(names.size() - 1);
        if (names.size() > 1) {
            String schema = names.get(names.size() - 2);
            Integer ns = ctx.relcache().namespaceOid(schema);
            if (ns == null) {
                if (missingOk) {
                    return null;
                }
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
            }
            return in(ctx, name, ns);
        }
        // the session's temporary schema comes first (a temporary table's row type), then pg_catalog
        int temp = ctx.relcache() == null ? 0 : ctx.relcache().tempNamespace();
        if (temp != 0) {
            TypeRow t = in(ctx, name, temp);
            if (t != null) {
                return t;
            }
        }
        TypeRow builtin = in(ctx, name, SystemCatalogs.PG_CATALOG_NAMESPACE);
        if (builtin != null) {
            return builtin;
        }
        for (String s : ctx.searchPath()) {
            Integer ns = ctx.relcache().namespaceOid(s);
            if (ns != null) {
                TypeRow t = in(ctx, name, ns);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** typenameTypeId: the row for {@code tn} (its array type for {@code x[]}), or 42704. */
    static TypeRow require(DdlContext ctx, TypeName tn) {
        TypeRow t = lookup(ctx, tn.names(), false);
        if (t == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", tn.names()) + "\" does not exist",
                    tn.location() >= 0 ? tn.location() + 1 : 0);
        }
        if (tn.isArray()) {
            TypeRow a = t.array() == 0 ? null : byOid(ctx, t.array());
            if (a == null) {
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "could not find array type for data type " + t.name());
            }
            return a;
        }
        return t;
    }

    /** format_type without typmod: the SQL name of a built-in type ("real"), else {@link #displayName}. */
    static String formatType(DdlContext ctx, long oid) {
        org.tusk.engine.types.PgType p = org.tusk.engine.types.PgType.byOid((int) oid);
        if (p != null) {
            return p.displayName();
        }
        TypeRow t = byOid(ctx, oid);
        return t == null ? "???" : displayName(ctx, t);
    }

    /** format_type's name for a user type: schema-qualified unless visible in the search path. */
    static String displayName(DdlContext ctx, TypeRow t) {
        TypeRow visible = lookup(ctx, List.of(t.name()), true);
        if (visible != null && visible.oid() == t.oid() || t.namespace() == SystemCatalogs.PG_CATALOG_NAMESPACE) {
            return t.name();
        }
        for (CatalogTuple n : ctx.rowsWhere(SystemCatalogs.PG_NAMESPACE, "oid", t.namespace())) {
            return n.get(SystemCatalogs.require(SystemCatalogs.PG_NAMESPACE), "nspname") + "." + t.name();
        }
        return t.name();
    }
}
