package org.tusk.engine.executor;

import java.util.Comparator;
import java.util.List;

import org.tusk.engine.func.Comparisons;

/**
 * One sort key of a plan node (SortSupport): a column of the input row, the
 * direction and where NULLs go. {@link #comparator(List)} orders whole rows.
 */
public record SortColumn(int column, boolean descending, boolean nullsFirst) {
    public static SortColumn asc(int column) {
        return new SortColumn(column, false, false);
    }

    public static SortColumn desc(int column) {
        return new SortColumn(column, true, true);
    }

    public static Comparator<Object[]> comparator(List<SortColumn> keys) {
        return (a, b) -> {
            for (SortColumn k : keys) {
                int c = compareValues(a[k.column], b[k.column], k.descending, k.nullsFirst);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    static int compareValues(Object x, Object y, boolean descending, boolean nullsFirst) {
        if (x == null || y == null) {
            if (x == null && y == null) {
                return 0;
            }
            return (x == null) == nullsFirst ? -1 : 1;
        }
        int c = compareNonNull(x, y);
        return descending ? -c : c;
    }

    /** Btree order of two non-NULL values; rows (Object[]) compare column by column, NULLs last. */
    static int compareNonNull(Object x, Object y) {
        // int4/date and int8/oid/timestamp keys first, ahead of the general dispatch below (which orders them
        // the same way): they are the commonest sort keys, and ANALYZE sorts every column's sample
        if (x instanceof Integer a && y instanceof Integer b) {
            return Integer.compare(a, b);
        }
        if (x instanceof Long a && y instanceof Long b) {
            return Long.compare(a, b);
        }
        if (x instanceof Object[] ra && y instanceof Object[] rb) {
            for (int i = 0; i < Math.min(ra.length, rb.length); i++) {
                int c = compareValues(ra[i], rb[i], false, false);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(ra.length, rb.length);
        }
        if (x instanceof byte[] ba && y instanceof byte[] bb) {
            return java.util.Arrays.compareUnsigned(ba, bb);
        }
        if (x instanceof Comparable<?> && x.getClass() == y.getClass() && !(x instanceof Number)
                && !(x instanceof String) && !(x instanceof Boolean)
                && !(x instanceof org.tusk.engine.types.NumericSpecial)) {   // enum order is not numeric order
            @SuppressWarnings("unchecked")
            Comparable<Object> cx = (Comparable<Object>) x;
            return cx.compareTo(y);
        }
        return Comparisons.compare(x, y);
    }
}
