package org.tusk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.tusk.lmgr.LockManager;
import org.tusk.lmgr.LockStatus;
import org.tusk.shmem.ChildJvm;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;

/**
 * The postmaster of an isolation test (isolationtester's part too): creates
 * shared memory sized by {@link StorageShmem}, runs the startup process, and
 * starts session backends ({@link IsolationSessionWorker}) whose stdin and
 * stdout it holds. Whether a session is blocked is read from the lock table
 * (pg_locks, as isolationtester's pg_isolation_test_session_is_blocked),
 * through a lock manager attached to a slot of its own.
 */
final class IsolationCluster implements AutoCloseable {

    private static final int OBSERVER_SLOT = 6;
    private static final long REPLY_TIMEOUT_SECONDS = 20;

    private final Path dir;
    private final Path data;
    private final ShmemSegment segment;
    private final LockManager observer;
    private final List<Session> sessions = new ArrayList<>();

    private IsolationCluster(Path dir, Path data, ShmemSegment segment, LockManager observer) {
        this.dir = dir;
        this.data = data;
        this.segment = segment;
        this.observer = observer;
    }

    static IsolationCluster start(Path dir) throws Exception {
        TestPostmaster postmaster = new TestPostmaster(dir, StorageWorker.SETTINGS, StorageWorker.class);
        ShmemSegment segment = postmaster.restart();
        ProcSlot slot = segment.slot(OBSERVER_SLOT);
        slot.ownLatch();
        return new IsolationCluster(dir, postmaster.data(), segment,
                LockManager.attach(segment, slot, postmaster.storageSettings().lockSettings()));
    }

    /** Starts a session backend on {@code slot} (its JVM starts in the background). */
    Session session(String name, int slot) throws IOException {
        Session session = new Session(name, slot);
        sessions.add(session);
        return session;
    }

    /** Whether the process on {@code slot} waits for a heavyweight lock. */
    boolean isWaiting(int slot) {
        for (LockStatus lock : observer.status()) {
            if (!lock.granted() && lock.procNumber() == slot) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (Session session : sessions) {
            session.close();
        }
        segment.close();
    }

    /** One backend and its protocol: a step is a command line, answered by one reply line. */
    final class Session implements AutoCloseable {

        private final String name;
        private final int slot;
        private final Process process;
        private final Path log;
        private final Writer stdin;
        private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
        /** Commands sent whose reply has not been taken. */
        private int pending;

        private Session(String name, int slot) throws IOException {
            this.name = name;
            this.slot = slot;
            log = Files.createTempFile(dir, "session-" + name + "-", ".log");
            process = new ProcessBuilder(ChildJvm.command(IsolationSessionWorker.class, data.toString(),
                    segment.file().toString(), Integer.toString(slot)))
                    .redirectError(log.toFile()).start();
            stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        replies.add(line);
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "session-" + name + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        int slot() {
            return slot;
        }

        /** Sends a step without waiting for its reply (it may block). */
        void start(String command) {
            try {
                stdin.write(command + "\n");
                stdin.flush();
                pending++;
            } catch (IOException e) {
                fail(name + " is gone (" + e + "); its log:\n" + log());
            }
        }

        /** The reply to the oldest step sent and not yet answered. */
        String reply() {
            if (pending == 0) {
                fail(name + ": no step is waiting for a reply");
            }
            try {
                String reply = replies.poll(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (reply == null) {
                    fail(name + " did not answer in " + REPLY_TIMEOUT_SECONDS + " s (alive: " + process.isAlive()
                            + "); its log:\n" + log());
                }
                pending--;
                return reply;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        /** The reply to the oldest unanswered step if it comes within {@code millis}, else null. */
        String tryReply(long millis) {
            if (pending == 0) {
                fail(name + ": no step is waiting for a reply");
            }
            try {
                String reply = replies.poll(millis, TimeUnit.MILLISECONDS);
                if (reply != null) {
                    pending--;
                }
                return reply;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        /** A step that must complete without blocking; its reply. */
        String run(String command) {
            start(command);
            return reply();
        }

        /** A step that must complete with {@code expected}. */
        void expect(String command, String expected) {
            assertEquals(expected, run(command), name + ": " + command);
        }

        /**
         * Waits until the last step sent is blocked on a lock (isolationtester's
         * "waiting ..."), failing if it completed instead.
         */
        void awaitBlocked() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REPLY_TIMEOUT_SECONDS);
            while (!isWaiting(slot)) {
                String early = replies.peek();
                if (early != null) {
                    fail(name + " was expected to block but answered: " + early);
                }
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    fail(name + " did not block; its log:\n" + log());
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }

        /** Whether the session answered every step and is idle outside a transaction block. */
        boolean isIdle() {
            return pending == 0 && process.isAlive();
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
