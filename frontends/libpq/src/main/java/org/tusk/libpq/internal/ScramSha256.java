package org.tusk.libpq.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802/7677) without channel binding,
 * as PostgreSQL uses it: the user name in the messages is empty (the server
 * takes it from the startup packet). The password is used as is (no SASLprep),
 * which matches for ASCII passwords.
 */
public final class ScramSha256 {
    public static final String MECHANISM = "SCRAM-SHA-256";

    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    public ScramSha256(String password) {
        this.password = password;
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        this.clientNonce = Base64.getEncoder().encodeToString(raw);
    }

    public byte[] clientFirstMessage() {
        clientFirstBare = "n=,r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** Answers the server-first-message with the client-final-message. */
    public byte[] clientFinalMessage(byte[] serverFirst) throws GeneralSecurityException {
        String sf = new String(serverFirst, StandardCharsets.UTF_8);
        String nonce = null;
        String salt = null;
        int iterations = 0;
        for (String part : sf.split(",")) {
            if (part.startsWith("r=")) nonce = part.substring(2);
            else if (part.startsWith("s=")) salt = part.substring(2);
            else if (part.startsWith("i=")) iterations = Integer.parseInt(part.substring(2));
        }
        if (nonce == null || salt == null || iterations <= 0 || !nonce.startsWith(clientNonce)) {
            throw new GeneralSecurityException("invalid SCRAM server-first-message");
        }
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(salt), iterations, 256);
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        String finalWithoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + sf + "," + finalWithoutProof;
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
        return (finalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the server-final-message's signature, proving the server knew the password too. */
    public boolean verifyServerFinal(byte[] serverFinal) {
        String s = new String(serverFinal, StandardCharsets.UTF_8);
        if (!s.startsWith("v=")) return false;
        byte[] sig = Base64.getDecoder().decode(s.substring(2).split(",")[0]);
        return MessageDigest.isEqual(sig, expectedServerSignature);
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
