package org.tusk.libpq.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The TLS side of libpq's sslmode handling: which root certificates verify
 * the server (sslrootcert, default ~/.postgresql/root.crt), an optional
 * client certificate (sslcert/sslkey, PEM), the handshake over an already
 * connected socket, and verify-full's host name check with libpq's rules
 * and error wording.
 */
public final class Tls {
    private Tls() {}

    /** A TLS set-up or handshake failure, with the text libpq would print after "failed: ". */
    public static final class TlsException extends Exception {
        private static final long serialVersionUID = 1L;

        public TlsException(String libpqText, Throwable cause) {
            super(libpqText, cause);
        }
    }

    private static Path defaultFile(String name) {
        return Path.of(System.getProperty("user.home"), ".postgresql", name);
    }

    /**
     * Performs the handshake on a socket whose SSLRequest the server accepted.
     * param gives the connection parameters; host is the host name libpq
     * would check for verify-full (the host parameter, not hostaddr).
     */
    public static SSLSocket handshake(Socket plain, String host, Function<String, String> param) throws TlsException {
        String mode = param.apply("sslmode");
        boolean verifyFull = "verify-full".equals(mode);
        boolean verifyRequired = verifyFull || "verify-ca".equals(mode);
        String rootParam = param.apply("sslrootcert");
        Path root = rootParam != null && !rootParam.isEmpty() ? Path.of(rootParam) : defaultFile("root.crt");
        List<X509Certificate> roots = null;
        if (Files.exists(root)) {
            roots = readCertificates(root, "could not read root certificate file \"" + root + "\": ");
        } else if (verifyRequired) {
            throw new TlsException("root certificate file \"" + root + "\" does not exist\n"
                    + "Either provide the file or change sslmode to disable server certificate verification.", null);
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(param), new TrustManager[] {trustManager(roots)}, null);
            String peer = host == null || host.isEmpty() ? plain.getInetAddress().getHostAddress() : host;
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, peer, plain.getPort(), true);
            s.setUseClientMode(true);
            s.setEnabledProtocols(protocols(s.getSupportedProtocols(), param.apply("ssl_min_protocol_version"),
                    param.apply("ssl_max_protocol_version")));
            try {
                s.startHandshake();
            } catch (SSLHandshakeException e) {
                throw new TlsException(isVerifyFailure(e) ? "SSL error: certificate verify failed" : "SSL error: " + e.getMessage(), e);
            } catch (SSLException e) {
                throw new TlsException("SSL error: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new TlsException("SSL SYSCALL error: " + (e.getMessage() == null ? "EOF detected" : e.getMessage()), e);
            }
            if (verifyFull) verifyHostName((X509Certificate) s.getSession().getPeerCertificates()[0], host);
            return s;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException("could not create SSL context: " + e.getMessage(), e);
        }
    }

    private static boolean isVerifyFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException) return true;
        }
        return false;
    }

    private static String[] protocols(String[] supported, String min, String max) throws TlsException {
        List<String> order = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
        int lo = order.indexOf(min == null || min.isEmpty() ? "TLSv1.2" : min);
        int hi = max == null || max.isEmpty() ? order.size() - 1 : order.indexOf(max);
        if (lo < 0) throw new TlsException("invalid ssl_min_protocol_version value: \"" + min + "\"", null);
        if (hi < 0) throw new TlsException("invalid ssl_max_protocol_version value: \"" + max + "\"", null);
        if (lo > hi) throw new TlsException("invalid SSL protocol version range", null);
        List<String> out = new ArrayList<>();
        for (String p : supported) {
            int i = order.indexOf(p);
            if (i >= lo && i <= hi) out.add(p);
        }
        return out.toArray(new String[0]);
    }

    /** Verifies the chain against the roots, or trusts anything when there are none (sslmode require/prefer/allow). */
    private static X509TrustManager trustManager(List<X509Certificate> roots) throws GeneralSecurityException, IOException {
        if (roots == null) {
            return new X509TrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
                @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
                @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            };
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (X509Certificate c : roots) ks.setCertificateEntry("root" + i++, c);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager) return (X509TrustManager) tm;
        }
        throw new GeneralSecurityException("no X509 trust manager");
    }

    private static KeyManager[] keyManagers(Function<String, String> param) throws TlsException, GeneralSecurityException, IOException {
        String certParam = param.apply("sslcert");
        Path cert = certParam != null && !certParam.isEmpty() ? Path.of(certParam) : defaultFile("postgresql.crt");
        if (!Files.exists(cert)) return null; // like libpq: no client certificate file, no client certificate
        List<X509Certificate> chain = readCertificates(cert, "could not open certificate file \"" + cert + "\": ");
        String keyParam = param.apply("sslkey");
        Path key = keyParam != null && !keyParam.isEmpty() ? Path.of(keyParam) : defaultFile("postgresql.key");
        if (!Files.exists(key)) throw new TlsException("certificate present, but not private key file \"" + key + "\"", null);
        PrivateKey pk = readPrivateKey(key);
        char[] pw = new char[0];
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", pk, pw, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf.getKeyManagers();
    }

    private static List<X509Certificate> readCertificates(Path file, String errorPrefix) throws TlsException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Collection<? extends Certificate> cs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes));
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : cs) out.add((X509Certificate) c);
            if (out.isEmpty()) throw new TlsException(errorPrefix + "no certificate found", null);
            return out;
        } catch (NoSuchFileException e) {
            throw new TlsException(errorPrefix + "No such file or directory", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsException(errorPrefix + e.getMessage(), e);
        }
    }

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    /** A PEM private key: PKCS#8 (RSA, EC, Ed25519) or PKCS#1 RSA. Encrypted keys are not supported. */
    static PrivateKey readPrivateKey(Path file) throws TlsException {
        String prefix = "could not load private key file \"" + file + "\": ";
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsException(prefix + e.getMessage(), e);
        }
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String kind = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new TlsException(prefix + "bad base64", e);
            }
            if (kind.equals("ENCRYPTED PRIVATE KEY") || text.contains("Proc-Type: 4,ENCRYPTED")) {
                throw new TlsException(prefix + "encrypted private keys are not supported", null);
            }
            if (kind.equals("RSA PRIVATE KEY")) {
                der = pkcs1ToPkcs8(der);
                kind = "PRIVATE KEY";
            }
            if (kind.equals("PRIVATE KEY")) {
                PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
                for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "DSA"}) {
                    try {
                        return KeyFactory.getInstance(alg).generatePrivate(spec);
                    } catch (GeneralSecurityException e) {
                        // try the next algorithm
                    }
                }
                throw new TlsException(prefix + "unsupported key algorithm", null);
            }
        }
        throw new TlsException(prefix + "no private key found (PEM PKCS#8 or PKCS#1 RSA expected)", null);
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octet = der(0x04, pkcs1);
        byte[] inner = new byte[version.length + algId.length + octet.length];
        System.arraycopy(version, 0, inner, 0, version.length);
        System.arraycopy(algId, 0, inner, version.length, algId.length);
        System.arraycopy(octet, 0, inner, version.length + algId.length, octet.length);
        return der(0x30, inner);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] len;
        if (n < 128) len = new byte[] {(byte) n};
        else {
            byte[] b = BigInteger.valueOf(n).toByteArray();
            if (b[0] == 0) b = Arrays.copyOfRange(b, 1, b.length);
            len = new byte[b.length + 1];
            len[0] = (byte) (0x80 | b.length);
            System.arraycopy(b, 0, len, 1, b.length);
        }
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
    }

    /**
     * verify-full: the host name must match a dNSName or iPAddress
     * subjectAltName (a leading "*." matches one label), or the Common Name
     * when there is no dNSName entry. libpq's wording on mismatch.
     */
    static void verifyHostName(X509Certificate cert, String host) throws TlsException {
        if (host == null || host.isEmpty()) {
            throw new TlsException("host name must be specified for a verified SSL connection", null);
        }
        List<String> names = new ArrayList<>();
        boolean sawDns = false;
        byte[] hostIp = ipLiteral(host);
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String v = String.valueOf(san.get(1));
                    if (type == 2) {
                        sawDns = true;
                        names.add(v);
                        if (hostIp == null && dnsMatches(v, host)) return;
                    } else if (type == 7) {
                        names.add(v);
                        byte[] ip = ipLiteral(v);
                        if (hostIp != null && ip != null && Arrays.equals(ip, hostIp)) return;
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new TlsException("could not get server's host name from server certificate", e);
        }
        if (!sawDns) {
            String cn = commonName(cert.getSubjectX500Principal());
            if (cn != null) {
                names.add(cn);
                if (dnsMatches(cn, host)) return;
            }
        }
        if (names.isEmpty()) throw new TlsException("could not get server's host name from server certificate", null);
        int others = names.size() - 1;
        String text = others == 0
                ? "server certificate for \"" + names.get(0) + "\" does not match host name \"" + host + "\""
                : "server certificate for \"" + names.get(0) + "\" (and " + others + " other name" + (others > 1 ? "s" : "")
                        + ") does not match host name \"" + host + "\"";
        throw new TlsException(text, null);
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.equals(h)) return true;
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return false;
    }

    private static byte[] ipLiteral(String s) {
        if (s == null || s.isEmpty()) return null;
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) return null;
        try {
            return InetAddress.getByName(s).getAddress(); // a literal: no lookup
        } catch (IOException e) {
            return null;
        }
    }

    private static String commonName(X500Principal p) {
        Matcher m = Pattern.compile("(?:^|,)\\s*CN=((?:\\\\.|[^,\\\\])*)").matcher(p.getName(X500Principal.RFC2253));
        return m.find() ? m.group(1).replace("\\", "") : null;
    }
}
