package org.tusk.engine.types;

/**
 * A time with time zone value: local time of day in µs and the zone offset in
 * seconds west of UTC (PostgreSQL's sign convention: UTC+02 is -7200).
 */
public record TimeTz(long micros, int zone) implements Comparable<TimeTz> {

    /**
     * timetz_cmp_internal: by the time in UTC, then by zone (a zone further west sorts later), so
     * 12:00+02 and 11:00+01 are the same instant but not equal, as in PostgreSQL.
     */
    @Override
    public int compareTo(TimeTz other) {
        int c = Long.compare(micros + zone * 1_000_000L, other.micros + other.zone * 1_000_000L);
        return c != 0 ? c : Integer.compare(zone, other.zone);
    }
}
