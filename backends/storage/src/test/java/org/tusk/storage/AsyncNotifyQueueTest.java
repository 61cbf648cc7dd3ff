package org.tusk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.shmem.Interrupts;
import org.tusk.shmem.ShmemSegment;

/** The shared LISTEN/NOTIFY ring: listener positions, database filter, wrap-around, a full queue, signals. */
class AsyncNotifyQueueTest {

    private static final int CAPACITY = 1024;

    @TempDir
    Path dir;

    private ShmemSegment segment;

    @BeforeEach
    void create() throws Exception {
        segment = ShmemSegment.create(dir.resolve("shm"), 4, dir.resolve("latches"),
                List.of(AsyncNotifyQueue.shmemRequest(4, CAPACITY)));
    }

    @AfterEach
    void close() {
        segment.close();
    }

    private static List<AsyncNotifyQueue.Notification> of(String... channelPayload) {
        List<AsyncNotifyQueue.Notification> out = new ArrayList<>();
        for (int i = 0; i < channelPayload.length; i += 2) {
            out.add(new AsyncNotifyQueue.Notification(0, 0, channelPayload[i], channelPayload[i + 1]));
        }
        return out;
    }

    @Test
    void listenersReadWhatWasCommittedAfterTheyListenedInTheirDatabase() {
        AsyncNotifyQueue sender = AsyncNotifyQueue.attach(segment, 0);
        AsyncNotifyQueue listener = AsyncNotifyQueue.attach(segment, 1);
        AsyncNotifyQueue otherDb = AsyncNotifyQueue.attach(segment, 2);
        assertTrue(sender.send(5, 100, of("c", "before")));
        listener.listen(5);
        otherDb.listen(6);
        segment.slot(1).consumeInterrupts(Interrupts.NOTIFY);
        assertTrue(sender.send(5, 100, of("c", "x", "d", "")));
        assertEquals(Interrupts.NOTIFY, segment.slot(1).consumeInterrupts(Interrupts.NOTIFY), "listener signalled");
        assertEquals(0, segment.slot(2).consumeInterrupts(Interrupts.NOTIFY), "other database not signalled");
        assertEquals(List.of(new AsyncNotifyQueue.Notification(5, 100, "c", "x"),
                new AsyncNotifyQueue.Notification(5, 100, "d", "")), listener.read());
        assertEquals(List.of(), listener.read());
        assertEquals(List.of(), otherDb.read());
        assertEquals(List.of(), sender.read(), "not listening");
    }

    @Test
    void aFullQueueRefusesUntilTheSlowestListenerReads() {
        AsyncNotifyQueue sender = AsyncNotifyQueue.attach(segment, 0);
        AsyncNotifyQueue slow = AsyncNotifyQueue.attach(segment, 1);
        slow.listen(1);
        String payload = "p".repeat(200);
        int sent = 0;
        while (sender.hasRoomFor(of("chan", payload))) {
            assertTrue(sender.send(1, 7, of("chan", payload)));
            sent++;
        }
        assertEquals(CAPACITY / (20 + 4 + 200), sent);
        assertFalse(sender.send(1, 7, of("chan", payload)));
        assertTrue(sender.usage() > 0.8);
        assertEquals(sent, slow.read().size());
        // the ring wraps around: entries cut at its end read back whole
        for (int round = 0; round < 10; round++) {
            assertTrue(sender.send(1, 7, of("chan", payload + round, "chan", "short")));
            assertEquals(of("chan", payload + round, "chan", "short").stream()
                    .map(n -> new AsyncNotifyQueue.Notification(1, 7, n.channel(), n.payload())).toList(), slow.read());
        }
        slow.unlisten();
        assertTrue(sender.hasRoomFor(of("chan", payload.repeat(4))), "a backend that stopped listening holds nothing");
    }
}
