package org.tusk.engine.func;

import java.time.ZoneId;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.TimePrecision;
import org.tusk.engine.types.TimeTz;

/**
 * The pg_cast functions into and between the time-of-day types (date.c): the time of day of a
 * timestamp or timestamptz, a timetz at the session's zone, and time with or without its zone;
 * and the precision coercions of the time and timestamp types ({@link TimePrecision}).
 * They also give CURRENT_TIME and LOCALTIME their values. An infinite timestamp has no time of day:
 * PostgreSQL returns NULL for it, not an error.
 */
final class TimeOfDayCasts {
    private static final long DAY_US = 86_400_000_000L;
    private static final long SEC_US = 1_000_000L;

    private TimeOfDayCasts() {
    }

    static void register() {
        FunctionRegistry.bind("timestamp_time", (a, c) -> timeOfDay((Long) a[0]));
        FunctionRegistry.bind("timestamptz_time", (a, c) -> {
            long ts = (Long) a[0];
            return CastFunctions.isInfinite(ts) ? null : timeOfDay(DateTimes.timestamptzToTimestamp(ts, zone(c)));
        });
        FunctionRegistry.bind("timestamptz_timetz", (a, c) -> timetz((Long) a[0], zone(c)));
        FunctionRegistry.bind("timetz_time", (a, c) -> ((TimeTz) a[0]).micros());
        FunctionRegistry.bind("time_timetz", (a, c) -> timeAtSessionZone((Long) a[0], c));
        // the length coercions (pg_cast's type-to-itself functions): value, typmod, isExplicit
        FunctionRegistry.bind("timestamp_scale", (a, c) -> TimePrecision.roundTimestamp((Long) a[0], (Integer) a[1]));
        FunctionRegistry.bind("timestamptz_scale", (a, c) -> TimePrecision.roundTimestamp((Long) a[0], (Integer) a[1]));
        FunctionRegistry.bind("time_scale", (a, c) -> TimePrecision.roundTime((Long) a[0], (Integer) a[1]));
        FunctionRegistry.bind("interval_scale",
                (a, c) -> org.tusk.engine.types.IntervalTypmod.adjust((org.tusk.engine.types.Interval) a[0], (Integer) a[1]));
        FunctionRegistry.bind("timetz_scale", (a, c) -> {
            TimeTz t = (TimeTz) a[0];
            return new TimeTz(TimePrecision.roundTime(t.micros(), (Integer) a[1]), t.zone());
        });
    }

    /** timestamp_time: the time of day of a local timestamp; NULL for an infinite one. */
    static Long timeOfDay(long timestamp) {
        return CastFunctions.isInfinite(timestamp) ? null : Math.floorMod(timestamp, DAY_US);
    }

    /**
     * timestamptz_timetz: the local time of day at {@code zone} with the zone's offset at that
     * instant (seconds west of Greenwich, as timetz stores it); NULL for an infinite timestamp.
     */
    static TimeTz timetz(long timestamptz, ZoneId zone) {
        if (CastFunctions.isInfinite(timestamptz)) {
            return null;
        }
        long local = DateTimes.timestamptzToTimestamp(timestamptz, zone);
        int secondsWest = (int) Math.floorDiv(timestamptz - local, SEC_US);
        return new TimeTz(Math.floorMod(local, DAY_US), secondsWest);
    }

    /**
     * time_timetz: the session zone's offset on the current date (the transaction's) at that
     * time of day, as PostgreSQL's GetCurrentDateTime + DetermineTimeZoneOffset give it.
     */
    private static TimeTz timeAtSessionZone(long time, EvalContext c) {
        long local = DateTimeParts.today(c) * DAY_US + time;
        long instant = DateTimes.timestampToTimestamptz(local, zone(c));
        return new TimeTz(time, (int) Math.floorDiv(instant - local, SEC_US));
    }

    private static ZoneId zone(EvalContext c) {
        return CastFunctions.typeContext(c).timeZone();
    }
}
