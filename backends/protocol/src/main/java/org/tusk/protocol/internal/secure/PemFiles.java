package org.tusk.protocol.internal.secure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the PEM files named by ssl_cert_file, ssl_key_file and ssl_ca_file
 * with the JDK alone: certificates, and private keys as PKCS#8 ("PRIVATE
 * KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY"); the last two
 * are wrapped into PKCS#8 so that {@link KeyFactory} can read them.
 */
final class PemFiles {
    /** rsaEncryption, 1.2.840.113549.1.1.1, as DER. */
    private static final byte[] OID_RSA = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1, as DER. */
    private static final byte[] OID_EC = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {}

    /** Every certificate in the file, in order (the server's own first, then its chain). */
    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> all = new ArrayList<>();
        for (byte[] der : blocks(Files.readString(file, StandardCharsets.US_ASCII), "CERTIFICATE")) {
            all.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
        }
        if (all.isEmpty()) {
            throw new GeneralSecurityException("no certificate found");
        }
        return all;
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<byte[]> pkcs8 = blocks(text, "PRIVATE KEY");
        if (!pkcs8.isEmpty()) {
            byte[] der = pkcs8.get(0);
            for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
                try {
                    return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            throw new GeneralSecurityException("unsupported private key algorithm");
        }
        List<byte[]> rsa = blocks(text, "RSA PRIVATE KEY");
        if (!rsa.isEmpty()) {
            byte[] algorithm = sequence(concat(OID_RSA, new byte[] {0x05, 0x00}));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8(algorithm, rsa.get(0))));
        }
        List<byte[]> ec = blocks(text, "EC PRIVATE KEY");
        if (!ec.isEmpty()) {
            byte[] curve = namedCurve(ec.get(0));
            byte[] algorithm = sequence(concat(OID_EC, curve));
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8(algorithm, ec.get(0))));
        }
        if (text.contains("ENCRYPTED")) {
            throw new GeneralSecurityException("encrypted private keys are not supported");
        }
        throw new GeneralSecurityException("no private key found");
    }

    /** The base64 bodies of every "-----BEGIN label-----" block. */
    static List<byte[]> blocks(String text, String label) {
        List<byte[]> out = new ArrayList<>();
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int at = 0;
        while ((at = text.indexOf(begin, at)) >= 0) {
            int stop = text.indexOf(end, at);
            if (stop < 0) {
                break;
            }
            String body = text.substring(at + begin.length(), stop);
            StringBuilder b64 = new StringBuilder();
            for (String line : body.split("\r?\n")) {
                if (!line.contains(":")) { // skip RFC 1421 headers (Proc-Type, DEK-Info)
                    b64.append(line.trim());
                }
            }
            out.add(Base64.getDecoder().decode(b64.toString()));
            at = stop + end.length();
        }
        return out;
    }

    /** PrivateKeyInfo { version 0, algorithm, OCTET STRING key }. */
    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
    }

    /** The curve OID from a SEC1 ECPrivateKey's [0] parameters. */
    private static byte[] namedCurve(byte[] sec1) throws GeneralSecurityException {
        Der seq = new Der(sec1);
        Der inner = seq.enter(0x30);
        inner.skip(0x02); // version
        inner.skip(0x04); // privateKey
        if (inner.peek() != (0xa0)) {
            throw new GeneralSecurityException("EC private key without curve parameters");
        }
        Der params = inner.enter(0xa0);
        return params.raw(0x06);
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 128) {
            out.write(n);
        } else if (n < 256) {
            out.write(0x81);
            out.write(n);
        } else if (n < 65536) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Just enough of a DER reader to find a SEC1 key's curve. */
    private static final class Der {
        private final byte[] b;
        private int pos;
        private final int end;

        Der(byte[] b) {
            this(b, 0, b.length);
        }

        private Der(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        int peek() {
            return pos < end ? b[pos] & 0xff : -1;
        }

        /** Reads the header of an element with {@code tag}; returns {start of content, length}. */
        private int[] header(int tag) throws GeneralSecurityException {
            if (peek() != tag) {
                throw new GeneralSecurityException("malformed key: expected tag " + tag);
            }
            pos++;
            int len = b[pos++] & 0xff;
            if (len >= 0x80) {
                int n = len & 0x7f;
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[pos++] & 0xff);
                }
            }
            if (len < 0 || pos + len > end) {
                throw new GeneralSecurityException("malformed key: bad length");
            }
            return new int[] {pos, len};
        }

        Der enter(int tag) throws GeneralSecurityException {
            int[] h = header(tag);
            pos = h[0] + h[1];
            return new Der(b, h[0], h[0] + h[1]);
        }

        void skip(int tag) throws GeneralSecurityException {
            int[] h = header(tag);
            pos = h[0] + h[1];
        }

        /** The whole element (tag, length and content). */
        byte[] raw(int tag) throws GeneralSecurityException {
            int start = pos;
            int[] h = header(tag);
            pos = h[0] + h[1];
            return java.util.Arrays.copyOfRange(b, start, pos);
        }
    }
}
