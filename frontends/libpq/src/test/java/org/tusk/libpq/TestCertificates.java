package org.tusk.libpq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The certificates every {@link ServerUnderTest} uses, made with the openssl
 * CLI: a test CA (EC P-256), a server certificate for DNS name "localhost"
 * only (so verify-full fails for "127.0.0.1"), a client certificate for
 * {@value #CLIENT_CN} with a PKCS#1 RSA key, and an unrelated CA.
 */
public final class TestCertificates {
    /** The client certificate's CN, the role that authenticates with it. */
    public static final String CLIENT_CN = "certuser";

    private TestCertificates() {}

    /**
     * Writes ca.crt, other.crt, server.crt/.key, client.crt/.key (keys mode
     * 600) into {@code dir}, which is created if missing.
     */
    public static void make(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        String ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        String sh = String.join(" && ",
                "cd " + dir,
                "openssl req -x509 " + ec + " -keyout ca.key -out ca.crt -days 2 -subj /CN=tusk-test-ca",
                "openssl req -x509 " + ec + " -keyout other.key -out other.crt -days 2 -subj /CN=tusk-other-ca",
                "openssl req " + ec + " -keyout server.key -out server.csr -subj /CN=localhost",
                "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile san.ext",
                "openssl genrsa -traditional -out client.key 2048",
                "openssl req -new -key client.key -out client.csr -subj /CN=" + CLIENT_CN,
                "openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 2");
        Process p = new ProcessBuilder(List.of("sh", "-c", sh)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl failed: " + new String(out, StandardCharsets.UTF_8));
        }
        for (String key : new String[] {"ca.key", "other.key", "server.key", "client.key"}) {
            Files.setPosixFilePermissions(dir.resolve(key), PosixFilePermissions.fromString("rw-------"));
        }
    }
}
