package org.tusk.protocol.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.tusk.api.auth.ScramSecret;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * The server side of one SCRAM-SHA-256 exchange (PostgreSQL's auth-scram.c,
 * RFC 5802 with RFC 7677's hash): client-first-message, server-first-message,
 * client-final-message, server-final-message. Channel binding: the server has
 * no TLS, so it offers only SCRAM-SHA-256 and accepts the gs2 headers
 * {@code n,,} and {@code y,,}; a client asking for {@code p=tls-server-end-point}
 * is told the message is malformed, as PostgreSQL tells a client that binds a
 * channel under the plain mechanism.
 *
 * <p>A mock exchange (no such role, no SCRAM secret, expired password) runs
 * to the end with a made-up salt and always fails, so the client learns
 * nothing about which roles exist.
 */
final class ScramExchange {
    static final String MECHANISM = "SCRAM-SHA-256";
    /** SCRAM_RAW_NONCE_LEN. */
    private static final int NONCE_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScramSecret secret;
    private final boolean mock;

    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    private ScramExchange(ScramSecret secret, boolean mock) {
        this.secret = secret;
        this.mock = mock;
    }

    static ScramExchange real(ScramSecret secret) {
        return new ScramExchange(secret, false);
    }

    /** An exchange that cannot succeed; the salt is stable per role name, as PostgreSQL's mock salt is. */
    static ScramExchange mock(String user, String clusterSecret) {
        byte[] digest = ScramSecret.sha256((clusterSecret + "\0" + user).getBytes(StandardCharsets.UTF_8));
        byte[] salt = java.util.Arrays.copyOf(digest, ScramSecret.SALT_LENGTH);
        return new ScramExchange(new ScramSecret(ScramSecret.DEFAULT_ITERATIONS, salt, new byte[32], new byte[32]), true);
    }

    /** Reads client-first-message, returns server-first-message. */
    String first(String clientFirst) {
        byte[] raw = new byte[NONCE_BYTES];
        RANDOM.nextBytes(raw);
        return first(clientFirst, Base64.getEncoder().encodeToString(raw));
    }

    /** As {@link #first(String)} with the server's part of the nonce given (RFC 7677's test vector). */
    String first(String clientFirst, String serverNonce) {
        Reader r = new Reader(clientFirst);
        char flag = r.peek();
        switch (flag) {
            case 'n', 'y' -> {
                r.next();
                r.expect(',');
            }
            case 'p' -> throw malformed("The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.");
            default -> throw malformed("Unexpected channel-binding flag \"" + sanitize(flag) + "\".");
        }
        if (r.peek() == 'a') {
            throw PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "client uses authorization identity, but it is not supported");
        }
        r.expect(',');
        gs2Header = clientFirst.substring(0, r.pos);
        clientFirstBare = clientFirst.substring(r.pos);
        if (r.peek() == 'm') {
            throw PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "client requires an unsupported SCRAM extension");
        }
        r.attribute('n'); // the user name: ignored, the startup packet's is used
        String clientNonce = r.attribute('r');
        for (int i = 0; i < clientNonce.length(); i++) {
            char c = clientNonce.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                throw malformed("Client nonce is not printable.");
            }
        }
        nonce = clientNonce + serverNonce;
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(secret.salt()) + ",i=" + secret.iterations();
        return serverFirst;
    }

    /** Reads client-final-message; returns server-final-message, or null when the proof is wrong. */
    String last(String clientFinal) {
        Reader r = new Reader(clientFinal);
        String binding = r.attribute('c');
        byte[] cbind;
        try {
            cbind = Base64.getDecoder().decode(binding);
        } catch (IllegalArgumentException e) {
            throw malformed("Malformed SCRAM message (invalid base64 in channel binding).");
        }
        if (!new String(cbind, StandardCharsets.UTF_8).equals(gs2Header)) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "SCRAM channel binding check failed");
        }
        String finalNonce = r.attribute('r');
        if (!finalNonce.equals(nonce)) {
            throw malformed("Nonce does not match.");
        }
        // Extensions before the proof are allowed and ignored.
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw malformed("Malformed SCRAM message (attribute \"p\" expected).");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw malformed("Malformed proof in client-final-message.");
        }
        if (proof.length != ScramSecret.KEY_LENGTH) {
            throw malformed("Malformed proof in client-final-message.");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = ScramSecret.hmac(secret.storedKey(), authMessage);
        byte[] clientKey = new byte[ScramSecret.KEY_LENGTH];
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (mock || !MessageDigest.isEqual(ScramSecret.sha256(clientKey), secret.storedKey())) {
            return null;
        }
        byte[] serverSignature = ScramSecret.hmac(secret.serverKey(), authMessage);
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }

    private static PgException malformed(String detail) {
        return new PgException(org.tusk.api.error.Severity.FATAL, SqlState.PROTOCOL_VIOLATION, "malformed SCRAM message",
                detail, null, 0, null);
    }

    private static String sanitize(char c) {
        return c >= 0x21 && c <= 0x7e ? String.valueOf(c) : String.format("0x%02x", (int) c);
    }

    /** A cursor over a SCRAM message's "x=value," attributes (read_attribute_value). */
    private static final class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        char next() {
            return pos < s.length() ? s.charAt(pos++) : '\0';
        }

        void expect(char c) {
            if (next() != c) {
                throw malformed("Comma expected, but found character \"" + sanitize(s.charAt(Math.max(0, pos - 1))) + "\".");
            }
        }

        String attribute(char name) {
            if (peek() != name) {
                throw malformed("Expected attribute \"" + name + "\" but found \"" + sanitize(peek()) + "\".");
            }
            pos++;
            if (next() != '=') {
                throw malformed("Expected character \"=\" for attribute \"" + name + "\".");
            }
            int end = s.indexOf(',', pos);
            if (end < 0) {
                end = s.length();
            }
            String value = s.substring(pos, end);
            pos = end < s.length() ? end + 1 : end;
            return value;
        }
    }
}
