package org.tusk.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * PostgreSQL's md5 passwords (common/md5_common.c): the stored form is
 * {@code "md5" + hex(md5(password || rolname))}; on the wire the client sends
 * {@code "md5" + hex(md5(hex(md5(password || rolname)) || salt))}.
 */
public final class Md5Password {
    public static final int LENGTH = 35;

    private Md5Password() {}

    /** The pg_authid form of {@code password} for role {@code role}. */
    public static String encrypt(String password, String role) {
        return "md5" + md5Hex(concat(password.getBytes(StandardCharsets.UTF_8), role.getBytes(StandardCharsets.UTF_8)));
    }

    /** What a client answers to AuthenticationMD5Password for the stored hash and the salt. */
    public static String salted(String storedHash, byte[] salt) {
        return "md5" + md5Hex(concat(storedHash.substring(3).getBytes(StandardCharsets.US_ASCII), salt));
    }

    /** Whether the text is an md5 hash as PostgreSQL recognizes one (get_password_type). */
    public static boolean isMd5(String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith("md5")) {
            return false;
        }
        for (int i = 3; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
