package org.tusk.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.shmem.Interrupts;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;

/**
 * The LISTEN/NOTIFY queue (PostgreSQL's async.c, with a byte ring in shared
 * memory where PostgreSQL has its SLRU pages): committed notifications in
 * commit order, and for every backend slot whether it listens, in which
 * database, and how far it has read.
 *
 * <p>A backend appends its transaction's notifications right after its commit
 * became visible (so a listener that reads one and then queries sees the data
 * it announces), then raises {@link Interrupts#NOTIFY} in every slot that
 * listens in the same database. Each listener reads from its own position up
 * to the head; the oldest listener position is the tail, and a writer that
 * would overwrite unread bytes is refused: "too many notifications in the
 * NOTIFY queue" (checked before the commit, with {@link #hasRoomFor}).
 * Backends that do not listen hold nothing back.
 *
 * <p>All access is under one spinlock word of the area: entries are small and
 * both appending and reading copy a few bytes at a time.
 *
 * <p>Entry layout: int length (of the whole entry), int database OID, int
 * sender pid, int channel byte length, int payload byte length, then the
 * channel and payload in UTF-8. Positions are byte numbers that grow forever.
 */
public final class AsyncNotifyQueue {

    /** One delivered notification. */
    public record Notification(int databaseOid, int senderPid, String channel, String payload) {
    }

    /** Ring size: room for about a thousand maximal payloads, or tens of thousands of short ones. */
    public static final int DEFAULT_CAPACITY = 8 * 1024 * 1024;

    static final String AREA = "storage.async";
    private static final int LOCK = 0;
    private static final int HEAD = 8;
    private static final int SLOTS = 64;
    /** Per slot: int listening (0/1), int database OID, long read position. */
    private static final int SLOT_SIZE = 16;
    private static final int ENTRY_HEADER = 20;

    private final ShmemSegment segment;
    private final ShmemArea area;
    private final int ringStart;
    private final int capacity;
    private final int myIndex;

    private AsyncNotifyQueue(ShmemSegment segment, int myIndex) {
        this.segment = segment;
        this.area = segment.area(AREA);
        this.myIndex = myIndex;
        this.ringStart = SLOTS + segment.maxBackends() * SLOT_SIZE;
        this.capacity = area.size() - ringStart;
    }

    static ShmemRequest shmemRequest(int maxBackends) {
        return shmemRequest(maxBackends, DEFAULT_CAPACITY);
    }

    /** For tests that want a small ring. */
    public static ShmemRequest shmemRequest(int maxBackends, int capacity) {
        return new ShmemRequest(AREA, SLOTS + (long) maxBackends * SLOT_SIZE + capacity, 0);
    }

    /** The queue as seen by the backend in slot {@code slotIndex}. */
    public static AsyncNotifyQueue attach(ShmemSegment segment, int slotIndex) {
        return new AsyncNotifyQueue(segment, slotIndex);
    }

    /**
     * Exec_ListenPreCommit's registration: this backend listens in
     * {@code databaseOid} from the current head on (it sees only
     * notifications committed after its LISTEN). Idempotent.
     */
    public void listen(int databaseOid) {
        lock();
        try {
            int at = slotOffset(myIndex);
            if (area.getIntVolatile(at) != 0) {
                return;
            }
            area.putIntVolatile(at + 4, databaseOid);
            area.putLongVolatile(at + 8, area.getLongVolatile(HEAD));
            area.putIntVolatile(at, 1);
        } finally {
            unlock();
        }
    }

    /** asyncQueueUnregister: this backend listens to nothing any more (UNLISTEN *, the last channel, session end). */
    public void unlisten() {
        lock();
        try {
            area.putIntVolatile(slotOffset(myIndex), 0);
        } finally {
            unlock();
        }
    }

    public boolean isListening() {
        return area.getIntVolatile(slotOffset(myIndex)) != 0;
    }

    /** Whether notifications of these encoded sizes fit without overwriting what a listener has not read. */
    public boolean hasRoomFor(List<Notification> notifications) {
        long needed = 0;
        for (Notification n : notifications) {
            needed += encodedLength(n);
        }
        lock();
        try {
            return area.getLongVolatile(HEAD) + needed - tail() <= capacity;
        } finally {
            unlock();
        }
    }

