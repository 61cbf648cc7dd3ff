package org.tusk.shmem.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A latch socket's waits: a wake-up ends one, a timeout ends one, whatever timeout the previous wait had. */
class LatchSocketTest {

    @TempDir
    Path dir;

    @Test
    void eachWaitKeepsItsOwnTimeoutWhenTheSocketSkipsResettingAnUnchangedOne() throws Exception {
        try (LatchSocket latch = LatchSocket.bind(dir.resolve("latch")); LatchWaker waker = new LatchWaker()) {
            assertFalse(latch.await(20), "nothing sent: the wait times out");
            assertFalse(latch.await(20), "the same timeout again (not set a second time) still applies");

            // no timeout: only a wake-up ends it
            CompletableFuture<Boolean> untimed = CompletableFuture.supplyAsync(() -> {
                try {
                    return latch.await(0);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(100);
            assertFalse(untimed.isDone(), "a wait without timeout outlasts the earlier 20 ms timeout");
            assertTrue(waker.wake(LatchWaker.address(latch.path())));
            assertTrue(untimed.get(30, TimeUnit.SECONDS), "woken by the datagram");

            assertFalse(latch.await(20), "a timeout after an untimed wait is set again");
            assertTrue(waker.wake(LatchWaker.address(latch.path())));
            assertTrue(latch.await(20), "a queued wake-up is received at once");
        }
    }
}
