package org.tusk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

/** IsCheckpointOnSchedule and CheckPointSegments, on a made-up clock and WAL position. */
class CheckpointScheduleTest {

    private static final int SEGMENT = 16 << 20;
    private static final long GB = 1L << 30;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void checkpointSegmentsAreMaxWalSizeOverOnePlusTheTarget() {
        assertEquals(33, CheckpointSchedule.checkpointSegments(GB, SEGMENT, 0.9));   // PostgreSQL 15's defaults
        assertEquals(64, CheckpointSchedule.checkpointSegments(GB, SEGMENT, 0));
        assertEquals(32, CheckpointSchedule.checkpointSegments(GB, SEGMENT, 1));
        assertEquals(1, CheckpointSchedule.checkpointSegments(32L << 20, SEGMENT, 0.9), "at least one");
    }

    @Test
    void walCheckpointIsNeededOnceInsertsReachCheckPointSegmentsPastTheRedoSegment() {
        long redo = 10L * SEGMENT + 1234;
        assertFalse(CheckpointSchedule.walCheckpointNeeded(redo, 42L * SEGMENT + SEGMENT - 8, SEGMENT, 33));
        assertTrue(CheckpointSchedule.walCheckpointNeeded(redo, 43L * SEGMENT, SEGMENT, 33));
    }

    @Test
    void onScheduleWhileProgressTimesTargetIsAheadOfElapsedTime() {
        // 300 s timeout, target 0.9: half the buffers written should take until 135 s
        CheckpointSchedule schedule = new CheckpointSchedule(0.9, 300_000, GB, SEGMENT, 1000, 5L * SEGMENT);
        assertTrue(schedule.onSchedule(0.5, 1000 + 100 * SECOND, 5L * SEGMENT));
        assertTrue(schedule.onSchedule(0.5, 1000 + 135 * SECOND, 5L * SEGMENT));
        assertFalse(schedule.onSchedule(0.5, 1000 + 136 * SECOND, 5L * SEGMENT));
        assertTrue(schedule.onSchedule(1.0, 1000 + 269 * SECOND, 5L * SEGMENT));
        assertFalse(schedule.onSchedule(1.0, 1000 + 271 * SECOND, 5L * SEGMENT));
    }

    @Test
    void walWrittenSinceTheStartCountsAgainstCheckPointSegments() {
        CheckpointSchedule schedule = new CheckpointSchedule(0.9, 300_000, GB, SEGMENT, 0, 5L * SEGMENT);
        // 0.5 x 0.9 = 0.45 of 33 segments = 14.85 segments of WAL
        assertTrue(schedule.onSchedule(0.5, SECOND, 5L * SEGMENT + 14L * SEGMENT));
        assertFalse(schedule.onSchedule(0.5, SECOND, 5L * SEGMENT + 15L * SEGMENT),
                "behind on WAL although ahead on time");
    }

    @Test
    void theStartLineNamesTheFlagsInPostgresOrder() {
        assertEquals(" immediate force wait", CheckpointFlag.describe(
                EnumSet.of(CheckpointFlag.WAIT, CheckpointFlag.FORCE, CheckpointFlag.IMMEDIATE)));
        assertEquals(" shutdown immediate",
                CheckpointFlag.describe(EnumSet.of(CheckpointFlag.IMMEDIATE, CheckpointFlag.IS_SHUTDOWN)));
        assertEquals(" time", CheckpointFlag.describe(EnumSet.of(CheckpointFlag.CAUSE_TIME)));
    }
}
