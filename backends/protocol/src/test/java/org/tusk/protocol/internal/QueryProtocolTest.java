package org.tusk.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.protocol.internal.WireClient.*;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.tusk.api.error.PgException;
import org.tusk.api.protocol.SessionOutcome;

/** Simple and extended query flows after a normal startup. */
class QueryProtocolTest {
    private static final short[] NONE = new short[0];

    /** Runs a test body against a started session. */
    private static void session(ThrowingConsumer<LoopbackSession> body) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(startupPacket(StartupTest.V3, StartupTest.params("user", "u")));
                s.client.readUntil('Z');
                try {
                    body.accept(s);
                } catch (Throwable t) {
                    throw new AssertionError(t);
                }
            }
        });
    }

    private static List<String> roundTrip(LoopbackSession s, byte[]... msgs) throws Exception {
        s.client.send(msgs);
        return briefs(s.client.readUntil('Z'));
    }

    @Test
    void simpleQueryStopsAtTheFirstError() {
        session(s -> {
            s.client.send(query("select 1; error; select 2"));
            List<Msg> msgs = s.client.readUntil('Z');
            assertEquals(List.of("T", "D:1", "C:SELECT 1", "E:ERROR:22012", "Z:I"), briefs(msgs));
            // RowDescription bytes: one int4 column "?column?"
            ByteBuffer t = ByteBuffer.allocate(2 + 9 + 18).putShort((short) 1).put(cstr("?column?"))
                    .putInt(0).putShort((short) 0).putInt(23).putShort((short) 4).putInt(-1).putShort((short) 0);
            assertArrayEquals(t.array(), msgs.get(0).body());
            assertEquals("division by zero", msgs.get(3).field('M'));
            assertEquals("ERROR", msgs.get(3).field('V'));
            assertEquals(1, s.engine.last().syncs);
        });
    }

    @Test
    void syntaxErrorFailsTheWholeStringWithPosition() {
        session(s -> {
            s.client.send(query("select 1; bogus"));
            List<Msg> msgs = s.client.readUntil('Z');
            assertEquals(List.of("E:ERROR:42601", "Z:I"), briefs(msgs));
            assertEquals("11", msgs.get(0).field('P'));
        });
    }

    @Test
    void emptyQueryAndTransactionStates() {
        session(s -> {
            assertEquals(List.of("I", "Z:I"), roundTrip(s, query("  ;  ")));
            assertEquals(List.of("C:BEGIN", "Z:T"), roundTrip(s, query("begin")));
            assertEquals(List.of("E:ERROR:22012", "Z:E"), roundTrip(s, query("error")));
            assertEquals(List.of("E:ERROR:25P02", "Z:E"), roundTrip(s, query("select 1")));
            assertEquals(List.of("C:ROLLBACK", "Z:I"), roundTrip(s, query("commit")));
            List<String> a = s.backend.activity;
            assertTrue(a.contains("active:begin"));
            assertTrue(a.contains("idle in transaction:begin"));
            assertTrue(a.contains("idle in transaction (aborted):error"));
            assertEquals("idle:commit", a.get(a.size() - 1));
        });
    }

    @Test
    void noticesAndParameterStatusFromTheEngine() {
        session(s -> {
            s.client.send(query("notice; set application_name zed"));
            List<Msg> msgs = s.client.readUntil('Z');
            assertEquals(List.of("N:NOTICE:00000", "C:DO", "S", "C:SET", "Z:I"), briefs(msgs));
            assertEquals("hello from the engine", msgs.get(0).field('M'));
            assertArrayEquals(concat(cstr("application_name"), cstr("zed")), msgs.get(2).body());
            assertTrue(s.backend.activity.contains("appname:zed"));
        });
    }

    @Test
    void engineBugsAreInternalErrorsAndTheSessionGoesOn() {
        session(s -> {
            List<Msg> msgs;
            s.client.send(query("boom"));
            msgs = s.client.readUntil('Z');
            assertEquals(List.of("E:ERROR:XX000", "Z:I"), briefs(msgs));
            assertEquals("boom", msgs.get(0).field('M'));
            assertEquals(List.of("T", "D:3", "C:SELECT 1", "Z:I"), roundTrip(s, query("select 3")));
        });
    }

    @Test
    void fatalFromTheEngineEndsTheSession() {
        session(s -> {
            s.client.send(query("fatal"));
            List<Msg> msgs = s.client.readToEnd();
            assertEquals(List.of("E:FATAL:57P01"), briefs(msgs));
            assertEquals(SessionOutcome.FATAL, s.outcome());
        });
    }

    @Test
    void namedStatementWithBinaryParameterAndResult() {
        session(s -> {
            s.client.send(parse("s1", "select $1", 23), describe('S', "s1"),
                    bind("p1", "s1", new short[] {1}, new byte[][] {ByteBuffer.allocate(4).putInt(42).array()}, new short[] {1}),
                    describe('P', "p1"), execute("p1", 0), sync());
            List<Msg> msgs = s.client.readUntil('Z');
            assertEquals(List.of("1", "t", "T", "2", "T", "D:\0\0\0*", "C:SELECT 1", "Z:I"), briefs(msgs));
            assertArrayEquals(new byte[] {0, 1, 0, 0, 0, 23}, msgs.get(1).body());
            byte[] stmtDesc = msgs.get(2).body();
            byte[] portalDesc = msgs.get(4).body();
            assertEquals(0, stmtDesc[stmtDesc.length - 1], "statement description has text formats");
            assertEquals(1, portalDesc[portalDesc.length - 1], "portal description has the bound format");
            assertEquals(0, msgs.get(0).body().length);
            // the named statement survives the transaction; text parameters work too
            s.client.send(bind("", "s1", NONE, new byte[][] {"9".getBytes()}, NONE), execute("", 0), sync());
            assertEquals(List.of("2", "D:9", "C:SELECT 1", "Z:I"), briefs(s.client.readUntil('Z')));
        });
    }

    @Test
    void parseErrorsMatchPostgres() {
        session(s -> {
            s.client.send(parse("s1", "select 1"), sync());
            s.client.readUntil('Z');
            s.client.send(parse("s1", "select 2"), sync());
            List<Msg> msgs = s.client.readUntil('Z');
            assertEquals("prepared statement \"s1\" already exists", msgs.get(0).field('M'));
            assertEquals("42P05", msgs.get(0).field('C'));
            s.client.send(parse("", "select 1; select 2"), sync());
            msgs = s.client.readUntil('Z');
            assertEquals("cannot insert multiple commands into a prepared statement", msgs.get(0).field('M'));
            s.client.send(bind("", "nope"), sync());
            msgs = s.client.readUntil('Z');
            assertEquals(List.of("E:ERROR:26000", "Z:I"), briefs(msgs));
            assertEquals("prepared statement \"nope\" does not exist", msgs.get(0).field('M'));
            s.client.send(bind("", ""), sync());
            assertEquals("unnamed prepared statement does not exist", s.client.readUntil('Z').get(0).field('M'));
        });
    }

    @Test
    void rowLimitSuspendsAndResumes() {
        session(s -> {
            s.client.send(parse("", "series 5"), bind("", ""), execute("", 2));
            // PortalSuspended is flushed even without Sync or Flush
            assertEquals(List.of("1", "2", "D:1", "D:2", "s"), briefs(s.client.readUntil('s')));
            s.client.send(execute("", 2), execute("", 2), sync());
            assertEquals(List.of("D:3", "D:4", "s", "D:5", "C:SELECT 1", "Z:I"), briefs(s.client.readUntil('Z')));
            // the unnamed portal ended with the implicit transaction at Sync
            s.client.send(execute("", 0), sync());
            List<Msg> msgs = s.client.readUntil('Z');
            assertEquals(List.of("E:ERROR:34000", "Z:I"), briefs(msgs));
            assertEquals("portal \"\" does not exist", msgs.get(0).field('M'));
        });
    }

    @Test
    void errorSkipsToSync() {
        session(s -> {
            s.client.send(parse("", "bogus"), bind("", ""), describe('P', ""), execute("", 0), query("select 1"), sync());
            List<Msg> msgs = s.client.readUntil('Z');
            assertEquals(List.of("E:ERROR:42601", "Z:I"), briefs(msgs));
            s.client.send(parse("", "select 5"), bind("", ""), execute("", 0), sync());
            assertEquals(List.of("1", "2", "D:5", "C:SELECT 1", "Z:I"), briefs(s.client.readUntil('Z')));
            s.client.send(parse("", "error"), bind("", ""), execute("", 0), parse("", "select 1"), sync());
            assertEquals(List.of("1", "2", "E:ERROR:22012", "Z:I"), briefs(s.client.readUntil('Z')));
        });
    }

    @Test
    void reExecutingACompletedPortal() {
        session(s -> {
            s.client.send(parse("", "insert"), bind("", ""), execute("", 0), execute("", 0), sync());
            List<Msg> msgs = s.client.readUntil('Z');
            assertEquals(List.of("1", "2", "C:INSERT 0 1", "E:ERROR:55000", "Z:I"), briefs(msgs));
            assertEquals("portal \"\" cannot be run", msgs.get(3).field('M'));
            s.client.send(parse("", "select 1"), bind("", ""), execute("", 0), execute("", 0), sync());
            assertEquals(List.of("1", "2", "D:1", "C:SELECT 1", "C:SELECT 0", "Z:I"), briefs(s.client.readUntil('Z')));
        });
    }

    @Test
    void describeCloseAndFlush() {
        session(s -> {
            s.client.send(parse("a", "insert"), flush());
            assertEquals(List.of("1"), briefs(List.of(s.client.read())));
            s.client.send(describe('S', "a"), close('S', "a"), close('S', "a"), close('P', "nope"), describe('S', "a"), sync());
            List<Msg> msgs = s.client.readUntil('Z');
            assertEquals(List.of("t", "n", "3", "3", "3", "E:ERROR:26000", "Z:I"), briefs(msgs));
            s.client.send(describe('X', ""), sync());
            msgs = s.client.readUntil('Z');
            assertEquals("invalid DESCRIBE message subtype 88", msgs.get(0).field('M'));
            assertEquals("08P01", msgs.get(0).field('C'));
            s.client.send(close('Y', ""), sync());
            assertEquals("invalid CLOSE message subtype 89", s.client.readUntil('Z').get(0).field('M'));
        });
    }

    @Test
    void emptyStatementInExtendedMode() {
        session(s -> {
            s.client.send(parse("", ""), bind("", ""), describe('S', ""), describe('P', ""), execute("", 0), sync());
            assertEquals(List.of("1", "2", "t", "n", "n", "I", "Z:I"), briefs(s.client.readUntil('Z')));
        });
    }

    @Test
    void bindFormatChecks() {
        session(s -> {
            s.client.send(parse("", "select $1"), bind("", "", new short[] {0, 0}, new byte[][] {"1".getBytes()}, NONE), sync());
            List<Msg> msgs = s.client.readUntil('Z');
            assertEquals("bind message has 2 parameter formats but 1 parameters", msgs.get(1).field('M'));
            s.client.send(parse("", "select $1"), bind("", "", new short[] {2}, new byte[][] {"1".getBytes()}, NONE), sync());
            msgs = s.client.readUntil('Z');
            assertEquals("unsupported format code: 2", msgs.get(1).field('M'));
            assertEquals("22023", msgs.get(1).field('C'));
        });
    }

    @Test
    void malformedMessageContentsAreErrors() {
        session(s -> {
            s.client.send(message('S', new byte[] {'x'}));
            List<Msg> msgs = s.client.readUntil('Z');
            assertEquals(List.of("E:ERROR:08P01", "Z:I"), briefs(msgs));
            assertEquals("invalid message format", msgs.get(0).field('M'));
            s.client.send(message('P', "abc".getBytes()), sync());
            msgs = s.client.readUntil('Z');
            assertEquals("invalid string in message", msgs.get(0).field('M'));
            s.client.send(message('E', cstr("")), sync());
            assertEquals("insufficient data left in message", s.client.readUntil('Z').get(0).field('M'));
            s.client.send(query("select 1\u00e9"));
            msgs = s.client.readUntil('Z');
            assertEquals(List.of("T", "E:ERROR:22P02", "Z:I"), briefs(msgs));
            assertEquals("invalid input syntax for type integer: \"1\u00e9\"", msgs.get(1).field('M'), "valid UTF-8 reaches the engine intact");
            s.client.send(message('Q', new byte[] {'s', (byte) 0xc3, '(', 0}));
            msgs = s.client.readUntil('Z');
            assertEquals("invalid byte sequence for encoding \"UTF8\": 0xc3 0x28", msgs.get(0).field('M'));
        });
    }

    @Test
    void unknownTypeAndBadLengthAreFatal() {
        session(s -> {
            s.client.send(new byte[] {'y', 0, 0, 0, 4});
            List<Msg> msgs = s.client.readToEnd();
            assertEquals(List.of("E:FATAL:08P01"), briefs(msgs));
            assertEquals("invalid frontend message type 121", msgs.get(0).field('M'));
            assertEquals(SessionOutcome.FATAL, s.outcome());
        });
        session(s -> {
            s.client.send(new byte[] {'Q', 0, 0, 0, 3});
            assertEquals("invalid message length", s.client.readToEnd().get(0).field('M'));
        });
        session(s -> {
            s.client.send(new byte[] {'S', 0, 0, 0x4e, 0x20});
            assertEquals("invalid message length", s.client.readToEnd().get(0).field('M'));
        });
    }

    @Test
    void terminateAndEof() {
        session(s -> {
            s.client.send(terminate());
            assertEquals(SessionOutcome.CLEAN, s.outcome());
        });
        session(s -> {
            s.clientSocket.shutdownOutput();
            assertEquals(SessionOutcome.CLEAN, s.outcome(), "EOF while idle");
        });
        session(s -> {
            roundTrip(s, query("begin"));
            s.clientSocket.shutdownOutput();
            assertEquals(SessionOutcome.FATAL, s.outcome(), "EOF inside a transaction block");
            assertTrue(s.engine.last().closed);
        });
    }

    @Test
    void staleCancelIsDiscardedWhileIdle() {
        session(s -> {
            s.backend.pendingCancel.set(true);
            assertEquals(List.of("T", "D:1", "C:SELECT 1", "Z:I"), roundTrip(s, query("select 1")));
            assertEquals(false, s.backend.pendingCancel.get());
        });
    }

    @Test
    void terminationFromAnotherThreadWhileIdle() {
        session(s -> {
            s.terminationListener.terminate(PgException.fatal("57P01", "terminating connection due to administrator command"));
            List<Msg> msgs = s.client.readToEnd();
            assertEquals(List.of("E:FATAL:57P01"), briefs(msgs));
            assertEquals(SessionOutcome.FATAL, s.outcome());
        });
    }
}
