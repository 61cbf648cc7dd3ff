package org.tusk.backend;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.newsclub.net.unix.FileDescriptorCast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.backend.BackendActivity;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.protocol.ProtocolHandler;
import org.tusk.ipc.ChannelDescriptors;

/**
 * Warms a pooled backend's JIT before clients need it. A JVM cannot fork, so
 * every backend starts cold, and a cold backend runs a TPC-B transaction
 * tens of times slower than one whose hot paths C2 has compiled. While the
 * backend sits idle in the pool, it plays a client of its own through the real
 * protocol handler and engine: one warm-up session ({@link WarmupWorkload})
 * that creates pgbench-shaped TEMP tables once and then runs rounds of what
 * real sessions run (prepared TPC-B and select-only transactions with text
 * parameters as {@code pgbench -M prepared} sends them, the same in simple and
 * unnamed-extended protocol, pgjdbc-style binary parameters and results).
 * TEMP tables go through the same heap, B-tree, buffer and commit code as
 * permanent ones, are invisible to every other session and are dropped when the
 * warm-up session ends, so warm-up leaves no object behind. Their changes are
 * not WAL-logged and their commits not waited for (as in PostgreSQL), so a
 * warming spare costs other sessions no WAL and no fsyncs; the WAL insert path
 * itself is left for the first real transactions (and the catalog changes of
 * each warm-up session's setup) to warm.
 *
 * <p>Warm-up gives way at once to real work: the session ends at the next
 * transaction boundary when a client is handed to this backend or the
 * postmaster retires it ({@code mustStop}), so a client waits for at most one
 * transaction plus the session's end (dropping the TEMP tables). Warm-up is
 * polite: a round runs only while no real session of the cluster is running a
 * statement ({@link #othersBusy}), and after each round the backend rests as
 * long as the round took, so it takes at most half a CPU. The rounds are
 * counted over the backend's life: a warm-up session cut short by a client
 * resumes with a new session (new TEMP tables) after the client left.
 */
final class Warmup {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    /**
     * Rounds in all, over the backend's life (see {@link WarmupWorkload} for a
     * round's statements): 300 rounds are about 2,400 executions of each
     * prepared TPC-B statement and 7,000 of the primary-key select. Measured
     * by the CPU per transaction of the first pgbench runs on a pool that
     * finished warming, 120 rounds beside 300 (bench/README.md, session 9):
     * 300 cut the first TPC-B run's cost from 16.6 to 10.2 ms and the first
     * select-only run's from 0.10 to 0.04 ms, for about twice the warm-up CPU.
     */
    static final int ROUNDS = Integer.getInteger("tusk.warmup.rounds", 300);
    /**
     * Warm-up sessions in all, over the backend's life: each one cut short by a
     * client costs a setup (TEMP tables created and dropped), so a backend whose
     * idle moments are too short for a round (connect-per-request traffic) stops
     * warming after this many and lets real work compile its paths instead.
     */
    static final int MAX_SESSIONS = 10;
    /**
     * Statements a round sends (each turn is one statement, reported active once), so that real
     * sessions' statements count as rounds: a backend that has served real traffic has the real
     * workload's profiles, and synthetic rounds after it only burn CPU. Measured (bench/README.md,
     * session 11): after an 8-client pgbench run, idle backends that had been handed their clients
     * mid-warm-up resumed it, taking both cores from whatever ran next.
     */
    static final int STATEMENTS_PER_ROUND = new WarmupWorkload("", 0).round(0).size();
    /** How long a spare waits before looking again when real sessions are busy. */
    static final long BUSY_BACKOFF_MILLIS = 1_000;
    /**
     * How long no real session of the cluster must have run a statement before a warm-up session
     * starts. A session begins with its heaviest, least interruptible part (TEMP tables loaded in
     * one transaction), and a client handed over meanwhile waits for it: between two back-to-back
     * 8-client pgbench runs, unfinished backends started sessions in the sub-second gap, and the
     * next run's clients waited 7-13 s to connect on a loaded machine (bench/README.md, session 10).
     * A quiet cluster for this long means the burst is over.
     */
    static final long QUIET_BEFORE_SESSION_MILLIS = Long.getLong("tusk.warmup.quiet.millis", 3_000);
    /** How often the cluster is looked at while waiting for it to have been quiet long enough. */
    private static final long QUIET_POLL_MILLIS = 250;
    /** A warm-up session that does not end this long after being told to has hung: give up on it. */
    private static final long SESSION_END_TIMEOUT_SECONDS = 30;

