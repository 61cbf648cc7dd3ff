package org.tusk.engine.func;

import java.math.BigDecimal;

/**
 * Ordering of values of the same type family (btree comparison procs):
 * integers as long, numeric exactly, floats with NaN greater than everything
 * (as float8_cmp_internal), strings by code point (C collation).
 */
public final class Comparisons {
    private Comparisons() {}

    public static int compare(Object a, Object b) {
        if (a instanceof org.tusk.engine.types.RangeValue x && b instanceof org.tusk.engine.types.RangeValue y) {
            return x.compareTo(y);
        }
        if (a instanceof org.tusk.engine.types.EnumValue || b instanceof org.tusk.engine.types.EnumValue) {
            return org.tusk.engine.types.EnumValue.compare(a, b);
        }
        if (a instanceof org.tusk.engine.types.Jsonb x && b instanceof org.tusk.engine.types.Jsonb y) {
            return org.tusk.engine.types.JsonbOrdering.compare(x.root(), y.root());
        }
        if (a instanceof org.tusk.engine.types.TimeTz x && b instanceof org.tusk.engine.types.TimeTz y) {
            return x.compareTo(y);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.compareUnsigned(x, y);
        }
        if (a instanceof org.tusk.engine.types.RecordValue && b instanceof org.tusk.engine.types.RecordValue) {
            return RecordFunctions.compare(a, b);
        }
        if (a instanceof org.tusk.engine.types.ArrayValue && b instanceof org.tusk.engine.types.ArrayValue) {
            return ArrayFunctions.compare(a, b, null);
        }
        if (a instanceof org.tusk.engine.types.NumericSpecial || b instanceof org.tusk.engine.types.NumericSpecial) {
            if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
                return compare(toDouble(a), toDouble(b));
            }
            return NumericSpecials.compare(a instanceof BigDecimal || a instanceof org.tusk.engine.types.NumericSpecial ? a
                    : toBigDecimal(a), b instanceof BigDecimal || b instanceof org.tusk.engine.types.NumericSpecial ? b
                    : toBigDecimal(b));
        }
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            return toBigDecimal(a).compareTo(toBigDecimal(b));
        }
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            if (Double.isNaN(x)) {
                return Double.isNaN(y) ? 0 : 1;
            }
            if (Double.isNaN(y)) {
                return -1;
            }
            return Double.compare(x == 0 ? 0.0 : x, y == 0 ? 0.0 : y);
        }
        if (a instanceof Number && b instanceof Number) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (a instanceof String && b instanceof String) {
            return compareStrings((String) a, (String) b);
        }
        if (a instanceof Boolean && b instanceof Boolean) {
            return Boolean.compare((Boolean) a, (Boolean) b);
        }
        throw new IllegalArgumentException("cannot compare " + a.getClass() + " with " + b.getClass());
    }

    static int compareStrings(String a, String b) {
        if (a.equals(b)) {
            return 0;                   // vectorized; equal values are common in sorts (ANALYZE's samples)
        }
        int n = Math.min(a.length(), b.length());
        for (int k = 0; k < n; k++) {
            char ca = a.charAt(k);
            char cb = b.charAt(k);
            if (ca != cb) {
                if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
                    return compareCodePoints(a, b);     // UTF-16 order differs from code point order here
                }
                return Integer.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** A numeric-family value as a double (numeric's NaN and infinities included). */
    public static double toDouble(Object o) {
        if (o instanceof org.tusk.engine.types.NumericSpecial s) {
            switch (s) {
                case NAN: return Double.NaN;
                case POSITIVE_INFINITY: return Double.POSITIVE_INFINITY;
                default: return Double.NEGATIVE_INFINITY;
            }
        }
        return ((Number) o).doubleValue();
    }

    public static BigDecimal toBigDecimal(Object o) {
        if (o instanceof BigDecimal) {
            return (BigDecimal) o;
        }
        if (o instanceof Double || o instanceof Float) {
            return new BigDecimal(((Number) o).doubleValue());
        }
        return BigDecimal.valueOf(((Number) o).longValue());
    }
}
