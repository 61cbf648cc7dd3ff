package org.tusk.engine.types;

import java.math.BigDecimal;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.func.Comparisons;

/**
 * A value of a built-in range type (int4range, int8range, numrange, daterange,
 * tsrange, tstzrange): its type, the bounds as values of the subtype (null =
 * unbounded, whose inclusive flag is then false), the inclusive flags, or
 * {@code empty}. Values are built canonical (make_range): the discrete types
 * (int4, int8, date) as [lower, upper), and a range with nothing in it as
 * empty. Ranges order as range_cmp: empty first, then by lower bound (an
 * inclusive lower bound before an exclusive one of the same value), then by
 * upper bound.
 */
public record RangeValue(PgType rangeType, Object lower, Object upper, boolean lowerInc, boolean upperInc,
        boolean empty) implements Comparable<RangeValue> {

    /** The subtype of a built-in range type, or null. */
    public static PgType subtype(PgType rangeType) {
        if (rangeType == null) {
            return null;
        }
        return switch (rangeType) {
            case INT4RANGE -> PgType.INT4;
            case INT8RANGE -> PgType.INT8;
            case NUMRANGE -> PgType.NUMERIC;
            case DATERANGE -> PgType.DATE;
            case TSRANGE -> PgType.TIMESTAMP;
            case TSTZRANGE -> PgType.TIMESTAMPTZ;
            default -> null;
        };
    }

    public static RangeValue empty(PgType rangeType) {
        return new RangeValue(rangeType, null, null, false, false, true);
    }

    /**
     * make_range: checks lower <= upper (22000), canonicalizes a discrete type to [) (22003 when a bound
     * would overflow) and turns a range without values into empty.
     */
    public static RangeValue of(PgType rangeType, Object lower, Object upper, boolean lowerInc, boolean upperInc) {
        lowerInc &= lower != null;
        upperInc &= upper != null;
        if (lower != null && upper != null) {
            int c = compareValues(lower, upper);
            if (c > 0) {
                throw Ereport.error(SqlState.DATA_EXCEPTION,
                        "range lower bound must be less than or equal to range upper bound");
            }
            if (c == 0 && !(lowerInc && upperInc)) {
                return empty(rangeType);
            }
        }
        PgType sub = subtype(rangeType);
        if (sub == PgType.INT4 || sub == PgType.INT8 || sub == PgType.DATE) {
            if (lower != null && !lowerInc) {
                lower = next(sub, lower);
                lowerInc = true;
            }
            if (upper != null && upperInc) {
                upper = next(sub, upper);
                upperInc = false;
            }
            if (lower != null && upper != null && compareValues(lower, upper) >= 0) {
                return empty(rangeType);
            }
        }
        return new RangeValue(rangeType, lower, upper, lowerInc, upperInc, false);
    }

    /** The next value of a discrete subtype (the canonical functions' +1); infinite dates stay. */
    private static Object next(PgType sub, Object v) {
        switch (sub) {
            case INT4: {
                int i = (Integer) v;
                if (i == Integer.MAX_VALUE) {
                    throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
                }
                return i + 1;
            }
            case INT8: {
                long l = (Long) v;
                if (l == Long.MAX_VALUE) {
                    throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
                }
                return l + 1;
            }
            default: {
                int d = (Integer) v;
                return d == Integer.MAX_VALUE || d == Integer.MIN_VALUE ? d : d + 1;
            }
        }
    }

    /** The subtype's btree order (numeric by value, dates and timestamps as their integers). */
    public static int compareValues(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        return Comparisons.compare(a, b);
    }

    /**
     * range_cmp_bounds: bound {@code a} (a lower bound when {@code aLower}) against bound {@code b}; null
     * values are the infinities of their side.
     */
    public static int compareBounds(Object a, boolean aInc, boolean aLower, Object b, boolean bInc, boolean bLower) {
        if (a == null && b == null) {
            return aLower == bLower ? 0 : aLower ? -1 : 1;
        }
        if (a == null) {
            return aLower ? -1 : 1;
        }
        if (b == null) {
            return bLower ? 1 : -1;
        }
        int c = compareValues(a, b);
        if (c != 0) {
            return c;
        }
        if (!aInc && !bInc) {
            return aLower == bLower ? 0 : aLower ? 1 : -1;      // (x vs x): a lower exclusive lies above x
        }
        if (!aInc) {
            return aLower ? 1 : -1;
        }
        if (!bInc) {
            return bLower ? -1 : 1;
        }
        return 0;
    }

    @Override
    public int compareTo(RangeValue o) {
        if (empty || o.empty) {
            return empty && o.empty ? 0 : empty ? -1 : 1;
        }
        int c = compareBounds(lower, lowerInc, true, o.lower, o.lowerInc, true);
        return c != 0 ? c : compareBounds(upper, upperInc, false, o.upper, o.upperInc, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeValue r && rangeType == r.rangeType && compareTo(r) == 0;
    }

    @Override
    public int hashCode() {
        if (empty) {
            return 1;
        }
        return java.util.Objects.hash(rangeType, lowerInc, upperInc,
                lower instanceof BigDecimal d ? d.stripTrailingZeros() : lower,
                upper instanceof BigDecimal d ? d.stripTrailingZeros() : upper);
    }
}
