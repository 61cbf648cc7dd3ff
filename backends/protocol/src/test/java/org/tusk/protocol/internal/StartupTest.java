package org.tusk.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.protocol.internal.WireClient.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.api.protocol.SessionOutcome;

/** The startup phase (ProcessStartupPacket and what follows until the first ReadyForQuery). */
class StartupTest {
    static final int V3 = 196608;
    static final int SSL = (1234 << 16) | 5679;
    static final int GSS = (1234 << 16) | 5680;
    static final int CANCEL = (1234 << 16) | 5678;
    static final Duration LIMIT = Duration.ofSeconds(30);

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void sslAndGssRequestsAreRefusedThenStartupCompletes() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(codePacket(SSL));
                assertEquals('N', s.client.readByte());
                s.client.send(codePacket(GSS));
                assertEquals('N', s.client.readByte());
                s.client.send(startupPacket(V3, params("user", "alice", "application_name", "app1")));
                List<Msg> msgs = s.client.readUntil('Z');

                assertEquals('R', msgs.get(0).type());
                assertArrayEquals(new byte[] {0, 0, 0, 0}, msgs.get(0).body());
                // ParameterStatus in the engine's order, then BackendKeyData, then ReadyForQuery 'I'
                FakeEngineSession session = s.engine.last();
                List<String> expected = new java.util.ArrayList<>();
                session.reportedSettings().forEach((k, v) -> expected.add(k + "=" + v));
                List<String> got = new java.util.ArrayList<>();
                for (Msg m : msgs.subList(1, msgs.size() - 2)) {
                    assertEquals('S', m.type());
                    String[] kv = new String(m.body(), java.nio.charset.StandardCharsets.UTF_8).split("\0");
                    got.add(kv[0] + "=" + (kv.length > 1 ? kv[1] : ""));
                }
                assertEquals(expected, got);
                assertTrue(got.contains("application_name=app1"));
                Msg key = msgs.get(msgs.size() - 2);
                assertEquals('K', key.type());
                assertArrayEquals(ByteBuffer.allocate(8).putInt(FakeBackendContext.PID).putInt(FakeBackendContext.KEY).array(), key.body());
                assertArrayEquals(new byte[] {'I'}, msgs.get(msgs.size() - 1).body());

                assertEquals("alice", session.user);
                assertEquals("alice", session.database, "database defaults to the user name");
                assertEquals(Map.of("application_name", "app1"), session.startupSettings);
                assertEquals(List.of("alice/alice/app1"), s.backend.sessionStarts);
                assertEquals("idle:", s.backend.activity.get(s.backend.activity.size() - 1));

