package org.tusk.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.protocol.internal.WireClient.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.auth.FileRoleStore;
import org.tusk.api.auth.Md5Password;
import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.ScramSecret;
import org.tusk.api.protocol.SessionOutcome;

/** Client authentication over a real loopback connection (127.0.0.1), with a byte-level client. */
class ClientAuthenticationTest {
    static final Duration LIMIT = Duration.ofSeconds(30);
    static final int V3 = 196608;

    @TempDir
    Path data;
    FileRoleStore roles;

    @BeforeEach
    void cluster() throws Exception {
        Files.createDirectories(data.resolve("global"));
        roles = new FileRoleStore(data);
        roles.create(new RoleRecord(10, "postgres", true, true, true, true, true, true, true, -1, null, null));
        roles.create(login(16384, "scram_user", ScramSecret.create("s3cret").toString(), null));
        roles.create(login(16385, "md5_user", Md5Password.encrypt("m5pw", "md5_user"), null));
        roles.create(login(16386, "expired", ScramSecret.create("old").toString(), 0L));
        roles.create(RoleRecord.defaults(16387, "nologin"));
    }

    static RoleRecord login(long oid, String name, String password, Long validUntil) {
        return new RoleRecord(oid, name, false, true, false, false, true, false, false, -1, password, validUntil);
    }

    void hba(String... lines) throws Exception {
        Files.writeString(data.resolve("tusk_hba.conf"), String.join("\n", lines) + "\n");
    }

    LoopbackSession session() throws Exception {
        FakeQueryEngine engine = new FakeQueryEngine();
        engine.roleStore = roles;
        return new LoopbackSession(new PostgresProtocolHandler(), engine, data);
    }

    static byte[] startup(String user) {
        return startupPacket(V3, StartupTest.params("user", user, "database", "postgres"));
    }

    static int authCode(Msg m) {
        assertEquals('R', m.type(), m.toString());
        return ByteBuffer.wrap(m.body()).getInt();
    }

    static void assertFatal(List<Msg> msgs, String code, String message) {
        Msg last = msgs.get(msgs.size() - 1);
        assertEquals('E', last.type(), msgs.toString());
        assertEquals("FATAL", last.field('S'));
        assertEquals(code, last.field('C'));
        assertEquals(message, last.field('M'));
    }

