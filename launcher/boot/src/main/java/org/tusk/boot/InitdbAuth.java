package org.tusk.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * initdb's authentication part: the {@code -A/--auth}, {@code --auth-host},
 * {@code --auth-local} and {@code --pwfile} options, the cluster's
 * {@code tusk_hba.conf} (pg_hba.conf's format) and the bootstrap superuser's
 * pg_authid line with its password's SCRAM-SHA-256 secret.
 *
 * <p>The launcher is plain Java without Tusk's bundles, so the secret is
 * computed here (RFC 5802: PBKDF2-HMAC-SHA-256, 4096 iterations, a 16-byte
 * salt); passwords outside ASCII are not SASLprep-normalized here.
 */
final class InitdbAuth {
    static final String HBA_FILE = "tusk_hba.conf";
    private static final List<String> METHODS = List.of("trust", "reject", "md5", "password", "scram-sha-256");

    final String authHost;
    final String authLocal;
    final String password;
    /** No method was named on the command line: initdb then warns about trust, as PostgreSQL's does. */
    private final boolean defaulted;

    private InitdbAuth(String authHost, String authLocal, String password, boolean defaulted) {
        this.authHost = authHost;
        this.authLocal = authLocal;
        this.password = password;
        this.defaulted = defaulted;
    }

    /** From the command line: {@code --auth=M} sets both, the specific options win; default trust, as initdb. */
    static InitdbAuth fromOptions(List<String> settings, List<String> rest) throws ConfigException, IOException {
        String auth = null, host = null, local = null, pwfile = null;
        for (String s : settings) {
            int eq = s.indexOf('=');
            String name = s.substring(0, eq);
            String value = s.substring(eq + 1);
            switch (name) {
                case "auth" -> auth = value;
                case "auth-host" -> host = value;
                case "auth-local" -> local = value;
                case "pwfile" -> pwfile = value;
                default -> { }
            }
        }
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("-A") && i + 1 < rest.size()) {
                auth = rest.get(++i);
            } else if (rest.get(i).startsWith("-A") && rest.get(i).length() > 2) {
                auth = rest.get(i).substring(2);
            }
        }
        boolean defaulted = auth == null && host == null && local == null;
        host = host != null ? host : auth != null ? auth : "trust";
        local = local != null ? local : auth != null ? auth : "trust";
        for (String m : new String[] {host, local}) {
            if (!METHODS.contains(m)) {
                throw new ConfigException("invalid authentication method \"" + m + "\" for \""
                        + (m.equals(host) ? "host" : "local") + "\" connections");
            }
        }
        String password = null;
        if (pwfile != null) {
            List<String> lines = Files.readAllLines(Path.of(pwfile), StandardCharsets.UTF_8);
            password = lines.isEmpty() ? "" : lines.get(0);
            if (password.isEmpty()) {
                throw new ConfigException("password file \"" + pwfile + "\" is empty");
            }
        }
        boolean needsPassword = !List.of("trust", "reject").contains(host) || !List.of("trust", "reject").contains(local);
        if (needsPassword && password == null) {
            throw new ConfigException("must specify a password for the superuser to enable password authentication");
        }
        return new InitdbAuth(host, local, password, defaulted);
    }

    /** The quick start's cluster: trust, without initdb's warning. */
    static InitdbAuth trust() {
        return new InitdbAuth("trust", "trust", null, false);
    }

    /** The bootstrap superuser's global/pg_authid line (FileRoleStore's format), OID 10. */
    String superuserLine(String superuser) {
        StringBuilder b = new StringBuilder("10 ").append(escape(superuser))
                .append(" t inherit=t createrole=t createdb=t login=t replication=t bypassrls=t connlimit=-1");
        if (password != null) {
            b.append(" password=").append(scramSecret(password));
        }
        return b.append('\n').toString();
    }

    String hbaFile() {
        return String.join("\n",
                "# Tusk client authentication (PostgreSQL's pg_hba.conf format).",
                "#",
                "# One rule a line: TYPE DATABASE USER [ADDRESS] METHOD. The first line whose",
                "# connection type, database, user and client address match decides.",
                "#   TYPE      local (Unix-domain socket), host (TCP), hostssl, hostnossl",
                "#   DATABASE  all, sameuser, samerole, a name, a comma list, or @file",
                "#   USER      all, a role name, +role (its members), a comma list, or @file",
                "#   ADDRESS   all, samehost, samenet, 10.0.0.0/8, ::1/128, or address and mask",
                "#   METHOD    trust, reject, scram-sha-256, md5, password",
                "# This file is read at every connection attempt: edits apply to the next one.",
                "",
                "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
                "local   all             all                                     " + authLocal,
                "host    all             all             127.0.0.1/32            " + authHost,
                "host    all             all             ::1/128                 " + authHost,
                "");
    }

    void write(Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve(HBA_FILE), hbaFile());
    }

    boolean warnTrust() {
        return defaulted;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '%' || c <= ' ' || c == 0x7f) {
                b.append('%').append(String.format("%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String scramSecret(String password) {
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            int iterations = 4096;
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = password.getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] salted = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < salted.length; j++) {
                    salted[j] ^= u[j];
                }
            }
            mac.init(new SecretKeySpec(salted, "HmacSHA256"));
            byte[] clientKey = mac.doFinal("Client Key".getBytes(StandardCharsets.UTF_8));
            byte[] serverKey = mac.doFinal("Server Key".getBytes(StandardCharsets.UTF_8));
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                    + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
