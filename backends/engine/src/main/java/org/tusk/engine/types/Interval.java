package org.tusk.engine.types;

/**
 * An interval value as PostgreSQL stores it: months, days and microseconds are
 * kept apart because their lengths vary (a month is not always 30 days, a day
 * not always 24 hours across DST), and only justify_* folds them together.
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {
    public static final Interval ZERO = new Interval(0, 0, 0);

    /** interval_cmp_value: the span in µs with 30-day months and 24-hour days, as a 128-bit-safe double-long. */
    public java.math.BigInteger comparisonKey() {
        return java.math.BigInteger.valueOf(micros)
                .add(java.math.BigInteger.valueOf((long) months * 30 + days).multiply(java.math.BigInteger.valueOf(86_400_000_000L)));
    }

    /** interval_cmp: the btree order, by {@link #comparisonKey} (1 mon = 30 days = 720 hours sort equal). */
    @Override
    public int compareTo(Interval other) {
        return comparisonKey().compareTo(other.comparisonKey());
    }
}
