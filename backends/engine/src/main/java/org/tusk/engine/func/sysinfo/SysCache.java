package org.tusk.engine.func.sysinfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;

/**
 * syscache-style lookups for the system information functions: a catalog
 * row by OID or by key columns. Catalogs have no indexes yet, so a lookup
 * scans; the rows found are remembered for the life of this object (one
 * function call), which is as long as PostgreSQL's catcache entries may be
 * trusted without invalidation messages.
 */
public final class SysCache {

    public static final int PG_AM = 2601;
    public static final int PG_REWRITE = 2618;
    public static final int PG_SHDESCRIPTION = 2396;
    public static final int PG_OPCLASS = 2616;
    public static final int PG_COLLATION = 3456;
    public static final int PG_SEQUENCE = 2224;

    private final CatalogSource source;
    private final Map<String, CatalogRow> byOid = new HashMap<>();

    public SysCache(CatalogSource source) {
        this.source = source;
    }

    /** The row of {@code catalogOid} whose "oid" column is {@code oid}, or null. */
    public CatalogRow byOid(int catalogOid, int oid) {
        String key = catalogOid + ":" + oid;
        if (byOid.containsKey(key)) {
            return byOid.get(key);
        }
        List<CatalogRow> rows = find(catalogOid, "oid", (long) oid);
        CatalogRow row = rows.isEmpty() ? null : rows.get(0);
        byOid.put(key, row);
        return row;
    }

    /**
     * The rows whose columns equal the given values ({@code column, value,
     * column, value...}); values compare by {@code equals} after widening
     * integral numbers to long.
     */
    public List<CatalogRow> find(int catalogOid, Object... columnsAndValues) {
        Catalog catalog = SystemCatalogs.require(catalogOid);
        int n = columnsAndValues.length / 2;
        int[] cols = new int[n];
        Object[] wanted = new Object[n];
        for (int i = 0; i < n; i++) {
            cols[i] = catalog.columnIndex((String) columnsAndValues[2 * i]);
            wanted[i] = normalize(columnsAndValues[2 * i + 1]);
        }
        List<CatalogRow> out = new ArrayList<>();
        for (Object[] row : source.scan(catalogOid, r -> {
            for (int i = 0; i < n; i++) {
                if (!wanted[i].equals(normalize(r[cols[i]]))) {
                    return false;
                }
            }
            return true;
        })) {
            out.add(new CatalogRow(catalog, row));
        }
        return out;
    }

    private static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        return v;
    }

    public CatalogRow relation(int oid) {
        return byOid(SystemCatalogs.PG_CLASS, oid);
    }

    public CatalogRow namespace(int oid) {
        return byOid(SystemCatalogs.PG_NAMESPACE, oid);
    }

    public CatalogRow type(int oid) {
        return byOid(SystemCatalogs.PG_TYPE, oid);
    }

    public CatalogRow proc(int oid) {
        return byOid(SystemCatalogs.PG_PROC, oid);
    }

    public CatalogRow constraint(int oid) {
        return byOid(SystemCatalogs.PG_CONSTRAINT, oid);
    }

    public CatalogRow role(int oid) {
        return byOid(SystemCatalogs.PG_AUTHID, oid);
    }

    /** The pg_index row of index {@code indexOid}, or null. */
    public CatalogRow index(int indexOid) {
        List<CatalogRow> rows = find(SystemCatalogs.PG_INDEX, "indexrelid", (long) indexOid);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The pg_attribute row of column {@code attnum} of {@code relOid}, or null. */
    public CatalogRow attribute(int relOid, int attnum) {
        List<CatalogRow> rows = find(SystemCatalogs.PG_ATTRIBUTE, "attrelid", (long) relOid, "attnum", (long) attnum);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The live column named {@code name} of {@code relOid}, or null. */
    public CatalogRow attribute(int relOid, String name) {
        for (CatalogRow a : find(SystemCatalogs.PG_ATTRIBUTE, "attrelid", (long) relOid, "attname", name)) {
            if (!a.bool("attisdropped")) {
                return a;
            }
        }
        return null;
    }

    /** The name of column {@code attnum} of {@code relOid} (get_attname), or null. */
    public String attributeName(int relOid, int attnum) {
        CatalogRow a = attribute(relOid, attnum);
        return a == null ? null : a.str("attname");
    }

    public String namespaceName(int oid) {
        CatalogRow ns = namespace(oid);
        return ns == null ? null : ns.str("nspname");
    }

    /** The OID of schema {@code name}, or 0. */
    public int namespaceOid(String name) {
        List<CatalogRow> rows = find(SystemCatalogs.PG_NAMESPACE, "nspname", name);
        return rows.isEmpty() ? 0 : rows.get(0).oid("oid");
    }

    /** The name of access method {@code oid}, or null. */
    public String amName(int oid) {
        CatalogRow am = byOid(PG_AM, oid);
        return am == null ? null : am.str("amname");
    }
}