    /**
     * Appends {@code notifications} (already committed) and signals every
     * backend listening in their database, this one included.
     *
     * @return false when they did not fit (a race with another committer after
     *         {@link #hasRoomFor}): nothing was appended
     */
    public boolean send(int databaseOid, int senderPid, List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return true;
        }
        List<byte[]> entries = new ArrayList<>(notifications.size());
        long needed = 0;
        for (Notification n : notifications) {
            byte[] e = encode(databaseOid, senderPid, n.channel(), n.payload());
            entries.add(e);
            needed += e.length;
        }
        List<Integer> listeners = new ArrayList<>();
        lock();
        try {
            long head = area.getLongVolatile(HEAD);
            if (head + needed - tail() > capacity) {
                return false;
            }
            for (byte[] e : entries) {
                putRing(head, e);
                head += e.length;
            }
            area.putLongVolatile(HEAD, head);
            for (int i = 0; i < segment.maxBackends(); i++) {
                int at = slotOffset(i);
                if (area.getIntVolatile(at) != 0 && area.getIntVolatile(at + 4) == databaseOid) {
                    listeners.add(i);
                }
            }
        } finally {
            unlock();
        }
        for (int i : listeners) {
            ProcSlot slot = segment.slot(i);
            slot.raiseInterrupt(Interrupts.NOTIFY);
        }
        return true;
    }

    /**
     * asyncQueueReadAllNotifications: every notification of this backend's
     * database committed since its last read, in commit order, and advances
     * its position. Empty when it does not listen.
     */
    public List<Notification> read() {
        List<Notification> out = new ArrayList<>();
        lock();
        try {
            int at = slotOffset(myIndex);
            if (area.getIntVolatile(at) == 0) {
                return out;
            }
            int database = area.getIntVolatile(at + 4);
            long pos = area.getLongVolatile(at + 8);
            long head = area.getLongVolatile(HEAD);
            while (pos < head) {
                byte[] header = getRing(pos, ENTRY_HEADER);
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN);
                int length = h.getInt();
                int db = h.getInt();
                int pid = h.getInt();
                int channelLength = h.getInt();
                int payloadLength = h.getInt();
                if (db == database) {
                    byte[] body = getRing(pos + ENTRY_HEADER, channelLength + payloadLength);
                    out.add(new Notification(db, pid, new String(body, 0, channelLength, StandardCharsets.UTF_8),
                            new String(body, channelLength, payloadLength, StandardCharsets.UTF_8)));
                }
                pos += length;
            }
            area.putLongVolatile(at + 8, pos);
        } finally {
            unlock();
        }
        return out;
    }

    /** pg_notification_queue_usage: the fraction of the ring held by unread notifications. */
    public double usage() {
        lock();
        try {
            return (double) (area.getLongVolatile(HEAD) - tail()) / capacity;
        } finally {
            unlock();
        }
    }

    /** The oldest position some listener has not read past (the head when nobody listens). Under the lock. */
    private long tail() {
        long tail = area.getLongVolatile(HEAD);
        for (int i = 0; i < segment.maxBackends(); i++) {
            int at = slotOffset(i);
            if (area.getIntVolatile(at) != 0) {
                tail = Math.min(tail, area.getLongVolatile(at + 8));
            }
        }
        return tail;
    }

    static int encodedLength(Notification n) {
        return ENTRY_HEADER + n.channel().getBytes(StandardCharsets.UTF_8).length
                + (n.payload() == null ? 0 : n.payload().getBytes(StandardCharsets.UTF_8).length);
    }

    private static byte[] encode(int databaseOid, int senderPid, String channel, String payload) {
        byte[] c = channel.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload == null ? new byte[0] : payload.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(ENTRY_HEADER + c.length + p.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(ENTRY_HEADER + c.length + p.length).putInt(databaseOid).putInt(senderPid)
                .putInt(c.length).putInt(p.length).put(c).put(p);
        return b.array();
    }

    private void putRing(long position, byte[] bytes) {
        int offset = (int) (position % capacity);
        int first = Math.min(bytes.length, capacity - offset);
        area.putBytes(ringStart + offset, bytes, 0, first);
        if (first < bytes.length) {
            area.putBytes(ringStart, bytes, first, bytes.length - first);
        }
    }

    private byte[] getRing(long position, int length) {
        byte[] bytes = new byte[length];
        int offset = (int) (position % capacity);
        int first = Math.min(length, capacity - offset);
        area.getBytes(ringStart + offset, bytes, 0, first);
        if (first < length) {
            area.getBytes(ringStart, bytes, first, length - first);
        }
        return bytes;
    }

    private static int slotOffset(int index) {
        return SLOTS + index * SLOT_SIZE;
    }

    private void lock() {
        int spins = 0;
        while (!area.compareAndSetInt(LOCK, 0, 1)) {
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private void unlock() {
        area.putIntVolatile(LOCK, 0);
    }
}
