package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** timestamptz to timestamp (and back) shift by the session zone's offset at that instant, DST included. */
class TimeZoneShiftTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long PG_EPOCH_SECONDS = 946_684_800L; // 2000-01-01 00:00:00 UTC

    private static long pgMicros(String instant) {
        return (Instant.parse(instant).getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L;
    }

    @Test
    void theOffsetIsTheZonesAtThatInstant() {
        // the hour before and after Berlin's 2024 spring change (01:00 UTC: CET +1 -> CEST +2)
        assertEquals(pgMicros("2024-03-31T01:30:00Z"),
                DateTimes.timestamptzToTimestamp(pgMicros("2024-03-31T00:30:00Z"), BERLIN));
        assertEquals(pgMicros("2024-03-31T03:30:00Z"),
                DateTimes.timestamptzToTimestamp(pgMicros("2024-03-31T01:30:00Z"), BERLIN));
        // and the autumn change (01:00 UTC: CEST +2 -> CET +1)
        assertEquals(pgMicros("2024-10-27T02:30:00Z"),
                DateTimes.timestamptzToTimestamp(pgMicros("2024-10-27T00:30:00Z"), BERLIN));
        assertEquals(pgMicros("2024-10-27T02:30:00Z"),
                DateTimes.timestamptzToTimestamp(pgMicros("2024-10-27T01:30:00Z"), BERLIN));
    }

    @Test
    void fractionsAndFixedOffsetsAreKept() {
        long t = pgMicros("2026-11-22T10:00:00Z") + 123_456;
        assertEquals(t - 5 * 3_600_000_000L, DateTimes.timestamptzToTimestamp(t, ZoneOffset.ofHours(-5)));
        assertEquals(t, DateTimes.timestampToTimestamptz(DateTimes.timestamptzToTimestamp(t, BERLIN), BERLIN));
    }
}
