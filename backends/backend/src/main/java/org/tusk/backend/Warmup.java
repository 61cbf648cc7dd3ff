package org.tusk.backend;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.newsclub.net.unix.FileDescriptorCast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.backend.BackendActivity;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.protocol.ProtocolHandler;
import org.tusk.ipc.ChannelDescriptors;

/**
 * Warms a pooled backend's JIT before clients need it. A JVM cannot fork, so
 * every backend starts cold, and on a small machine the C1/C2 compilers of
 * several cold backends compete with the clients for CPU. While the backend
 * sits idle in the pool, it replays a recorded client conversation (startup,
 * simple queries, extended-protocol statements with binary parameters, a
 * transaction) through the real protocol handler and engine, in short rounds,
 * so a connection arriving meanwhile waits for at most one round.
 *
 * <p>Warm-up is polite: it only uses CPU nobody else wants. A round runs only
 * while no real session of the cluster is running a statement
 * ({@link #othersBusy}), and after each round the backend rests as long as
 * the round took, so warm-up takes at most half a CPU even on an idle
 * machine. On a machine kept busy by clients, spares stay cold and the JIT
 * compiles during real work instead, which costs the clients less than a
 * pool of spares replaying thousands of statements beside them.
 */
final class Warmup {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    /**
     * Statements per round, and rounds in all. 400 rounds (16,000 statements,
     * several seconds of CPU per backend) were measured to be what C2 needs to
     * finish every hot path; 100 get the protocol, parser and executor loops
     * compiled, and the rest compiles during real work at a fraction of that cost.
     */
    static final int STATEMENTS_PER_ROUND = 40;
    static final int ROUNDS = 100;
    /** How long a spare waits before looking again when real sessions are busy. */
    static final long BUSY_BACKOFF_MILLIS = 1_000;

