package org.tusk.shmem;

import static org.tusk.shmem.internal.SegmentLayout.*;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.tusk.api.backend.BackendActivity;
import org.tusk.api.backend.BackendSslStatus;
import org.tusk.shmem.internal.LatchSocket;
import org.tusk.shmem.internal.LatchWaker;
import org.tusk.shmem.internal.SharedMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backend's entry in shared memory: PostgreSQL's PGPROC (pid, cancel key,
 * interrupt bits, latch, LWLock wait-queue link) plus its PgBackendStatus (the
 * pg_stat_activity row).
 *
 * <p>Who writes what: pid and cancel key are set by the postmaster or the
 * backend when the slot is handed out; interrupt bits are OR-ed in by anybody
 * and consumed by the owner; the latch is set by anybody and waited on only by
 * the process that called {@link #ownLatch()}; the activity fields are written
 * only by the owner, under the changecount protocol, and read by anybody.
 *
 * <p>Instances are per process (made once by {@link ShmemSegment}); the
 * per-process state they carry (the bound latch socket, the LWLocks held) is
 * meant for one thread of the owning process at a time, like a PostgreSQL
 * backend's MyProc.
 */
public final class ProcSlot {

    private static final Logger LOG = LoggerFactory.getLogger(ProcSlot.class);

    /** Values of the LWLock wait state word (PostgreSQL's LW_WS_*). */
    static final int LW_WS_NOT_WAITING = 0;
    static final int LW_WS_WAITING = 1;
    static final int LW_WS_PENDING_WAKEUP = 2;

    private static final int FLAG_SESSION = 1;
    private static final int FLAG_QUERY_START = 2;
    private static final int FLAG_STATE_CHANGE = 4;
    private static final int FLAG_SSL = 8;
    /** The session is running a statement (pg_stat_activity state 'active'). */
    private static final int FLAG_ACTIVE = 16;

    private static final String CLIENT_BACKEND = "client backend";
    /** Longest single sleep on the latch socket: a safety net against any lost datagram, at ~no CPU cost. */
    private static final int MAX_SLEEP_MILLIS = 1000;
    /** How long a reader retries a slot whose writer seems stuck mid-write (a dead writer) before skipping it. */
    private static final long READ_GIVE_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ShmemSegment segment;
    private final SharedMemory memory;
    private final int index;
    private final int base;
    private final Path latchPath;
    private final Path semaphorePath;
    private SocketAddress latchAddress;
    private SocketAddress semaphoreAddress;
    private volatile LatchSocket ownedLatch;
    /**
     * A second socket for LWLock waits (PostgreSQL keeps PGPROC's semaphore apart
     * from its latch too): a thread sleeping in waitLatch and another sleeping in
     * LWLock.acquire must not steal each other's wake-ups.
     */
    private volatile LatchSocket ownedSemaphore;

    /** Threads of this process waiting in waitLatch besides the one on the socket wait on this. */
    private final Object latchWaiters = new Object();
    /** Guarded by latchWaiters: a thread of this process sleeps on the latch socket. */
    private boolean latchSleeperActive;
    /** Guarded by latchWaiters: counts sets consumed by the socket sleeper, so monitor waiters see them. */
    private long latchGeneration;
    /**
     * Per thread of the owner: the latchGeneration it has accounted for (as of its last return from waitLatch,
     * or its first wait). A set that another thread consumed after that is still "set" for this thread, as a
     * PostgreSQL latch stays set until its waiter resets it: without this, a set consumed by the interrupt
     * watcher between the session's check of its condition (a lock grant) and its monitor wait was lost and
     * the session slept until its timeout (deadlock_timeout, or for ever after the deadlock check).
     */
    private final ThreadLocal<long[]> latchGenerationSeen = new ThreadLocal<>();

    /** LWLocks this process holds through this slot, in acquisition order (PostgreSQL's held_lwlocks). */
    final HeldLWLocks heldLocks = new HeldLWLocks();

    ProcSlot(ShmemSegment segment, SharedMemory memory, int index, Path latchDirectory) {
        this.segment = segment;
        this.memory = memory;
        this.index = index;
        this.base = slot(index);
        this.latchPath = latchDirectory.resolve("latch." + index);
        this.semaphorePath = latchDirectory.resolve("sem." + index);
    }

    public int index() {
        return index;
    }

    // --- identity ------------------------------------------------------------

    public int pid() {
        return memory.getIntVolatile(base + P_PID);
    }

    public void setPid(int pid) {
        memory.putIntVolatile(base + P_PID, pid);
    }

    public int cancelKey() {
        return memory.getIntVolatile(base + P_CANCEL_KEY);
    }

    public void setCancelKey(int key) {
        memory.putIntVolatile(base + P_CANCEL_KEY, key);
    }

    // --- interrupts ----------------------------------------------------------

    /** ORs {@code bits} (see {@link Interrupts}) into the slot, then wakes its owner. */
    public void raiseInterrupt(int bits) {
        memory.getAndBitwiseOrInt(base + P_INTERRUPTS, bits);
        setLatch();
    }

    /**
     * A cancel request (CancelRequest packet, pg_cancel_backend): raises CANCEL
     * only while the session runs a statement. PostgreSQL ignores SIGINT while
     * a backend waits for a command; deciding here, before the requester hears
     * back, keeps a cancel of an idle session from hitting the statement the
     * client sends next (the owner's latch watcher acts on the bit later).
     *
     * @return whether the bit was raised
     */
    public boolean requestCancel() {
        if ((memory.getIntVolatile(base + A_FLAGS) & FLAG_ACTIVE) == 0) {
            return false;
        }
        raiseInterrupt(Interrupts.CANCEL);
        return true;
    }

    public int peekInterrupts() {
        return memory.getIntVolatile(base + P_INTERRUPTS);
    }

    /** Atomically clears the bits of {@code mask}; returns those of them that were set. */
    public int consumeInterrupts(int mask) {
        return memory.getAndBitwiseAndInt(base + P_INTERRUPTS, ~mask) & mask;
    }

    // --- wait events -----------------------------------------------------------

    /**
     * pgstat_report_wait_start: publishes that the owner now waits for {@code waitEvent} (a {@link WaitEvent}
     * value) and returns the wait it replaces, for {@link #endWait}. Owner only. A release store and no fence:
     * readers sample it without any synchronisation, as PostgreSQL's do, so a stale value for a moment is fine;
     * what matters is that it costs next to nothing on paths that wait often.
     */
    public int beginWait(int waitEvent) {
        int previous = memory.getInt(base + P_WAIT_EVENT);
        memory.putIntRelease(base + P_WAIT_EVENT, waitEvent);
        return previous;
    }

    /** pgstat_report_wait_end: back to {@code previous}, what {@link #beginWait} returned (nested waits). */
    public void endWait(int previous) {
        memory.putIntRelease(base + P_WAIT_EVENT, previous);
    }

    /** The owner's current wait, {@link WaitEvent#NONE} when it runs (or sleeps on nothing it reports). */
    public int waitEvent() {
        return memory.getIntVolatile(base + P_WAIT_EVENT);
    }

    // --- latch ---------------------------------------------------------------

    /**
     * Makes the calling process the owner of this slot's latch: binds the Unix
     * datagram sockets {@code <latchSocketDirectory>/latch.<index>} and, for
     * LWLock waits, {@code sem.<index>} (removing ones a dead owner left
     * behind). Idempotent within a process.
     */
    public synchronized void ownLatch() throws IOException {
        if (ownedLatch != null) {
            return;
        }
        memory.putIntVolatile(base + P_OWNER_SLEEPING, 0);
        memory.putIntVolatile(base + P_SEM_SLEEPING, 0);
        memory.putIntVolatile(base + P_WAIT_EVENT, WaitEvent.NONE);
        LatchSocket semaphore = LatchSocket.bind(semaphorePath);
        try {
            ownedLatch = LatchSocket.bind(latchPath);
        } catch (IOException e) {
            semaphore.close();
            throw e;
        }
        ownedSemaphore = semaphore;
        memory.putIntVolatile(base + P_OWNER_PID, (int) ProcessHandle.current().pid());
    }

    /** Gives up ownership (a pooled backend leaving the slot): closes and removes the socket. */
    public synchronized void disownLatch() throws IOException {
        LatchSocket latch = ownedLatch;
        LatchSocket semaphore = ownedSemaphore;
        if (latch == null) {
            return;
        }
        ownedLatch = null;
        ownedSemaphore = null;
        memory.compareAndSetInt(base + P_OWNER_PID, (int) ProcessHandle.current().pid(), 0);
        try {
            latch.close();
        } finally {
            semaphore.close();
        }
    }

    /** Whether this process owns the latch. */
    public boolean ownsLatch() {
        return ownedLatch != null;
    }

    /**
     * Sets the latch and, if its owner is sleeping or about to, sends it a
     * datagram. Any process, any thread. Cheap when the latch is already set:
     * whoever set it first is responsible for the wake-up.
     */
    public void setLatch() {
        if (memory.getIntVolatile(base + P_LATCH_SET) != 0) {
            return;
        }
        if (memory.getAndSetInt(base + P_LATCH_SET, 1) != 0) {
            return;
        }
        wakeOwner();
    }

    /**
     * Waits until the latch is set, then resets it and returns true; returns
     * false if {@code timeoutMillis} passes first ({@code 0}: just poll; a
     * negative value: no timeout). Owner only. The thread sleeps in a blocking
     * receive, so a long wait costs no CPU. Like PostgreSQL's WaitLatch it may
     * return true for a set that has nothing to do with the caller's condition,
     * so callers re-check their condition in a loop.
     *
     * <p>Several threads of the owning process may wait at once (a backend's
     * interrupt watcher and its session thread waiting for a lock): one sleeps
     * on the socket, the others on a monitor, and every set wakes them all.
     */
    public boolean waitLatch(long timeoutMillis) throws IOException {
        LatchSocket latch = ownedLatch;
        if (latch == null) {
            throw new IllegalStateException("latch of slot " + index + " is not owned by this process");
        }
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long[] seenByMe = latchGenerationSeen.get();
        for (;;) {
            synchronized (latchWaiters) {
                if (seenByMe == null) {
                    seenByMe = new long[] {latchGeneration};
                    latchGenerationSeen.set(seenByMe);
                } else if (seenByMe[0] != latchGeneration) {
                    // another thread consumed a set since we last looked: it counts for us too
                    seenByMe[0] = latchGeneration;
                    return true;
                }
                long seen = latchGeneration;
                while (latchSleeperActive) {
                    // another thread of this process sleeps on the socket and wakes us all when it sees a set
                    int millis = sleepMillis(deadline);
                    if (millis == 0) {
                        return false;
                    }
                    try {
                        latchWaiters.wait(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    if (latchGeneration != seen) {
                        seenByMe[0] = latchGeneration;
                        return true;
                    }
                }
                latchSleeperActive = true;
            }
            boolean set = false;
            try {
                set = sleepUntil(this::consumeLatch, deadline, latch, P_OWNER_SLEEPING);
            } finally {
                synchronized (latchWaiters) {
                    latchSleeperActive = false;
                    if (set) {
                        latchGeneration++;
                    }
                    seenByMe[0] = latchGeneration;
                    latchWaiters.notifyAll();
                }
            }
            return set;
        }
    }

    /** The latch flag, without resetting it. */
    public boolean isLatchSet() {
        return memory.getIntVolatile(base + P_LATCH_SET) != 0;
    }

    private boolean consumeLatch() {
        // Only the owner resets; a concurrent setLatch that saw 1 merges into this set.
        if (memory.getIntVolatile(base + P_LATCH_SET) == 0) {
            return false;
        }
        memory.putIntVolatile(base + P_LATCH_SET, 0);
        return true;
    }

    /** Sends a datagram to the owner if it announced that it sleeps on its latch. Call after setting the latch. */
    void wakeOwner() {
        // Dekker-style pairing with sleepUntil: we wrote the condition, then read SLEEPING;
        // the sleeper wrote SLEEPING, then reads the condition. Volatile accesses are
        // sequentially consistent, so at least one of the two sides sees the other.
        if (memory.getIntVolatile(base + P_OWNER_SLEEPING) != 0) {
            segment.latchWaker().wake(latchAddress());
        }
    }

    /** The same for a waiter in LWLock.acquire; call after marking it NOT_WAITING. */
    void wakeLWLockWaiter() {
        if (memory.getIntVolatile(base + P_SEM_SLEEPING) != 0) {
            segment.latchWaker().wake(semaphoreAddress());
        }
    }

    boolean isOwnerSleeping() {
        return memory.getIntVolatile(base + P_OWNER_SLEEPING) != 0;
    }

    boolean isLWLockWaiterSleeping() {
        return memory.getIntVolatile(base + P_SEM_SLEEPING) != 0;
    }

    private synchronized SocketAddress latchAddress() {
        if (latchAddress == null) {
            latchAddress = LatchWaker.address(latchPath);
        }
        return latchAddress;
    }

    private synchronized SocketAddress semaphoreAddress() {
        if (semaphoreAddress == null) {
            semaphoreAddress = LatchWaker.address(semaphorePath);
        }
        return semaphoreAddress;
    }

    /**
     * Blocks until {@code condition} holds or {@code deadlineNanos} (a
     * System.nanoTime value; Long.MAX_VALUE = never) passes, and returns the
     * condition's last value. The condition must be something a waker
     * publishes before calling {@link #wakeOwner()}.
     */
    private boolean sleepUntil(BooleanSupplier condition, long deadlineNanos, LatchSocket socket, int sleepingFlag)
            throws IOException {
        for (;;) {
            if (condition.getAsBoolean()) {
                return true;
            }
            int sleepMillis = sleepMillis(deadlineNanos);
            if (sleepMillis == 0) {
                return false;
            }
            memory.putIntVolatile(base + sleepingFlag, 1);
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
                socket.await(sleepMillis);
            } finally {
                memory.putIntVolatile(base + sleepingFlag, 0);
            }
        }
    }

    private static int sleepMillis(long deadlineNanos) {
        if (deadlineNanos == Long.MAX_VALUE) {
            return MAX_SLEEP_MILLIS;
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(MAX_SLEEP_MILLIS, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
    }

    /**
     * Waits (for an LWLock) until our wait state is NOT_WAITING. Sleeps on the
     * semaphore socket when this process owns the slot, else polls with short parks.
     * Never throws: a socket failure degrades to polling, because leaving the
     * lock's wait queue in a half state would be worse.
     */
    void awaitLWLockWakeup() {
        LatchSocket semaphore = ownedSemaphore;
        BooleanSupplier woken = () -> lwWaitState() == LW_WS_NOT_WAITING;
        if (semaphore != null) {
            try {
                sleepUntil(woken, Long.MAX_VALUE, semaphore, P_SEM_SLEEPING);
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("waiting on LWLock socket of slot {} failed, polling instead: {}", index, e.toString());
            }
        }
        long park = TimeUnit.MICROSECONDS.toNanos(20);
        while (!woken.getAsBoolean()) {
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    // --- LWLock wait-queue fields (guarded by the lock's wait-list bit) ---------

    int lwWaitState() {
        return memory.getIntVolatile(base + P_LW_WAITING);
    }

    void setLwWaitState(int state) {
        memory.putIntVolatile(base + P_LW_WAITING, state);
    }

    int lwWaitMode() {
        return memory.getIntVolatile(base + P_LW_WAIT_MODE);
    }

    void setLwWaitMode(int mode) {
        memory.putIntVolatile(base + P_LW_WAIT_MODE, mode);
    }

    int lwWaitNext() {
        return memory.getIntVolatile(base + P_LW_WAIT_NEXT);
    }

    void setLwWaitNext(int next) {
        memory.putIntVolatile(base + P_LW_WAIT_NEXT, next);
    }

    ShmemSegment segment() {
        return segment;
    }

    // --- activity (pg_stat_activity) ---------------------------------------------

    /** Starts a session's row: identity fields set, state and query cleared. Owner only. */
    public void publishSession(String user, String database, String applicationName, String clientAddress,
            int clientPort, Instant backendStart) {
        beginWrite();
        try {
            putString(STR_USER, user);
            putString(STR_DATABASE, database);
            putString(STR_APPLICATION, applicationName);
            putString(STR_CLIENT_ADDR, clientAddress);
            putString(STR_STATE, null);
            putString(STR_QUERY, null);
            publishedState = NOT_PUBLISHED;
            publishedQuery = NOT_PUBLISHED;
            for (int i = STR_SSL_VERSION; i <= STR_SSL_ISSUER_DN; i++) {
                putString(i, null);
            }
            memory.putInt(base + A_SSL_BITS, 0);
            memory.putInt(base + A_CLIENT_PORT, clientPort);
            memory.putLong(base + A_BACKEND_START, toMicros(backendStart == null ? Instant.now() : backendStart));
            memory.putLong(base + A_QUERY_START, 0);
            memory.putLong(base + A_STATE_CHANGE, 0);
            memory.putInt(base + A_FLAGS, FLAG_SESSION);
        } finally {
            endWrite();
        }
    }

    /** The session runs over TLS: fills its pg_stat_ssl row. Owner only, after {@link #publishSession}. */
    public void publishSsl(BackendSslStatus ssl) {
        beginWrite();
        try {
            putString(STR_SSL_VERSION, ssl.version());
            putString(STR_SSL_CIPHER, ssl.cipher());
            putString(STR_SSL_CLIENT_DN, ssl.clientDn());
            putString(STR_SSL_CLIENT_SERIAL, ssl.clientSerial());
            putString(STR_SSL_ISSUER_DN, ssl.issuerDn());
            memory.putInt(base + A_SSL_BITS, ssl.bits());
            memory.putInt(base + A_FLAGS, memory.getInt(base + A_FLAGS) | FLAG_SSL);
        } finally {
            endWrite();
        }
    }

    /** SET application_name. Owner only. */
    public void publishApplicationName(String applicationName) {
        beginWrite();
        try {
            putString(STR_APPLICATION, applicationName);
        } finally {
            endWrite();
        }
    }

    /**
     * pgstat_report_activity: sets state and state_change = now; when
     * {@code query} is not null it replaces the query text, and when the state
     * is "active" query_start = now. A null query keeps the last one (an idle
     * row shows the last statement). Owner only.
     */
    /**
     * The state and query objects {@link #publishActivity} last wrote into this slot (owner only, compared by
     * identity); {@link #NOT_PUBLISHED} after anything else rewrote or cleared them.
     */
    private String publishedState = NOT_PUBLISHED;
    private String publishedQuery = NOT_PUBLISHED;
    private static final String NOT_PUBLISHED = new String("not published");

    public void publishActivity(String state, String query) {
        long now = toMicros(Instant.now());
        beginWrite();
        try {
            int flags = memory.getInt(base + A_FLAGS) | FLAG_STATE_CHANGE;
            // twice per statement: the same state literal and (prepared statements) the same query text object
            // as last time are already in the slot, so they are not encoded and copied again
            if (state != publishedState) {
                putEncoded(STR_STATE, state == null ? null : encodedState(state));
                publishedState = state;
            }
            memory.putLong(base + A_STATE_CHANGE, now);
            if (query != null && query != publishedQuery) {
                putString(STR_QUERY, query);
                publishedQuery = query;
            }
            if ("active".equals(state)) {
                memory.putLong(base + A_QUERY_START, now);
                flags |= FLAG_QUERY_START | FLAG_ACTIVE;
            } else {
                flags &= ~FLAG_ACTIVE;
            }
            // plain: endWrite's release store publishes it with the rest (requestCancel needs no stronger order)
            memory.putInt(base + A_FLAGS, flags);
        } finally {
            endWrite();
        }
    }

    /** The session ended: the slot leaves pg_stat_activity (pid and cancel key stay). Owner only. */
    public void clearSession() {
        publishedState = NOT_PUBLISHED;
        publishedQuery = NOT_PUBLISHED;
        beginWrite();
        try {
            memory.putInt(base + A_FLAGS, 0);
        } finally {
            endWrite();
        }
    }

    /**
     * A consistent copy of the row, or null when the slot has no session (or
     * its writer died in the middle of an update).
     */
    public BackendActivity readActivity() {
        int length = A_COPY_END - A_COPY_START;
        byte[] copy = new byte[length];
        long giveUp = 0;
        for (int attempt = 0;; attempt++) {
            int before = memory.getIntVolatile(base + A_CHANGECOUNT);
            if ((before & 1) == 0) {
                memory.getBytes(base + A_COPY_START, copy, 0, length);
                VarHandle.loadLoadFence();
                int after = memory.getIntVolatile(base + A_CHANGECOUNT);
                if (before == after) {
                    return decode(copy);
                }
            }
            // A writer is in the middle of an update: it takes microseconds unless it died.
            if (attempt < 100) {
                Thread.onSpinWait();
            } else {
                long now = System.nanoTime();
                if (giveUp == 0) {
                    giveUp = now + READ_GIVE_UP_NANOS;
                } else if (now - giveUp > 0) {
                    LOG.debug("skipping activity of slot {}: its writer seems stuck", index);
                    return null;
                }
                Thread.yield();
            }
        }
    }

    private BackendActivity decode(byte[] copy) {
        ByteBuffer row = ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
        int flags = row.getInt(A_FLAGS - A_COPY_START);
        if ((flags & FLAG_SESSION) == 0) {
            return null;
        }
        String[] strings = new String[STRING_COUNT];
        for (int i = 0; i < STRING_COUNT; i++) {
            int len = row.getInt(A_LENGTHS - A_COPY_START + i * Integer.BYTES);
            if (len >= 0 && len <= stringMaxBytes(i)) {
                strings[i] = new String(copy, stringOffset(i) - A_COPY_START, len, StandardCharsets.UTF_8);
            }
        }
        Instant backendStart = fromMicros(row.getLong(A_BACKEND_START - A_COPY_START));
        Instant queryStart = (flags & FLAG_QUERY_START) == 0 ? null
                : fromMicros(row.getLong(A_QUERY_START - A_COPY_START));
        Instant stateChange = (flags & FLAG_STATE_CHANGE) == 0 ? null
                : fromMicros(row.getLong(A_STATE_CHANGE - A_COPY_START));
        int wait = waitEvent();
        return new BackendActivity(pid(), strings[STR_DATABASE], strings[STR_USER], strings[STR_APPLICATION],
                strings[STR_CLIENT_ADDR], row.getInt(A_CLIENT_PORT - A_COPY_START), backendStart, queryStart,
                stateChange, strings[STR_STATE], strings[STR_QUERY], CLIENT_BACKEND,
                (flags & FLAG_SSL) == 0 ? null : new BackendSslStatus(strings[STR_SSL_VERSION], strings[STR_SSL_CIPHER],
                        row.getInt(A_SSL_BITS - A_COPY_START), strings[STR_SSL_CLIENT_DN],
                        strings[STR_SSL_CLIENT_SERIAL], strings[STR_SSL_ISSUER_DN]),
                WaitEvent.typeName(wait), WaitEvent.eventName(wait), index);
    }

    private void beginWrite() {
        // Single writer (the owner), so a plain read-modify-write of the count is enough; the store-store
        // fence keeps the field writes below from moving above the odd count, as PostgreSQL's
        // pgstat_begin_changecount_write with its pg_write_barrier. A volatile store would add a full fence
        // (a locked instruction draining the store buffer) twice per statement that no reader needs: readers
        // only compare the count before and after their copy.
        int count = memory.getInt(base + A_CHANGECOUNT);
        memory.putInt(base + A_CHANGECOUNT, count + 1);
        VarHandle.storeStoreFence();
    }

    private void endWrite() {
        int count = memory.getInt(base + A_CHANGECOUNT);
        memory.putIntRelease(base + A_CHANGECOUNT, (count + 1) & ~1);
    }

    /** The UTF-8 bytes of the few state strings a session alternates between (by identity; owner only). */
    private byte[] encodedState(String state) {
        for (int i = 0; i < stateKeys.length; i++) {
            if (stateKeys[i] == state) {
                return stateBytes[i];
            }
        }
        byte[] bytes = state.getBytes(StandardCharsets.UTF_8);
        stateKeys[nextStateEntry] = state;
        stateBytes[nextStateEntry] = bytes;
        nextStateEntry = (nextStateEntry + 1) % stateKeys.length;
        return bytes;
    }

    private final String[] stateKeys = new String[4];
    private final byte[][] stateBytes = new byte[4][];
    private int nextStateEntry;

    private void putEncoded(int which, byte[] bytes) {
        int lengthOffset = base + A_LENGTHS + which * Integer.BYTES;
        if (bytes == null) {
            memory.putInt(lengthOffset, -1);
            return;
        }
        int length = clipUtf8(bytes, stringMaxBytes(which));
        memory.putBytes(base + stringOffset(which), bytes, 0, length);
        memory.putInt(lengthOffset, length);
    }

    private void putString(int which, String value) {
        int lengthOffset = base + A_LENGTHS + which * Integer.BYTES;
        if (value == null) {
            memory.putInt(lengthOffset, -1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = clipUtf8(bytes, stringMaxBytes(which));
        memory.putBytes(base + stringOffset(which), bytes, 0, length);
        memory.putInt(lengthOffset, length);
    }

    /** pg_mbcliplen: the longest prefix of at most {@code max} bytes that ends on a character boundary. */
    static int clipUtf8(byte[] bytes, int max) {
        if (bytes.length <= max) {
            return bytes.length;
        }
        int cut = max;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
            cut--;   // bytes[cut] continues a character that started before it: cut before that character
        }
        return cut;
    }

    private static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Forgets this process's per-slot state after the segment was reinitialized. */
    void forgetLocalState() {
        heldLocks.clear();
    }

    void closeLocal() {
        try {
            disownLatch();
        } catch (IOException e) {
            LOG.debug("closing latch socket of slot {}: {}", index, e.toString());
        }
    }

    @Override
    public String toString() {
        return "ProcSlot[" + index + ", pid " + pid() + "]";
    }
}
