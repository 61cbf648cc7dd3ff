package org.tusk.engine.types;

/**
 * A time with time zone value: local time of day in µs and the zone offset in
 * seconds west of UTC (PostgreSQL's sign convention: UTC+02 is -7200).
 */
public record TimeTz(long micros, int zone) {}
