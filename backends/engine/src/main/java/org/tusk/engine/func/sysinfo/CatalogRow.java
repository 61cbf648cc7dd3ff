package org.tusk.engine.func.sysinfo;

import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;

/**
 * One catalog row with accessors by column name, as the syscache hands out
 * a HeapTuple with its Form_pg_xxx struct. Catalog values follow
 * {@code CatalogValues}: oids Long, int2vector/oidvector/arrays Object[].
 */
public record CatalogRow(Catalog catalog, Object[] values) {

    public static CatalogRow of(int catalogOid, Object[] values) {
        return new CatalogRow(SystemCatalogs.require(catalogOid), values);
    }

    public Object get(String column) {
        return values[catalog.columnIndex(column)];
    }

    public String str(String column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    /** An oid (or any integral) column as an int; 0 for NULL. */
    public int oid(String column) {
        Object v = get(column);
        return v == null ? 0 : ((Number) v).intValue();
    }

    public boolean bool(String column) {
        return Boolean.TRUE.equals(get(column));
    }

    /** A "char" column's character; '\0' when empty or NULL. */
    public char ch(String column) {
        String s = str(column);
        return s == null || s.isEmpty() ? '\0' : s.charAt(0);
    }

    /** An int2vector, int2[], oidvector or oid[] column as ints; empty for NULL. */
    public int[] ints(String column) {
        Object v = get(column);
        if (v == null) {
            return new int[0];
        }
        Object[] items;
        if (v instanceof Object[] a) {
            items = a;
        } else if (v instanceof org.tusk.engine.types.ArrayValue av) {
            items = av.elements();
        } else {
            throw new IllegalStateException(catalog.name() + "." + column + " is not a vector: " + v.getClass());
        }
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = items[i] == null ? 0 : ((Number) items[i]).intValue();
        }
        return out;
    }
}
