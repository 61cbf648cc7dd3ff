package org.tusk.storage;

import java.util.List;
import java.util.function.Consumer;

import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;

/**
 * The shared cache invalidation queue (PostgreSQL's sinvaladt.c): a ring of
 * fixed-size messages in shared memory. A backend that commits catalog
 * changes appends messages naming what changed (a relation's relcache
 * entry, a catalog's cached lookups); every backend reads the messages
 * appended since its last read at transaction start and after taking a
 * heavyweight lock, and drops the cache entries they name. Messages are
 * appended after the commit is visible and before the committer's locks are
 * released, so a backend that locks a relation after a DDL committed on it
 * always sees the message.
 *
 * <p>Readers take no lock: each keeps its own position (a message number;
 * numbers grow forever) and reads between it and the published end. The
 * ring holds {@link #CAPACITY} messages; a reader that fell further behind
 * than that, or whose messages a writer may have overwritten while it read
 * them, is told to reset: drop all its caches (PostgreSQL's "catchup
 * interrupt" is not needed for that, only for speed). Writers serialize on a
 * spinlock word in the area and announce what they are about to overwrite
 * ({@code reserved}) before writing, then publish.
 */
public final class SharedInvalidationQueue {

    /** A message: {@code kind}, the database it concerns (0 = shared catalogs / all), and the object. */
    public record Message(int kind, int databaseOid, int objectOid) {
    }

    /** Drop the relcache entry of relation {@code objectOid} (0: every relation of the database). */
    public static final int RELCACHE = 1;
    /** Drop the cached lookups in catalog {@code objectOid} (e.g. pg_namespace's name to OID map). */
    public static final int CATCACHE = 2;
    /** Drop everything (the sender had too many messages to send). */
    public static final int RESET = 3;

    /** MAXNUMMESSAGES. */
    public static final int CAPACITY = 4096;

    static final String AREA = "storage.sinval";
    private static final int RESERVED = 0;
    private static final int PUBLISHED = 8;
    private static final int WRITE_LOCK = 16;
    private static final int MESSAGES = 64;
    private static final int MESSAGE_SIZE = 16;
    /** A sender with more messages than this sends one RESET instead (readers would overflow anyway). */
    private static final int MAX_BATCH = CAPACITY / 4;

    private final ShmemArea area;

    private SharedInvalidationQueue(ShmemArea area) {
        this.area = area;
    }

    static ShmemRequest shmemRequest() {
        return new ShmemRequest(AREA, MESSAGES + (long) CAPACITY * MESSAGE_SIZE, 0);
    }

    public static SharedInvalidationQueue attach(ShmemSegment segment) {
        return new SharedInvalidationQueue(segment.area(AREA));
    }

    /** The number of the next message to be appended: where a new backend starts reading. */
    public long position() {
        return area.getLongVolatile(PUBLISHED);
    }

    /** SIInsertDataEntries: appends {@code messages} (in order) for every backend to read. */
    public void send(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        if (messages.size() > MAX_BATCH) {
            messages = List.of(new Message(RESET, 0, 0));
        }
        lock();
        try {
            long end = area.getLongVolatile(PUBLISHED);
            area.putLongVolatile(RESERVED, end + messages.size());
            for (Message m : messages) {
                int at = slot(end++);
                area.putIntVolatile(at, m.kind());
                area.putIntVolatile(at + 4, m.databaseOid());
                area.putIntVolatile(at + 8, m.objectOid());
            }
            area.putLongVolatile(PUBLISHED, end);
        } finally {
            area.putIntVolatile(WRITE_LOCK, 0);
        }
    }

    /**
     * SIGetDataEntries: hands every message from {@code from} on to
     * {@code apply}, or none if the reader must reset its caches instead.
     *
     * @return the reader's new position, negated minus one ({@code -(pos) - 1})
     *         when it must reset (its messages were lost)
     */
    public long read(long from, Consumer<Message> apply) {
        long end = area.getLongVolatile(PUBLISHED);
        if (end == from) {
            return from;
        }
        if (end - from > CAPACITY || from > end) {
            return -end - 1;
        }
        Message[] read = new Message[(int) (end - from)];
        for (long n = from; n < end; n++) {
            int at = slot(n);
            read[(int) (n - from)] = new Message(area.getIntVolatile(at), area.getIntVolatile(at + 4),
                    area.getIntVolatile(at + 8));
        }
        // a writer may have started overwriting the oldest of them meanwhile
        if (area.getLongVolatile(RESERVED) - from > CAPACITY) {
            return -end - 1;
        }
        for (Message m : read) {
            apply.accept(m);
        }
        return end;
    }

    private static int slot(long number) {
        return MESSAGES + (int) (number % CAPACITY) * MESSAGE_SIZE;
    }

    private void lock() {
        int spins = 0;
        while (!area.compareAndSetInt(WRITE_LOCK, 0, 1)) {
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }
}
