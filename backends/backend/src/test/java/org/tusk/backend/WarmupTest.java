package org.tusk.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tusk.api.protocol.ClientConnection;
import org.tusk.api.protocol.ProtocolHandler;
import org.tusk.api.protocol.SessionOutcome;

/**
 * The warm-up client against a stand-in server that answers every turn with ReadyForQuery and
 * tracks the transaction state from what the client sends (the real protocol and engine are
 * exercised by launcher/systest's WarmPoolTest).
 */
@Timeout(60)
class WarmupTest {

    /** A server that records the session: statements, the transaction status at the Terminate. */
    static final class RecordingServer implements ProtocolHandler {
        final List<String> queries = new ArrayList<>();
        final AtomicInteger turns = new AtomicInteger();
        volatile char statusAtTerminate = '?';
        volatile int sessions;
        volatile String failWith;
        private char status = 'I';

        @Override
        public SessionOutcome serve(ClientConnection connection) throws IOException {
            sessions++;
            status = 'I';
            DataInputStream in = new DataInputStream(connection.input());
            OutputStream out = connection.output();
            in.readNBytes(in.readInt() - 4);                    // startup packet
            ready(out);
            String bound = null;
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return SessionOutcome.FATAL;
                }
                byte[] body = in.readNBytes(in.readInt() - 4);
                switch (type) {
                    case 'X' -> {
                        statusAtTerminate = status;
                        return SessionOutcome.CLEAN;
                    }
                    case 'Q' -> {
                        String sql = cstring(body, 0).toLowerCase(Locale.ROOT).strip();
                        queries.add(sql);
                        if (sql.startsWith("begin") && !sql.contains("commit")) status = 'T';
                        if (sql.startsWith("commit") || sql.startsWith("end") || sql.startsWith("rollback")) status = 'I';
                        if (failWith != null && sql.startsWith(failWith)) {
                            error(out);
                        }
                        ready(out);
                    }
                    case 'B' -> bound = cstring(body, cstring(body, 0).length() + 1);
                    case 'S' -> {
                        if ("P_0".equals(bound)) status = 'T';
                        if ("P_6".equals(bound)) status = 'I';
                        ready(out);
                    }
                    default -> { }                              // Parse, Describe, Execute, CopyData, CopyDone
                }
            }
        }

        private void ready(OutputStream out) throws IOException {
            turns.incrementAndGet();
            out.write(new byte[] {'Z', 0, 0, 0, 5, (byte) status});
            out.flush();
        }

        private static void error(OutputStream out) throws IOException {
            byte[] fields = "SERROR\0C42P01\0Mno such table\0\0".getBytes(StandardCharsets.US_ASCII);
            out.write(ByteBuffer.allocate(5).put((byte) 'E').putInt(fields.length + 4).array());
            out.write(fields);
        }

        private static String cstring(byte[] b, int from) {
            int end = from;
            while (b[end] != 0) end++;
            return new String(b, from, end - from, StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSessionCreatesTempTablesOnceThenRunsEveryRound() {
        RecordingServer server = new RecordingServer();
        Warmup warmup = new Warmup(server, "tusk", () -> false);
        warmup.runSession(() -> false);
        assertEquals(null, warmup.failure);
        assertTrue(warmup.finished());
        assertEquals(Warmup.ROUNDS, warmup.roundsDone());
        assertEquals(1, server.sessions);
        assertEquals('I', server.statusAtTerminate);
        List<String> creates = server.queries.stream().filter(q -> q.contains("create")).toList();
        assertEquals(1, creates.size(), "tables are created once per session");
        for (String statement : creates.get(0).split(";")) {
            assertTrue(statement.startsWith("create temp table warmup_"), "only TEMP tables: " + statement);
        }
        warmup.runSession(() -> false);
        assertEquals(1, server.sessions, "a finished warm-up starts no more sessions");
    }

    @Test
    void aWaitingClientEndsTheSessionAtTheNextTransactionBoundary() {
        RecordingServer server = new RecordingServer();
        Warmup warmup = new Warmup(server, "tusk", () -> false);
        // a client arrives during the first round's third TPC-B transaction (noticed when it ends)
        AtomicBoolean clientWaiting = new AtomicBoolean();
        int setupTurns = new WarmupWorkload("tusk", 1).setup().size();
        warmup.runSession(() -> clientWaiting.get() || (server.turns.get() > setupTurns + 2 * 7 + 3 && set(clientWaiting)));
        assertEquals('I', server.statusAtTerminate, "no transaction left open");
        assertEquals(0, warmup.roundsDone(), "the interrupted round does not count");
        assertFalse(warmup.finished());
        assertTrue(server.turns.get() <= setupTurns + 3 * 7, "stopped within the transaction: " + server.turns.get());
        // after the client, warm-up resumes with a new session and new TEMP tables
        warmup.runSession(() -> false);
        assertTrue(warmup.finished());
        assertEquals(2, server.sessions);
        assertEquals(2, server.queries.stream().filter(q -> q.contains("create temp table")).count());
    }

    private static boolean set(AtomicBoolean b) {
        b.set(true);
        return true;
    }

    @Test
    void aClientWaitingBeforeTheSessionGetsTheBackendAtOnceAndNothingIsCounted() {
        RecordingServer server = new RecordingServer();
        Warmup warmup = new Warmup(server, "tusk", () -> false);
        for (int i = 0; i <= Warmup.MAX_SESSIONS; i++) {
            warmup.runSession(() -> true);
        }
        assertEquals(0, server.sessions, "no warm-up session started");
        assertFalse(warmup.finished(), "sessions never started do not use up MAX_SESSIONS");
        warmup.runSession(() -> false);
        assertEquals(Warmup.ROUNDS, warmup.roundsDone());
    }

    @Test
    void aClientArrivingDuringTheLoadingTransactionRollsItBack() {
        RecordingServer server = new RecordingServer();
        Warmup warmup = new Warmup(server, "tusk", () -> false);
        // turns: startup, begin, the CREATEs; the client arrives before the INSERTs and the COPY
        warmup.runSession(() -> server.turns.get() >= 3);
        assertEquals(1, server.sessions);
        assertEquals("rollback", server.queries.get(server.queries.size() - 1), server.queries.toString());
        assertTrue(server.queries.stream().noneMatch(q -> q.startsWith("copy")), "no COPY for a waiting client");
        assertEquals('I', server.statusAtTerminate, "no transaction left open");
        assertFalse(warmup.finished());
    }

    @Test
    void aSessionStartsOnlyAfterTheClusterWasQuietForAWhile() {
        RecordingServer server = new RecordingServer();
        AtomicInteger looks = new AtomicInteger();
        // a real session is busy at the first look (a 1 s back-off), then the cluster must stay quiet 800 ms
        Warmup warmup = new Warmup(server, "tusk", () -> looks.incrementAndGet() == 1, 800);
        long start = System.nanoTime();
        warmup.runSession(() -> false);
        assertTrue(System.nanoTime() - start >= (Warmup.BUSY_BACKOFF_MILLIS + 800 - 50) * 1_000_000L);
        assertTrue(looks.get() >= 4, "looked again while waiting: " + looks.get());
        assertTrue(warmup.finished());
    }

    @Test
    void aClientArrivingWhileWaitingForQuietGetsTheBackendAtOnce() {
        RecordingServer server = new RecordingServer();
        Warmup warmup = new Warmup(server, "tusk", () -> false, 30_000);
        long start = System.nanoTime();
        warmup.runSession(() -> System.nanoTime() - start > 300_000_000L);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "returned when the client came");
        assertEquals(0, server.sessions);
        assertFalse(warmup.finished());
    }

    @Test
    void aBackendInterruptedAgainAndAgainStopsWarmingUp() {
        RecordingServer server = new RecordingServer();
        Warmup warmup = new Warmup(server, "tusk", () -> false);
        int setupTurns = new WarmupWorkload("tusk", 1).setup().size();
        for (int i = 0; i < Warmup.MAX_SESSIONS; i++) {
            assertFalse(warmup.finished());
            int before = server.turns.get();
            // each time, a client arrives right after the setup
            warmup.runSession(() -> server.turns.get() - before >= setupTurns);
        }
        assertEquals(0, warmup.roundsDone());
        assertTrue(warmup.finished(), "no more TEMP tables created and dropped for nothing");
        warmup.runSession(() -> false);
        assertEquals(Warmup.MAX_SESSIONS, server.sessions);
    }

    @Test
    void noRoundRunsWhileOtherSessionsAreBusy() {
        RecordingServer server = new RecordingServer();
        AtomicInteger looks = new AtomicInteger();
        // busy for the first three looks (each a 1 s back-off), then idle
        Warmup warmup = new Warmup(server, "tusk", () -> looks.incrementAndGet() <= 3);
        long start = System.nanoTime();
        warmup.runSession(() -> false);
        assertTrue(System.nanoTime() - start >= 3 * Warmup.BUSY_BACKOFF_MILLIS * 1_000_000 - 50_000_000);
        assertTrue(warmup.finished());
    }

    @Test
    void realSessionsStatementsCountAsRounds() {
        RecordingServer server = new RecordingServer();
        java.util.concurrent.atomic.AtomicLong realStatements = new java.util.concurrent.atomic.AtomicLong();
        Warmup warmup = new Warmup(server, "tusk", () -> false, 0, realStatements::get);
        // a client was handed over first and ran a third of the warm-up's statements
        realStatements.set((long) Warmup.ROUNDS / 3 * Warmup.STATEMENTS_PER_ROUND);
        assertFalse(warmup.finished());
        warmup.runSession(() -> false);
        assertEquals(Warmup.ROUNDS - Warmup.ROUNDS / 3, warmup.roundsDone(), "only the rounds real traffic did not make up for");
        assertTrue(warmup.finished());

        // a backend whose clients ran as many statements as warm-up would never starts a session
        RecordingServer other = new RecordingServer();
        Warmup served = new Warmup(other, "tusk", () -> false, 0, () -> (long) Warmup.ROUNDS * Warmup.STATEMENTS_PER_ROUND);
        assertTrue(served.finished());
        served.runSession(() -> false);
        assertEquals(0, other.sessions);
    }

    @Test
    void aRoundIsCountedInStatementsAsTheServerReportsThem() {
        // each turn ends with Sync or one simple Query: the server reports one statement active per turn
        RecordingServer server = new RecordingServer();
        Warmup warmup = new Warmup(server, "tusk", () -> false);
        int setupTurns = new WarmupWorkload("tusk", 1).setup().size();
        warmup.runSession(() -> server.turns.get() >= setupTurns + Warmup.STATEMENTS_PER_ROUND + 1);
        assertEquals(1, warmup.roundsDone());
        assertTrue(Warmup.STATEMENTS_PER_ROUND > 50, "a round is ~80 statements: " + Warmup.STATEMENTS_PER_ROUND);
    }

    @Test
    void anErrorEndsWarmUpForGood() {
        RecordingServer server = new RecordingServer();
        server.failWith = "vacuum analyze warmup_tellers";
        Warmup warmup = new Warmup(server, "tusk", () -> false);
        warmup.runSession(() -> false);
        assertTrue(warmup.finished(), "given up");
        assertEquals(0, warmup.roundsDone());
        warmup.runSession(() -> false);
        assertEquals(1, server.sessions);
    }

    @Test
    void repliesAreReadUpToReadyForQueryAndErrorsAreReported() throws Exception {
        try (var listener = java.nio.channels.ServerSocketChannel.open()) {
            listener.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                 SocketChannel server = listener.accept()) {
                // CommandComplete, ReadyForQuery 'T', then an ErrorResponse and ReadyForQuery 'E' in one write
                ByteBuffer b = ByteBuffer.allocate(200);
                byte[] tag = "BEGIN\0".getBytes(StandardCharsets.US_ASCII);
                b.put((byte) 'C').putInt(tag.length + 4).put(tag);
                b.put((byte) 'Z').putInt(5).put((byte) 'T');
                byte[] fields = "SERROR\0C40P01\0Mdeadlock detected\0\0".getBytes(StandardCharsets.US_ASCII);
                b.put((byte) 'E').putInt(fields.length + 4).put(fields);
                b.put((byte) 'Z').putInt(5).put((byte) 'E');
                b.flip();
                server.write(b);
                Warmup.ServerReplies replies = new Warmup.ServerReplies(client);
                assertEquals('T', replies.awaitReadyForQuery());
                IOException e = assertThrows(IOException.class, replies::awaitReadyForQuery);
                assertTrue(e.getMessage().contains("40P01 deadlock detected"), e.getMessage());
            }
        }
    }
}