    /** The client's side: the startup packet, then one turn per ReadyForQuery the server sends. */
    private final List<byte[]> conversation;
    private final ProtocolHandler protocol;
    private final QueryEngine engine;
    private final ProcessContext context;
    private final ExecutorService feeder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warm-up client");
        t.setDaemon(true);
        return t;
    });
    private ServerSocketChannel listener;
    private int roundsDone;
    private long lastRoundMillis;
    private long startNanos;

    Warmup(ProtocolHandler protocol, QueryEngine engine, ProcessContext realContext, Path dataDir) throws IOException {
        this.protocol = protocol;
        this.engine = engine;
        this.context = realContext.quiet();
        this.conversation = conversation(bootstrapSuperuser(dataDir));
    }

    boolean finished() {
        return roundsDone >= ROUNDS;
    }

    /** How long the last round took: the rest before the next one (a 50% duty cycle at most). */
    long lastRoundMillis() {
        return lastRoundMillis;
    }

    /**
     * Whether some other backend's session is running a statement now
     * (pg_stat_activity state 'active'): then warm-up would take CPU from it.
     */
    boolean othersBusy() {
        int me = context.pid();
        try {
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
     * Runs one round: one whole session through the protocol handler over a
     * real loopback TCP connection wrapped exactly as a handed-over client
     * socket is (same classes, so the JIT's profiles match real traffic). A
     * feeder thread plays the client.
     */
    void runRound() {
        if (roundsDone == 0) {
            startNanos = System.nanoTime();
        }
        roundsDone++;
        long roundStart = System.nanoTime();
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
                Future<?> feeding = feeder.submit(() -> playClient(client));
                SessionConnection conn = new SessionConnection(server, cast.getFileDescriptor(), "127.0.0.1", 0, context, engine)
                        .markPreAuthenticated();
                protocol.serve(conn);
                conn.close();
                feeding.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.debug("warm-up round failed: {}", e.toString());
            roundsDone = ROUNDS; // never let warm-up get in the way of real work
        }
        lastRoundMillis = (System.nanoTime() - roundStart) / 1_000_000;
        if (roundsDone == ROUNDS) {
            LOG.debug("warm-up finished: {} rounds in {} ms", ROUNDS, (System.nanoTime() - startNanos) / 1_000_000);
            close();
        }
    }

    /**
     * Plays the client turn by turn, waiting for each ReadyForQuery as pgbench
     * and drivers do, so the server's blocking-read path is the one that gets
     * compiled, not a path that always finds the next message buffered.
     */
    private Void playClient(SocketChannel client) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        for (byte[] turn : conversation) {
            client.write(ByteBuffer.wrap(turn));
            if (turn[0] == 'X') {
                break;
            }
            awaitReadyForQuery(client, in);
        }
        while (client.read(in.clear()) >= 0) {
            // until the server closes
        }
        return null;
    }

    /** Reads server messages until a ReadyForQuery ('Z'), keeping any bytes after it for the next turn. */
    private static void awaitReadyForQuery(SocketChannel client, ByteBuffer in) throws IOException {
        while (true) {
            in.flip();
            while (in.remaining() >= 5) {
                byte type = in.get(in.position());
                int length = in.getInt(in.position() + 1);
                if (in.remaining() < 1 + length) {
                    break;
                }
                in.position(in.position() + 1 + length);
                if (type == 'Z') {
                    in.compact();
                    return;
                }
            }
            in.compact();
            if (client.read(in) < 0) {
                throw new IOException("warm-up session ended early");
            }
        }
    }

    private void close() {
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

    private static List<byte[]> conversation(String user) throws IOException {
        List<byte[]> turns = new java.util.ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        ByteArrayOutputStream startup = new ByteArrayOutputStream();
        DataOutputStream s = new DataOutputStream(startup);
        s.writeInt(196608);
        for (String kv : new String[] {"user", user, "database", "postgres", "application_name", "warmup", "client_encoding", "UTF8"}) {
            s.write(cstring(kv));
        }
        s.write(0);
        d.writeInt(startup.size() + 4);
        d.write(startup.toByteArray());
        turns.add(take(out));
        message(d, 'Q', cstring("SET application_name = 'warmup'"));
        turns.add(take(out));
        message(d, 'P', concat(cstring("w1"), cstring("select 1"), new byte[] {0, 0}));
        message(d, 'S', new byte[0]);
        turns.add(take(out));
        for (int i = 0; i < STATEMENTS_PER_ROUND / 4; i++) {
            message(d, 'Q', cstring("select " + (i % 7) + ";"));
            turns.add(take(out));
            // pgbench -M extended / node-postgres: unnamed statement, typed parameter
            message(d, 'P', concat(cstring(""), cstring("select $1::int4 + 1, $2::text"), new byte[] {0, 2, 0, 0, 0, 23, 0, 0, 0, 25}));
            message(d, 'B', concat(cstring(""), cstring(""), new byte[] {0, 2, 0, 1, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, (byte) i,
                    0, 0, 0, 1, 'x', 0, 0}));
            message(d, 'D', concat(new byte[] {'P'}, cstring("")));
            message(d, 'E', concat(cstring(""), new byte[] {0, 0, 0, 0}));
            message(d, 'S', new byte[0]);
            turns.add(take(out));
            // pgbench -M prepared / pgjdbc after prepareThreshold: named statement, binary results
            message(d, 'B', concat(cstring(""), cstring("w1"), new byte[] {0, 0, 0, 0, 0, 1, 0, 1}));
            message(d, 'E', concat(cstring(""), new byte[] {0, 0, 0, 0}));
            message(d, 'S', new byte[0]);
            turns.add(take(out));
            if (i % 5 == 0) {
                message(d, 'Q', cstring("begin; select current_setting('work_mem'); commit"));
                turns.add(take(out));
            }
        }
        message(d, 'X', new byte[0]);
        turns.add(take(out));
        return turns;
    }

    private static byte[] take(ByteArrayOutputStream out) {
        byte[] b = out.toByteArray();
        out.reset();
        return b;
    }

    private static void message(DataOutputStream d, char type, byte[] body) throws IOException {
        d.writeByte(type);
        d.writeInt(body.length + 4);
        d.write(body);
    }

    private static byte[] cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, b.length + 1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
