package org.tusk.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.buffer.BgWriterRound;
import org.tusk.buffer.BgWriterSettings;
import org.tusk.buffer.BufferManager;

/** The checkpointer survives ERRORs of its background-writer rounds and retries failed checkpoints soon. */
class CheckpointerErrorTest {

    /** A buffer manager whose bgBufferSync fails the first {@code failures} times. */
    private static BufferManager failingWriter(int failures, AtomicInteger calls) {
        return (BufferManager) Proxy.newProxyInstance(BufferManager.class.getClassLoader(),
                new Class<?>[] {BufferManager.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("bgBufferSync")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (calls.incrementAndGet() <= failures) {
                        throw PgException.error(SqlState.IO_ERROR,
                                "could not write block 0 in file \"base/5/24829_vm\": No such file or directory");
                    }
                    return new BgWriterRound(0, 0, true);
                });
    }

    @Test
    void aFailedBackgroundWriteRoundIsReportedAndTheNextOneRuns() {
        AtomicInteger calls = new AtomicInteger();
        BufferManager buffers = failingWriter(2, calls);
        // before: the exception left Checkpointer.run and the postmaster reset the whole cluster
        assertFalse(Checkpointer.backgroundWrite(buffers, BgWriterSettings.DEFAULTS));
        assertFalse(Checkpointer.backgroundWrite(buffers, BgWriterSettings.DEFAULTS), "a persistent failure fails (and is logged) every round");
        assertTrue(Checkpointer.backgroundWrite(buffers, BgWriterSettings.DEFAULTS));
        assertEquals(3, calls.get());
    }

    @Test
    void aFailedCheckpointIsRetriedSoonAndACompletedOneWaitsTheTimeout() {
        long now = 1_000_000_000_000L;
        long timeout = 300_000;
        assertEquals(now, Checkpointer.nextCheckpointBase(true, now, timeout));
        long base = Checkpointer.nextCheckpointBase(false, now, timeout);
        long dueInMillis = timeout - (now - base) / 1_000_000;
        assertEquals(Checkpointer.CHECKPOINT_RETRY_MILLIS, dueInMillis);
        assertEquals(now, Checkpointer.nextCheckpointBase(false, now, 5_000), "a short timeout is already soon");
    }
}
