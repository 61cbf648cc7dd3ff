package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws random and mutated startup packets and protocol messages at a real
 * server (loopback only; bounded in count and time). The postmaster must never
 * die, no backend may hang, and a well-formed session alongside keeps working.
 */
@Isolated("it runs as many cases as fit in its time bound, each costing a backend JVM start, so sharing "
        + "the machine would run fewer")
class ProtocolFuzzTest {

    private static final long SEED = Long.getLong("tusk.fuzz.seed", 20261121L);
    private static final int MAX_CASES = 150;
    private static final long MAX_MILLIS = 60_000;

    @TempDir
    Path root;

    @Test
    void malformedInputNeverHurtsTheServer() throws Exception {
        Random rnd = new Random(SEED);
        try (TuskCluster cluster = TuskCluster.start(root, "min_spare_backends=3")) {
            long postmaster = cluster.postmasterPid();
            try (Connection bystander = cluster.connect()) {
                long start = System.currentTimeMillis();
                int cases = 0;
                while (cases < MAX_CASES && System.currentTimeMillis() - start < MAX_MILLIS) {
                    byte[] payload = fuzzCase(rnd, cases);
                    try (Socket s = new Socket("127.0.0.1", cluster.port)) {
                        s.setSoTimeout(3000);
                        s.getOutputStream().write(payload);
                        s.getOutputStream().flush();
                        drain(s.getInputStream());
                    } catch (IOException expected) {
                        // the server may close on us: that is a fine answer to garbage
                    }
                    cases++;
                    if (cases % 10 == 0) {
                        try (Statement st = bystander.createStatement(); ResultSet rs = st.executeQuery("select " + cases)) {
                            assertTrue(rs.next(), "seed " + SEED);
                            assertEquals(cases, rs.getInt(1));
                        }
                    }
                }
                assertEquals(postmaster, cluster.postmasterPid(), "postmaster survived, seed " + SEED);
                assertTrue(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false));
                // no backend is left hanging in a fuzz session: only the bystander is active
                long deadline = System.currentTimeMillis() + 15_000;
                long sessions = -1;
                while (System.currentTimeMillis() < deadline) {
                    try (Statement st = bystander.createStatement();
                         ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity")) {
                        rs.next();
                        sessions = rs.getLong(1);
                    }
                    if (sessions == 1) break;
                    Thread.sleep(200);
                }
                assertEquals(1, sessions, "sessions left behind after the fuzz run, seed " + SEED);
            }
            try (Connection fresh = cluster.connect(); Statement st = fresh.createStatement(); ResultSet rs = st.executeQuery("select 'ok'")) {
                assertTrue(rs.next());
                assertEquals("ok", rs.getString(1));
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        long until = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < until && in.read(buf) >= 0) {
            // read whatever the server answers until it closes or goes quiet
        }
    }

    /** A mix: pure noise, mutated startup packets, and valid startups followed by mutated messages. */
    private static byte[] fuzzCase(Random rnd, int n) throws IOException {
        switch (n % 4) {
            case 0: {
                byte[] noise = new byte[rnd.nextInt(64)];
                rnd.nextBytes(noise);
                return noise;
            }
            case 1:
                return mutate(rnd, startup("fuzz", "postgres"));
            default: {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.write(startup(System.getProperty("user.name"), "postgres"));
                byte[][] messages = {
                        message('Q', cstring("select 1")),
                        message('P', concat(cstring(""), cstring("select $1::int4"), new byte[] {0, 1, 0, 0, 0, 23})),
                        message('B', concat(cstring(""), cstring(""), new byte[] {0, 0, 0, 1, 0, 0, 0, 1, '7', 0, 0})),
                        message('E', concat(cstring(""), new byte[] {0, 0, 0, 0})),
                        message('S', new byte[0]),
                        message('D', concat(new byte[] {'S'}, cstring(""))),
                        message('C', concat(new byte[] {'P'}, cstring(""))),
                };
                for (int i = 0; i < 1 + rnd.nextInt(6); i++) {
                    byte[] m = messages[rnd.nextInt(messages.length)];
                    b.write(rnd.nextInt(3) == 0 ? mutate(rnd, m) : m);
                }
                if (rnd.nextBoolean()) b.write(message('X', new byte[0]));
                return b.toByteArray();
            }
        }
    }

    private static byte[] mutate(Random rnd, byte[] in) {
        byte[] out = in.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int i = 0; i < edits && out.length > 0; i++) {
            switch (rnd.nextInt(3)) {
                case 0 -> out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
                case 1 -> out = java.util.Arrays.copyOf(out, rnd.nextInt(out.length));
                default -> {
                    int at = rnd.nextInt(Math.min(out.length, 8)); // lengths live near the front
                    out[at] = (byte) (rnd.nextBoolean() ? 0x7f : 0xff);
                }
            }
        }
        return out;
    }

    static byte[] startup(String user, String db) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        d.writeInt(196608);
        d.write(cstring("user"));
        d.write(cstring(user));
        d.write(cstring("database"));
        d.write(cstring(db));
        d.write(0);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DataOutputStream(out).writeInt(b.length + 4);
        out.write(b);
        return out.toByteArray();
    }

    static byte[] message(char type, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeByte(type);
        d.writeInt(body.length + 4);
        d.write(body);
        return out.toByteArray();
    }

    static byte[] cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, b.length + 1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