    @Test
    void scramSucceedsWithTheRightPasswordAndSendsTheServerSignature() throws Exception {
        hba("host all all 127.0.0.1/32 scram-sha-256");
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = session()) {
                ScramClient c = new ScramClient(s, "scram_user", "s3cret");
                List<Msg> after = c.run();
                assertEquals(12, authCode(after.get(0)));
                String serverFinal = new String(after.get(0).body(), 4, after.get(0).body().length - 4, StandardCharsets.UTF_8);
                assertEquals("v=" + Base64.getEncoder().encodeToString(c.expectedServerSignature()), serverFinal);
                assertEquals(0, authCode(after.get(1)));
                assertEquals('Z', after.get(after.size() - 1).type());
                s.client.send(terminate());
                assertEquals(SessionOutcome.CLEAN, s.outcome());
            }
        });
    }

    @Test
    void scramWithAWrongPasswordOrUnknownRoleGets28P01() throws Exception {
        hba("host all all 127.0.0.1/32 scram-sha-256");
        assertTimeoutPreemptively(LIMIT, () -> {
            for (String[] userPassword : new String[][] {{"scram_user", "wrong"}, {"ghost", "x"}, {"expired", "old"},
                    {"md5_user", "m5pw"}}) {
                try (LoopbackSession s = session()) {
                    List<Msg> after = new ScramClient(s, userPassword[0], userPassword[1]).run();
                    assertFatal(after, "28P01", "password authentication failed for user \"" + userPassword[0] + "\"");
                    assertEquals(SessionOutcome.FATAL, s.outcome());
                }
            }
        });
    }

    @Test
    void md5WithSaltAndCleartextPassword() throws Exception {
        hba("host all md5_user 127.0.0.1/32 md5", "host all all 127.0.0.1/32 password");
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = session()) {
                s.client.send(startup("md5_user"));
                Msg req = s.client.read();
                assertEquals(5, authCode(req));
                byte[] salt = java.util.Arrays.copyOfRange(req.body(), 4, 8);
                s.client.send(message('p', cstr(Md5Password.salted(Md5Password.encrypt("m5pw", "md5_user"), salt))));
                List<Msg> ok = s.client.readUntil('Z');
                assertEquals(0, authCode(ok.get(0)));
            }
            try (LoopbackSession s = session()) {
                s.client.send(startup("md5_user"));
                s.client.read();
                s.client.send(message('p', cstr("md5" + "0".repeat(32))));
                assertFatal(s.client.readToEnd(), "28P01", "password authentication failed for user \"md5_user\"");
            }
            try (LoopbackSession s = session()) {
                s.client.send(startup("scram_user"));
                assertEquals(3, authCode(s.client.read()));
                s.client.send(message('p', cstr("s3cret")));
                assertEquals(0, authCode(s.client.readUntil('Z').get(0)));
            }
            try (LoopbackSession s = session()) {
                s.client.send(startup("scram_user"));
                assertEquals(3, authCode(s.client.read()));
                s.client.send(message('p', cstr("")));
                assertFatal(s.client.readToEnd(), "28P01", "empty password returned by client");
            }
        });
    }

    @Test
    void rejectNoEntryNologinAndHangup() throws Exception {
        hba("host all scram_user 127.0.0.1/32 reject", "host all nologin,postgres 127.0.0.1/32 trust",
                "host all md5_user 127.0.0.1/32 md5");
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = session()) {
                s.client.send(startup("scram_user"));
                assertFatal(s.client.readToEnd(), "28000",
                        "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"scram_user\", database \"postgres\", no encryption");
            }
            try (LoopbackSession s = session()) {
                s.client.send(startup("carol"));
                assertFatal(s.client.readToEnd(), "28000",
                        "no pg_hba.conf entry for host \"127.0.0.1\", user \"carol\", database \"postgres\", no encryption");
            }
            try (LoopbackSession s = session()) {
                s.client.send(startup("nologin"));
                assertFatal(s.client.readToEnd(), "28000", "role \"nologin\" is not permitted to log in");
            }
            try (LoopbackSession s = session()) {
                s.client.send(startup("postgres"));
                assertEquals(0, authCode(s.client.readUntil('Z').get(0)));
            }
            try (LoopbackSession s = session()) {
                // psql's first attempt: it sees the password request and hangs up to prompt
                s.client.send(startup("md5_user"));
                assertEquals(5, authCode(s.client.read()));
                s.clientSocket.shutdownOutput();
                assertEquals(SessionOutcome.NO_SESSION, s.outcome());
            }
            try (LoopbackSession s = session()) {
                s.client.send(startup("md5_user"));
                s.client.read();
                s.client.send(query("select 1"));
                assertFatal(s.client.readToEnd(), "08P01", "expected password response, got message type 81");
            }
        });
    }

    @Test
    void aBrokenOrMissingFileRefusesEveryone() throws Exception {
        hba("host all all 127.0.0.1/32 trust", "host all all all bogus");
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopbackSession s = session()) {
                s.client.send(startup("postgres"));
                assertFatal(s.client.readToEnd(), "XX000", "could not load pg_hba.conf");
            }
            Files.delete(data.resolve("tusk_hba.conf"));
            try (LoopbackSession s = session()) {
                s.client.send(startup("postgres"));
                assertFatal(s.client.readToEnd(), "XX000", "could not load pg_hba.conf");
            }
        });
    }

    /** A byte-level SCRAM-SHA-256 client (what libpq's fe-auth-scram.c does). */
    static final class ScramClient {
        final LoopbackSession s;
        final String user;
        final String password;
        byte[] serverKey;
        String authMessage;

        ScramClient(LoopbackSession s, String user, String password) {
            this.s = s;
            this.user = user;
            this.password = password;
        }

        /** Everything the server sends after the client-final-message, up to ReadyForQuery or the end. */
        List<Msg> run() throws Exception {
            s.client.send(startup(user));
            Msg sasl = s.client.read();
            assertEquals(10, authCode(sasl));
            assertArrayEquals("\0\0\0\nSCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII), sasl.body());
            String clientNonce = "fyko+d2lbbFgONRv9qkxdawL";
            String clientFirstBare = "n=,r=" + clientNonce;
            byte[] first = ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
            s.client.send(message('p', concat(cstr("SCRAM-SHA-256"), ByteBuffer.allocate(4).putInt(first.length).array(), first)));
            Msg cont = s.client.read();
            assertEquals(11, authCode(cont));
            String serverFirst = new String(cont.body(), 4, cont.body().length - 4, StandardCharsets.UTF_8);
            String[] parts = serverFirst.split(",");
            assertTrue(parts[0].startsWith("r=" + clientNonce));
            byte[] salt = Base64.getDecoder().decode(parts[1].substring(2));
            int iterations = Integer.parseInt(parts[2].substring(2));
            byte[] salted = ScramSecret.saltedPassword(password, salt, iterations);
            byte[] clientKey = ScramSecret.hmac(salted, "Client Key");
            serverKey = ScramSecret.hmac(salted, "Server Key");
            String withoutProof = "c=biws," + parts[0];
            authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] signature = ScramSecret.hmac(ScramSecret.sha256(clientKey), authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            s.client.send(message('p', (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                    .getBytes(StandardCharsets.UTF_8)));
            List<Msg> got = new java.util.ArrayList<>();
            Msg m;
            while ((m = s.client.read()) != null) {
                got.add(m);
                if (m.type() == 'Z') {
                    break;
                }
            }
            return got;
        }

        byte[] expectedServerSignature() {
            return ScramSecret.hmac(serverKey, authMessage);
        }
    }
}
