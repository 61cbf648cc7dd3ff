package org.tusk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The pacing of a spread checkpoint's writes on a simulated clock: each nap
 * moves the clock by its length, writes take no time. No real time is
 * measured.
 */
class SpreadCheckpointWritesTest {

    private static final int SEGMENT = 16 << 20;
    private static final long MILLI = 1_000_000L;

    private long now;
    private long wal = 5L * SEGMENT;
    private boolean hurry;

    private SpreadCheckpointWrites pacer(double target, long timeoutMillis) {
        CheckpointSchedule schedule = new CheckpointSchedule(target, timeoutMillis, 1L << 30, SEGMENT, now, wal);
        return new SpreadCheckpointWrites(schedule, () -> hurry, () -> now, () -> wal, millis -> now += millis * MILLI);
    }

    private static void writeBuffers(SpreadCheckpointWrites pacer, int n, Runnable beforeEach) {
        for (int i = 1; i <= n; i++) {
            beforeEach.run();
            pacer.afterBuffer((double) i / n);
        }
    }

    @Test
    void writesEndAtTheCompletionTargetOfTheInterval() {
        SpreadCheckpointWrites pacer = pacer(0.5, 60_000);
        writeBuffers(pacer, 1000, () -> { });
        // 0.5 x 60 s: the last nap ends within one nap of 30 s
        assertTrue(now >= 30_000 * MILLI && now <= 30_100 * MILLI, "ended at " + now / MILLI + " ms");
        assertTrue(pacer.naps() >= 299 && pacer.naps() <= 301, pacer.naps() + " naps");
    }

    @Test
    void aRequestMidwayMakesTheRestGoAtFullSpeed() {
        SpreadCheckpointWrites pacer = pacer(0.9, 300_000);
        int[] written = {0};
        writeBuffers(pacer, 1000, () -> hurry = ++written[0] > 100);
        // the first 100 buffers are ahead of schedule (0.27 s each) and nap once each (one nap per buffer at
        // most, as CheckpointWriteDelay), the 900 after the request none
        assertEquals(100, pacer.naps());
        assertEquals(10_000 * MILLI, now);
    }

    @Test
    void fallingBehindOnWalWritesWithoutNaps() {
        SpreadCheckpointWrites pacer = pacer(0.9, 300_000);
        wal += 40L * SEGMENT;   // more than CheckPointSegments (33) of WAL since the start
        writeBuffers(pacer, 1000, () -> { });
        assertEquals(0, pacer.naps());
        assertEquals(0, now);
    }
}
