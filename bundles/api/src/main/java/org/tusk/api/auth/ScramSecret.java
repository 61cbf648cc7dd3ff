package org.tusk.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SCRAM-SHA-256 secret as pg_authid stores it (PostgreSQL's scram-common.c
 * and the secret half of auth-scram.c, RFC 5802 and RFC 7677):
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, base64.
 */
public record ScramSecret(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    public static final String PREFIX = "SCRAM-SHA-256$";
    /** scram_iterations' default (a setting only from PostgreSQL 16 on). */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** SCRAM_DEFAULT_SALT_LEN. */
    public static final int SALT_LENGTH = 16;
    public static final int KEY_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new secret for {@code password} with a random salt and the default iteration count. */
    public static ScramSecret create(String password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return create(password, salt, DEFAULT_ITERATIONS);
    }

    public static ScramSecret create(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        return new ScramSecret(iterations, salt.clone(), sha256(hmac(salted, "Client Key")), hmac(salted, "Server Key"));
    }

    /** Parses a stored secret; null when the text is not one (PostgreSQL's parse_scram_secret). */
    public static ScramSecret parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return null;
        }
        String[] halves = text.substring(PREFIX.length()).split("\\$", -1);
        if (halves.length != 2) {
            return null;
        }
        String[] iterSalt = halves[0].split(":", -1);
        String[] keys = halves[1].split(":", -1);
        if (iterSalt.length != 2 || keys.length != 2) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(iterSalt[0]);
            byte[] salt = Base64.getDecoder().decode(iterSalt[1]);
            byte[] stored = Base64.getDecoder().decode(keys[0]);
            byte[] server = Base64.getDecoder().decode(keys[1]);
            if (iterations <= 0 || stored.length != KEY_LENGTH || server.length != KEY_LENGTH) {
                return null;
            }
            return new ScramSecret(iterations, salt, stored, server);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The pg_authid text. */
    @Override
    public String toString() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                + b64.encodeToString(serverKey);
    }

    /** Whether {@code password} is the one this secret was made from (scram_verify_plain_password). */
    public boolean matches(String password) {
        byte[] salted = saltedPassword(password, salt, iterations);
        return MessageDigest.isEqual(hmac(salted, "Server Key"), serverKey);
    }

    /** Hi(Normalize(password), salt, i): PBKDF2 with HMAC-SHA-256, one block. */
    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        byte[] key = saslPrep(password).getBytes(StandardCharsets.UTF_8);
        Mac mac = mac(key);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    public static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // HMAC pads the key with zero bytes, so an empty key equals a single zero byte
            // (SecretKeySpec refuses empty keys).
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SASLprep (RFC 4013) as PostgreSQL's pg_saslprep applies it to passwords:
     * ASCII is used as is; otherwise non-ASCII spaces become spaces, characters
     * "commonly mapped to nothing" go, and the result is NFKC-normalized. A
     * password with prohibited characters is used unchanged, as PostgreSQL does.
     */
    static String saslPrep(String password) {
        boolean ascii = true;
        for (int i = 0; i < password.length(); i++) {
            if (password.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return password;
        }
        StringBuilder mapped = new StringBuilder();
        for (int i = 0; i < password.length(); ) {
            int cp = password.codePointAt(i);
            i += Character.charCount(cp);
            if (mappedToNothing(cp)) {
                continue;
            }
            mapped.appendCodePoint(Character.getType(cp) == Character.SPACE_SEPARATOR ? ' ' : cp);
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (prohibited(cp)) {
                return password;
            }
        }
        return normalized;
    }

    private static boolean mappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    private static boolean prohibited(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.PRIVATE_USE || type == Character.SURROGATE
                || type == Character.UNASSIGNED || (cp >= 0xFFFE && (cp & 0xFFFF) >= 0xFFFE)
                || (cp >= 0xFDD0 && cp <= 0xFDEF);
    }
}