    private final ProtocolHandler protocol;
    private final QueryEngine engine;
    private final ProcessContext context;
    private final String user;
    private final BooleanSupplier othersBusy;
    /** Statements this backend's real sessions have run ({@link ProcessContext#statementsRun}). */
    private final LongSupplier realStatements;
    private final Object wakeUp = new Object();
    private final ExecutorService feeder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warm-up client");
        t.setDaemon(true);
        return t;
    });
    private ServerSocketChannel listener;
    private volatile int roundsDone;
    private volatile boolean givenUp;
    /** Why warm-up gave up, if it did (for tests and debugging). */
    volatile Exception failure;
    private volatile int sessions;
    private long busyNanos;
    /** {@link #QUIET_BEFORE_SESSION_MILLIS}, or what a test asks for. */
    private final long quietMillis;

    Warmup(ProtocolHandler protocol, QueryEngine engine, ProcessContext realContext, Path dataDir) throws IOException {
        this(protocol, engine, realContext.quiet(), bootstrapSuperuser(dataDir), realContext::statementsRun);
    }

    private Warmup(ProtocolHandler protocol, QueryEngine engine, ProcessContext quietContext, String user,
            LongSupplier realStatements) {
        this.protocol = protocol;
        this.engine = engine;
        this.context = quietContext;
        this.user = user;
        this.othersBusy = this::othersBusy;
        this.realStatements = realStatements;
        this.quietMillis = QUIET_BEFORE_SESSION_MILLIS;
    }

    /** For tests: a protocol handler that plays the server, and a stand-in for {@link #othersBusy}. */
    Warmup(ProtocolHandler protocol, String user, BooleanSupplier othersBusy) {
        this(protocol, user, othersBusy, 0);
    }

    /** For tests, with the quiet time a session waits for ({@link #QUIET_BEFORE_SESSION_MILLIS}). */
    Warmup(ProtocolHandler protocol, String user, BooleanSupplier othersBusy, long quietMillis) {
        this(protocol, user, othersBusy, quietMillis, () -> 0);
    }

    /** For tests, with a stand-in for the real sessions' statement count. */
    Warmup(ProtocolHandler protocol, String user, BooleanSupplier othersBusy, long quietMillis, LongSupplier realStatements) {
        this.protocol = protocol;
        this.engine = null;
        this.context = null;
        this.user = user;
        this.othersBusy = othersBusy;
        this.realStatements = realStatements;
        this.quietMillis = quietMillis;
    }

    boolean finished() {
        return givenUp || roundsCredited() >= ROUNDS || sessions >= MAX_SESSIONS;
    }

    /** Warm-up rounds done plus real statements served, counted in rounds ({@link #STATEMENTS_PER_ROUND}). */
    int roundsCredited() {
        return roundsDone + (int) Math.min(ROUNDS, realStatements.getAsLong() / STATEMENTS_PER_ROUND);
    }

    int roundsDone() {
        return roundsDone;
    }

    /** Ends a rest or back-off early so that the session notices {@code mustStop} now (any thread). */
    void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /**
     * Whether some other backend's session is running a statement now
     * (pg_stat_activity state 'active'): then warm-up would take CPU from it.
     */
    boolean othersBusy() {
        try {
            int me = context.pid();
            for (BackendActivity a : context.activitySnapshot()) {
                if (a.pid() != me && "active".equals(a.state())) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("could not read backend activity: {}", e.toString());
        }
        return false;
    }

    /**
     * Runs one warm-up session on the calling (session) thread, over a real
     * loopback TCP connection wrapped exactly as a handed-over client socket is
     * (same classes, so the JIT's profiles match real traffic), until the rounds
     * are done or {@code mustStop} says a client or a retirement is waiting. A
     * feeder thread plays the client. Any failure ends warm-up for good: it must
     * never get in the way of real work.
     */
    void runSession(BooleanSupplier mustStop) {
        if (finished()) {
            return;
        }
        if (!awaitQuietCluster(mustStop)) {
            return;     // a client or a retirement came first: no session, none counted
        }
        sessions++;
        long start = System.nanoTime();
        int roundsBefore = roundsDone;
        try {
            if (listener == null) {
                listener = ServerSocketChannel.open();
                listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            }
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress())) {
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                FileDescriptorCast cast;
                try (SocketChannel accepted = listener.accept()) {
                    accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    cast = FileDescriptorCast.duplicating(ChannelDescriptors.of(accepted));
                }
                Socket server = cast.as(Socket.class);
                Future<?> feeding = feeder.submit(() -> playClient(client, mustStop));
                SessionConnection conn = new SessionConnection(server, cast.getFileDescriptor(), "127.0.0.1", 0, context, engine)
                        .markPreAuthenticated();
                try {
                    protocol.serve(conn);
                } finally {
                    conn.close();
                }
                feeding.get(SESSION_END_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.debug("warm-up session failed: {}", e.toString());
            failure = e;
            givenUp = true;
        }
        LOG.debug("warm-up session {}: rounds {} -> {} in {} ms", sessions, roundsBefore, roundsDone,
                (System.nanoTime() - start) / 1_000_000);
        if (finished()) {
            LOG.debug("warm-up finished: {} rounds, {} real statements, {} sessions, {} ms of work", roundsDone,
                    realStatements.getAsLong(), sessions, busyNanos / 1_000_000);
            close();
        }
    }

    /**
     * Waits until no other session of the cluster has run a statement for {@link #quietMillis}
     * (looking every {@value #QUIET_POLL_MILLIS} ms, backing off {@value #BUSY_BACKOFF_MILLIS} ms
     * while one does); false if {@code mustStop} became true first.
     */
    private boolean awaitQuietCluster(BooleanSupplier mustStop) {
        long quietSince = System.nanoTime();
        while (!mustStop.getAsBoolean()) {
            if (othersBusy.getAsBoolean()) {
                pause(BUSY_BACKOFF_MILLIS, mustStop);
                quietSince = System.nanoTime();
                continue;
            }
            long quietFor = (System.nanoTime() - quietSince) / 1_000_000;
            if (quietFor >= quietMillis) {
                return true;
            }
            pause(Math.min(QUIET_POLL_MILLIS, quietMillis - quietFor), mustStop);
        }
        return false;
    }

    /**
     * Plays the client turn by turn, waiting for each ReadyForQuery as pgbench
     * and drivers do, so the server's blocking-read path is the one that gets
     * compiled, not a path that always finds the next message buffered.
     */
    private Void playClient(SocketChannel client, BooleanSupplier mustStop) throws IOException {
        WarmupWorkload workload = new WarmupWorkload(user, ProcessHandle.current().pid() ^ System.nanoTime());
        ServerReplies replies = new ServerReplies(client);
        try {
            while (othersBusy.getAsBoolean() && !mustStop.getAsBoolean()) {
                pause(BUSY_BACKOFF_MILLIS, mustStop);   // the setup is the heaviest part: polite too
            }
            boolean setUp = true;
            char status = 'I';
            for (WarmupWorkload.Turn turn : workload.setup()) {
                if (mustStop.getAsBoolean() && (turn.transactionBoundary() || status == 'T')) {
                    if (status == 'T') {
                        // inside the loading transaction: a client need not wait for the COPY, roll it back
                        send(client, WarmupWorkload.rollback());
                        replies.awaitReadyForQuery();
                    }
                    setUp = false;                      // a client is waiting: not even the tables
                    break;
                }
                send(client, turn.bytes());
                status = replies.awaitReadyForQuery();
            }
            while (setUp && roundsCredited() < ROUNDS && !mustStop.getAsBoolean()) {
                if (othersBusy.getAsBoolean()) {
                    pause(BUSY_BACKOFF_MILLIS, mustStop);
                    continue;
                }
                long roundStart = System.nanoTime();
                boolean complete = true;
                for (WarmupWorkload.Turn turn : workload.round(roundsDone)) {
                    if (turn.transactionBoundary() && mustStop.getAsBoolean()) {
                        complete = false;
                        break;
                    }
                    send(client, turn.bytes());
                    replies.awaitReadyForQuery();
                }
                long took = System.nanoTime() - roundStart;
                busyNanos += took;
                if (!complete) {
                    break;
                }
                roundsDone++;
                pause(Math.max(1, took / 1_000_000), mustStop);  // a 50% duty cycle at most
            }
        } finally {
            send(client, WarmupWorkload.terminate());
        }
        while (client.read(replies.buffer().clear()) >= 0) {
            // until the server closes: the session has ended (and dropped its TEMP tables)
        }
        return null;
    }

    private static void send(SocketChannel client, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            client.write(b);
        }
    }

    /** Waits up to {@code millis}, or until {@link #wake} when {@code mustStop} has become true. */
    private void pause(long millis, BooleanSupplier mustStop) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (wakeUp) {
            while (!mustStop.getAsBoolean()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                try {
                    wakeUp.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Reads server messages; an ErrorResponse ends warm-up (the workload is meant never to fail). */
    static final class ServerReplies {
        private final SocketChannel channel;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);

        ServerReplies(SocketChannel channel) {
            this.channel = channel;
        }

        ByteBuffer buffer() {
            return in;
        }

        /** Reads until a ReadyForQuery ('Z'), keeping any bytes after it for the next turn; returns its status. */
        char awaitReadyForQuery() throws IOException {
            String error = null;
            while (true) {
                in.flip();
                while (in.remaining() >= 5) {
                    byte type = in.get(in.position());
                    int length = in.getInt(in.position() + 1);
                    if (in.remaining() < 1 + length) {
                        break;
                    }
                    if (type == 'E' && error == null) {
                        error = errorText(in, in.position() + 5, in.position() + 1 + length);
                    }
                    in.position(in.position() + 1 + length);
                    if (type == 'Z') {
                        char status = (char) in.get(in.position() - 1);
                        in.compact();
                        if (error != null) {
                            throw new IOException("warm-up statement failed: " + error);
                        }
                        return status;
                    }
                }
                in.compact();
                if (!in.hasRemaining()) {
                    throw new IOException("warm-up reply too large");
                }
                if (channel.read(in) < 0) {
                    throw new IOException("warm-up session ended early" + (error == null ? "" : ": " + error));
                }
            }
        }

        private static String errorText(ByteBuffer b, int from, int to) {
            StringBuilder s = new StringBuilder();
            int i = from;
            while (i < to && b.get(i) != 0) {
                char field = (char) b.get(i++);
                int start = i;
                while (i < to && b.get(i) != 0) i++;
                if (field == 'C' || field == 'M') {
                    byte[] v = new byte[i - start];
                    b.get(start, v);
                    s.append(s.length() == 0 ? "" : " ").append(new String(v, java.nio.charset.StandardCharsets.UTF_8));
                }
                i++;
            }
            return s.toString();
        }
    }

    /**
     * Lets the warm-up client's thread end and closes the loopback listener (idempotent). Called
     * when warm-up is finished: after its last session, or when real traffic made up for the rest.
     */
    void close() {
        feeder.shutdown();
        try {
            if (listener != null) listener.close();
        } catch (IOException ignored) {
            // nothing left to warm
        }
    }

    /** initdb writes the bootstrap superuser first in global/pg_authid (FileRoleStore's format). */
    private static String bootstrapSuperuser(Path dataDir) throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("global/pg_authid"));
        return org.tusk.api.auth.FileRoleStore.parseRole(lines.get(0)).name();
    }
}
