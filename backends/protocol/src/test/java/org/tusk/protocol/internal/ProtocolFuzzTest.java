package org.tusk.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tusk.protocol.internal.WireClient.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.protocol.ClientConnection;
import org.tusk.api.protocol.ProtocolHandler;
import org.tusk.api.protocol.SessionOutcome;
import org.tusk.api.protocol.TerminationListener;

/**
 * Feeds thousands of random and mutated byte streams to one handler. Each must
 * end with the handler returning an outcome (never throwing, never hanging),
 * with well-formed output in which a FATAL error, if any, is the last message.
 * The seed is fixed and printed with any failure so the case can be replayed.
 */
class ProtocolFuzzTest {
    private static final long SEED = Long.getLong("tusk.fuzz.seed", 0x7e5c_2026L);
    private static final int CASES = 4000;
    private static final char[] VALID_TYPES = {'Q', 'P', 'B', 'E', 'D', 'C', 'S', 'H', 'X', 'F', 'd', 'c', 'f'};

    private final ProtocolHandler handler = new PostgresProtocolHandler();
    private final FakeQueryEngine engine = new FakeQueryEngine();

    @Test
    void randomAndMutatedInputsAlwaysEndCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(45), () -> {
            Random rnd = new Random(SEED);
            byte[] transcript = validTranscript();
            for (int i = 0; i < CASES; i++) {
                int kind = i % 5;
                byte[] input = switch (kind) {
                    case 0 -> randomBytes(rnd, rnd.nextInt(64));
                    case 1 -> concat(startup(), randomBytes(rnd, rnd.nextInt(200)));
                    case 2 -> mutate(rnd, transcript);
                    case 3 -> concat(startup(), randomMessages(rnd));
                    default -> concat(startup(), wrongLengthMessage(rnd));
                };
                runCase(i, kind, input);
            }
        }, "fuzz run exceeded its time budget (seed " + SEED + ")");

        // the handler and engine still serve a well-formed session afterwards
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (LoopbackSession s = new LoopbackSession(handler, engine)) {
                s.client.send(startupPacket(StartupTest.V3, StartupTest.params("user", "after")));
                s.client.readUntil('Z');
                s.client.send(parse("", "series 3"), bind("", ""), execute("", 0), sync());
                assertEquals(List.of("1", "2", "D:1", "D:2", "D:3", "C:SELECT 3", "Z:I"), briefs(s.client.readUntil('Z')));
                s.client.send(terminate());
                assertEquals(SessionOutcome.CLEAN, s.outcome());
            }
        });
    }

    @Test
    void everyUndefinedMessageTypeIsFatal08P01() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int t = 0; t < 256; t++) {
                if (new String(VALID_TYPES).indexOf(t) >= 0) {
                    continue;
                }
                Output o = runCase(t, -1, concat(startup(), new byte[] {(byte) t, 0, 0, 0, 4}));
                assertEquals(SessionOutcome.FATAL, o.outcome);
                Msg last = o.messages.get(o.messages.size() - 1);
                assertEquals("FATAL", last.field('S'));
                assertEquals("08P01", last.field('C'));
                assertEquals("invalid frontend message type " + t, last.field('M'));
            }
        });
    }

    private record Output(SessionOutcome outcome, List<Msg> messages) {}

    private Output runCase(int index, int kind, byte[] input) {
        String replay = "case " + index + " kind " + kind + " seed " + SEED + " input " + HexFormat.of().formatHex(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SessionOutcome outcome;
        try {
            outcome = handler.serve(connection(new ByteArrayInputStream(input), out));
        } catch (Throwable t) {
            throw new AssertionError("handler threw: " + replay, t);
        }
        assertNotNull(outcome, replay);
        List<Msg> msgs = parseOutput(out.toByteArray(), replay);
        for (int i = 0; i < msgs.size(); i++) {
            Msg m = msgs.get(i);
            if (m.type() == 'E') {
                assertNotNull(m.field('C'), replay);
                assertNotNull(m.field('M'), replay);
                assertEquals(m.field('S'), m.field('V'), replay);
                if ("FATAL".equals(m.field('S'))) {
                    assertEquals(msgs.size() - 1, i, "FATAL must be the last message: " + replay);
                    assertEquals(SessionOutcome.FATAL, outcome, replay);
                }
            }
        }
        return new Output(outcome, msgs);
    }

    /** Splits the output into messages; lone 'N' bytes at the start answer SSLRequest/GSSENCRequest. */
    private static List<Msg> parseOutput(byte[] b, String replay) {
        List<Msg> msgs = new ArrayList<>();
        int i = 0;
        boolean started = false;
        while (i < b.length) {
            if (!started && b[i] == 'N' && (i + 1 == b.length || b[i + 1] != 0)) {
                i++;
                continue;
            }
            started = true;
            if (i + 5 > b.length) {
                fail("truncated message header at " + i + ": " + replay);
            }
            int len = ByteBuffer.wrap(b, i + 1, 4).getInt();
            if (len < 4 || i + 1 + len > b.length) {
                fail("bad message length " + len + " at " + i + ": " + replay);
            }
            byte[] body = new byte[len - 4];
            System.arraycopy(b, i + 5, body, 0, len - 4);
            msgs.add(new Msg((char) b[i], body));
            i += 1 + len;
        }
        return msgs;
    }

    private ClientConnection connection(InputStream in, OutputStream out) {
        FakeBackendContext backend = new FakeBackendContext();
        return new ClientConnection() {
            @Override public InputStream input() { return in; }
            @Override public OutputStream output() { return out; }
            @Override public String remoteAddress() { return null; }
            @Override public int remotePort() { return -1; }
            @Override public BackendContext backend() { return backend; }
            @Override public QueryEngine engine() { return engine; }
            @Override public void onTermination(TerminationListener listener) {}
        };
    }

    private static byte[] startup() {
        return startupPacket(StartupTest.V3, StartupTest.params("user", "fuzz"));
    }

    private static byte[] validTranscript() {
        return concat(codePacket(StartupTest.SSL), startup(), query("select 1; begin; series 3; commit"),
                parse("s", "select $1", 23), describe('S', "s"),
                bind("p", "s", new short[] {1}, new byte[][] {{0, 0, 0, 5}}, new short[] {1}),
                describe('P', "p"), execute("p", 1), execute("p", 0), close('P', "p"), close('S', "s"), sync(),
                parse("", "error"), bind("", ""), execute("", 0), flush(), sync(), query(""), terminate());
    }

    private static byte[] mutate(Random rnd, byte[] base) {
        byte[] b = base.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(5)) {
                case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
                case 2 -> {
                    int at = rnd.nextInt(b.length + 1);
                    b = concat(java.util.Arrays.copyOf(b, at), randomBytes(rnd, 1 + rnd.nextInt(8)),
                            java.util.Arrays.copyOfRange(b, at, b.length));
                }
                case 3 -> {
                    if (b.length > 4) {
                        int at = rnd.nextInt(b.length - 4);
                        ByteBuffer.wrap(b).putInt(at, pickLength(rnd));
                    }
                }
                default -> {
                    if (b.length > 1) {
                        int at = rnd.nextInt(b.length);
                        int n = Math.min(b.length - at, 1 + rnd.nextInt(16));
                        b = concat(java.util.Arrays.copyOf(b, at), java.util.Arrays.copyOfRange(b, at + n, b.length));
                    }
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    private static int pickLength(Random rnd) {
        int[] interesting = {0, 3, 4, 5, 8, 9999, 10000, 10004, 0x3fffffff, 0x40000000, -1, Integer.MIN_VALUE};
        return rnd.nextBoolean() ? interesting[rnd.nextInt(interesting.length)] : rnd.nextInt();
    }

    private static byte[] randomMessages(Random rnd) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int n = 1 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            char type = VALID_TYPES[rnd.nextInt(VALID_TYPES.length)];
            b.writeBytes(message(type, randomBody(rnd)));
        }
        return b.toByteArray();
    }

    /** Bodies that are mostly plausible: strings of fake-engine words, small ints, NULs. */
    private static byte[] randomBody(Random rnd) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String[] words = {"select 1", "series 4", "begin", "commit", "error", "boom", "", "select $1", "S", "P", "insert", "fatal"};
        int parts = rnd.nextInt(6);
        for (int i = 0; i < parts; i++) {
            switch (rnd.nextInt(4)) {
                case 0 -> b.writeBytes(cstr(words[rnd.nextInt(words.length)]));
                case 1 -> b.writeBytes(new byte[] {0, (byte) rnd.nextInt(3)});
                case 2 -> b.writeBytes(ByteBuffer.allocate(4).putInt(rnd.nextInt(5) - 1).array());
                default -> b.writeBytes(randomBytes(rnd, rnd.nextInt(6)));
            }
        }
        return b.toByteArray();
    }

    private static byte[] wrongLengthMessage(Random rnd) {
        char type = VALID_TYPES[rnd.nextInt(VALID_TYPES.length)];
        byte[] body = randomBytes(rnd, rnd.nextInt(32));
        ByteBuffer b = ByteBuffer.allocate(5 + body.length);
        b.put((byte) type).putInt(pickLength(rnd)).put(body);
        return b.array();
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    @Test
    void fatalForOversizedLengthWord() {
        Output o = runCase(0, -2, concat(startup(), new byte[] {'S', 0x3f, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
        Msg last = o.messages.get(o.messages.size() - 1);
        assertEquals("invalid message length", last.field('M'));
        assertTrue(o.outcome == SessionOutcome.FATAL);
    }
}
