package org.tusk.engine.executor;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Values used as a hash key (grouping, hash join, set operations, DISTINCT) with
 * SQL equality rather than Java's: numeric 1.0 equals 1.00, float -0 equals 0
 * and NaN equals NaN, byte arrays by content, NULLs equal to each other (as
 * grouping treats them; joins skip NULL keys before hashing).
 */
final class RowKey {
    private final Object[] values;
    private final int hash;

    RowKey(Object[] values) {
        this.values = new Object[values.length];
        int h = 1;
        for (int i = 0; i < values.length; i++) {
            this.values[i] = normalize(values[i]);
            h = 31 * h + hashOf(this.values[i]);
        }
        this.hash = h;
    }

    static RowKey of(Object[] row, int[] columns) {
        Object[] v = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            v[i] = row[columns[i]];
        }
        return new RowKey(v);
    }

    Object[] values() {
        return values;
    }

    boolean hasNull() {
        for (Object v : values) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }

    static Object normalize(Object v) {
        if (v instanceof BigDecimal d) {
            if (d.signum() == 0) {
                return BigDecimal.ZERO;
            }
            BigDecimal s = d.stripTrailingZeros();
            if (s.scale() <= 0 && s.precision() - s.scale() < 19) {
                return s.longValueExact();
            }
            return s;
        }
        if (v instanceof Short s) {
            return (long) s;
        }
        if (v instanceof Integer i) {
            return (long) i;
        }
        if (v instanceof Float f) {
            return normalizeDouble(f.doubleValue());
        }
        if (v instanceof Double d) {
            return normalizeDouble(d);
        }
        if (v instanceof Object[] a) {
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = normalize(a[i]);
            }
            return Arrays.asList(out);
        }
        if (v instanceof byte[] b) {
            return new ByteArrayKey(b);
        }
        return v;
    }

    private static Object normalizeDouble(double d) {
        if (d == 0) {
            return 0.0;
        }
        return Double.isNaN(d) ? Double.NaN : d;
    }

    private static int hashOf(Object v) {
        return v == null ? 0 : v.hashCode();
    }

    /** A hash value spread for choosing a batch or partition (independent of the table's own bucket bits). */
    int partitionHash(int level) {
        int h = hash * (0x9E3779B1 + 2 * level);
        return h ^ (h >>> 16);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowKey k && k.hash == hash && Arrays.equals(k.values, values);
    }

    private record ByteArrayKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteArrayKey k && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