                s.client.send(terminate());
                assertEquals(SessionOutcome.CLEAN, s.outcome());
                assertTrue(session.closed, "engine session is closed at session end");
            }
        });
    }

    @Test
    void secondSslRequestIsAnUnsupportedProtocol() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(codePacket(SSL));
                assertEquals('N', s.client.readByte());
                s.client.send(codePacket(SSL));
                List<Msg> msgs = s.client.readToEnd();
                assertEquals(1, msgs.size());
                assertEquals("FATAL", msgs.get(0).field('S'));
                assertEquals("0A000", msgs.get(0).field('C'));
                assertEquals("unsupported frontend protocol 1234.5679: server supports 3.0 to 3.0", msgs.get(0).field('M'));
                assertEquals(SessionOutcome.FATAL, s.outcome());
            }
        });
    }

    @Test
    void optionsAreSplitAndApplied() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(startupPacket(V3, params("user", "bob", "database", "db1",
                        "options", "  -c work_mem=4MB --search-path=a\\ b  -cgeqo=off -c DateStyle=German",
                        "DateStyle", "ISO")));
                s.client.readUntil('Z');
                FakeEngineSession session = s.engine.last();
                assertEquals("db1", session.database);
                Map<String, String> expected = new LinkedHashMap<>();
                expected.put("work_mem", "4MB");
                expected.put("search_path", "a b");
                expected.put("geqo", "off");
                expected.put("DateStyle", "ISO"); // startup-packet parameters win over options
                assertEquals(expected, session.startupSettings);
            }
        });
    }

    @Test
    void badOptionIsFatalAfterAuthentication() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(startupPacket(V3, params("user", "bob", "options", "-c work_mem")));
                List<Msg> msgs = s.client.readToEnd();
                assertEquals(List.of("R", "E:FATAL:42601"), briefs(msgs));
                assertEquals("-c work_mem requires a value", msgs.get(1).field('M'));
                assertEquals(SessionOutcome.FATAL, s.outcome());
            }
        });
    }

    @Test
    void missingUserIsFatal28000() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(startupPacket(V3, params("database", "x")));
                List<Msg> msgs = s.client.readToEnd();
                assertEquals(List.of("E:FATAL:28000"), briefs(msgs));
                assertEquals("no PostgreSQL user name specified in startup packet", msgs.get(0).field('M'));
                assertEquals(SessionOutcome.FATAL, s.outcome());
            }
        });
    }

    @Test
    void unknownDatabaseFromEngineIsFatal() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(startupPacket(V3, params("user", "u", "database", "nodb")));
                List<Msg> msgs = s.client.readToEnd();
                assertEquals(List.of("R", "E:FATAL:3D000"), briefs(msgs));
                assertEquals(SessionOutcome.FATAL, s.outcome());
            }
        });
    }

    @Test
    void unsupportedMajorVersion() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(startupPacket(4 << 16, params("user", "u")));
                List<Msg> msgs = s.client.readToEnd();
                assertEquals("unsupported frontend protocol 4.0: server supports 3.0 to 3.0", msgs.get(0).field('M'));
                assertEquals("0A000", msgs.get(0).field('C'));
            }
        });
    }

    @Test
    void newerMinorAndUnknownProtocolOptionsAreNegotiated() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(startupPacket(V3 + 2, params("user", "u", "_pq_.foo", "1", "_pq_.bar", "2")));
                List<Msg> msgs = s.client.readUntil('Z');
                Msg v = msgs.get(0);
                assertEquals('v', v.type());
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                expected.writeBytes(ByteBuffer.allocate(8).putInt(V3).putInt(2).array()); // PostgreSQL 15 sends PG_PROTOCOL_LATEST
                expected.writeBytes(cstr("_pq_.foo"));
                expected.writeBytes(cstr("_pq_.bar"));
                assertArrayEquals(expected.toByteArray(), v.body());
                assertEquals('R', msgs.get(1).type());
                assertTrue(s.engine.last().startupSettings.isEmpty(), "_pq_ options are not settings");
                s.client.send(query("select 7"));
                assertEquals(List.of("T", "D:7", "C:SELECT 1", "Z:I"), briefs(s.client.readUntil('Z')));
            }
        });
    }

    @Test
    void invalidStartupLengthIsFatal08P01() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(new byte[] {0, 0, 0, 4});
                List<Msg> msgs = s.client.readToEnd();
                assertEquals(List.of("E:FATAL:08P01"), briefs(msgs));
                assertEquals("invalid length of startup packet", msgs.get(0).field('M'));
            }
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(new byte[] {0, 1, 0, 0, 0, 3, 0, 0});
                assertEquals("invalid length of startup packet", s.client.readToEnd().get(0).field('M'));
            }
        });
    }

    @Test
    void missingTerminatorInStartupPacket() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                byte[] p = startupPacket(V3, params("user", "u"));
                byte[] cut = java.util.Arrays.copyOf(p, p.length - 1);
                ByteBuffer.wrap(cut).putInt(0, cut.length);
                s.client.send(cut);
                List<Msg> msgs = s.client.readToEnd();
                assertEquals("invalid startup packet layout: expected terminator as last byte", msgs.get(0).field('M'));
                assertEquals(SessionOutcome.FATAL, s.outcome());
            }
        });
    }

    @Test
    void cancelRequestIsPassedOnAndClosesSilently() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.client.send(codePacket(CANCEL, 99, 12345));
                assertEquals(-1, s.client.readByte());
                assertEquals(SessionOutcome.NO_SESSION, s.outcome());
                assertEquals(1, s.backend.cancelRequests.size());
                assertArrayEquals(new int[] {99, 12345}, s.backend.cancelRequests.get(0));
            }
        });
    }

    @Test
    void connectionClosedBeforeStartupIsNoSession() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = new LoopbackSession()) {
                s.clientSocket.shutdownOutput();
                assertEquals(SessionOutcome.NO_SESSION, s.outcome());
            }
        });
    }

    private static void assertTimeoutPreemptively(Duration d, org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(d, e);
    }
}
