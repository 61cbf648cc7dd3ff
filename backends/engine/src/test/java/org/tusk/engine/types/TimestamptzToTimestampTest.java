package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** timestamptz::timestamp is the wall-clock time in the session's zone, DST transitions included. */
class TimestamptzToTimestampTest {

    @Test
    void localTimeIsTheWallClockInTheZone() {
        String[] zones = {"UTC", "Etc/UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
            "Asia/Kathmandu", "+05:30", "-08:00"};
        // around Berlin's and New York's 2024 transitions, before the PostgreSQL epoch, and far out
        long[] unixSeconds = {1711846799L, 1711846800L, 1711850400L, 1730595600L, 1730599200L, 1710054000L,
            946684799L, 946684800L, -2_000_000_000L, 4_000_000_000L, 0L};
        for (String name : zones) {
            ZoneId zone = ZoneId.of(name);
            for (long unix : unixSeconds) {
                for (long micro : new long[] {0, 1, 999_999}) {
                    long pgMicros = (unix - DateTimes.PG_EPOCH_UNIX_SECONDS) * 1_000_000L + micro;
                    LocalDateTime wall = LocalDateTime.ofInstant(Instant.ofEpochSecond(unix, micro * 1000), zone);
                    long expected = (wall.toEpochSecond(ZoneOffset.UTC) - DateTimes.PG_EPOCH_UNIX_SECONDS)
                            * 1_000_000L + micro;
                    assertEquals(expected, DateTimes.timestamptzToTimestamp(pgMicros, zone), name + " at " + unix);
                }
            }
        }
    }
}
