package org.tusk.protocol.internal.secure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS setup (be_tls_init): {@code ssl}, {@code ssl_cert_file},
 * {@code ssl_key_file}, {@code ssl_ca_file}, {@code ssl_min_protocol_version}
 * and {@code ssl_max_protocol_version} from the server settings; relative file
 * names are taken from the data directory, as PostgreSQL's are.
 *
 * <p>A backend serves many sessions, so the loaded context is kept and only
 * read again when a setting or a file's modification time changes. When the
 * files cannot be used the reason is logged and SSLRequest is answered 'N'.
 */
public final class TlsServerConfig {
    private static final Logger LOG = LoggerFactory.getLogger(TlsServerConfig.class);
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private static volatile TlsServerConfig cached;

    private final List<Object> key;
    private final SSLContext context;
    private final String[] protocols;
    private final boolean requestClientCertificate;
    private final byte[] certificateHash;

    private TlsServerConfig(List<Object> key, SSLContext context, String[] protocols, boolean requestClientCertificate,
            byte[] certificateHash) {
        this.key = key;
        this.context = context;
        this.protocols = protocols;
        this.requestClientCertificate = requestClientCertificate;
        this.certificateHash = certificateHash;
    }

    /**
     * The configuration for these server settings, or null when ssl is off or
     * the files cannot be used (logged).
     */
    public static TlsServerConfig forSettings(Map<String, String> settings, Path dataDirectory) {
        if (settings == null || !isOn(settings.get("ssl"))) {
            return null;
        }
        Path base = dataDirectory == null ? Path.of(".") : dataDirectory;
        Path cert = base.resolve(settings.getOrDefault("ssl_cert_file", "server.crt"));
        Path keyFile = base.resolve(settings.getOrDefault("ssl_key_file", "server.key"));
        String caName = settings.getOrDefault("ssl_ca_file", "");
        Path ca = caName.isEmpty() ? null : base.resolve(caName);
        String min = settings.getOrDefault("ssl_min_protocol_version", "TLSv1.2");
        String max = settings.getOrDefault("ssl_max_protocol_version", "");
        List<Object> key = List.of(cert, modified(cert), keyFile, modified(keyFile), String.valueOf(ca),
                ca == null ? 0L : modified(ca), min, max);
        TlsServerConfig c = cached;
        if (c != null && c.key.equals(key)) {
            return c;
        }
        try {
            c = load(key, cert, keyFile, ca, min, max);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            LOG.error("SSL is not available: {}", e.getMessage());
            return null;
        }
        cached = c;
        return c;
    }

    static boolean isOn(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase()) {
            case "on", "true", "yes", "1", "t", "y" -> true;
            default -> false;
        };
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    private static TlsServerConfig load(List<Object> cacheKey, Path cert, Path keyFile, Path ca, String min, String max)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain;
        try {
            chain = PemFiles.certificates(cert);
        } catch (IOException | GeneralSecurityException e) {
            throw new GeneralSecurityException("could not load server certificate file \"" + cert + "\": " + e.getMessage(), e);
        }
        checkKeyFilePermissions(keyFile);
        PrivateKey privateKey;
        try {
            privateKey = PemFiles.privateKey(keyFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new GeneralSecurityException("could not load private key file \"" + keyFile + "\": " + e.getMessage(), e);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] none = new char[0];
        ks.setKeyEntry("server", privateKey, none, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, none);

        javax.net.ssl.TrustManager[] trust = null;
        if (ca != null) {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            try {
                for (X509Certificate c : PemFiles.certificates(ca)) {
                    ts.setCertificateEntry("ca" + i++, c);
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new GeneralSecurityException("could not load root certificate file \"" + ca + "\": " + e.getMessage(), e);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            trust = tmf.getTrustManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), trust, null);
        return new TlsServerConfig(cacheKey, context, protocolRange(min, max), ca != null,
                certificateHash(chain.get(0)));
    }

    /** PostgreSQL refuses a key file others can read (unless root owns it and only its group may read). */
    private static void checkKeyFilePermissions(Path keyFile) throws GeneralSecurityException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
            boolean rootOwned = "root".equals(Files.getOwner(keyFile).getName());
            boolean groupAccess = perms.contains(PosixFilePermission.GROUP_READ)
                    || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.GROUP_EXECUTE);
            boolean otherAccess = perms.contains(PosixFilePermission.OTHERS_READ)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
            boolean groupWriteOrExec = perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.GROUP_EXECUTE);
            if (otherAccess || (groupAccess && !rootOwned) || (rootOwned && groupWriteOrExec)) {
                throw new GeneralSecurityException("private key file \"" + keyFile + "\" has group or world access");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions here, or the file is missing: loading it says why
        }
    }

    /** ssl_min/max_protocol_version as the list of protocols to enable. */
    static String[] protocolRange(String min, String max) {
        int lo = min == null || min.isEmpty() ? 0 : PROTOCOLS.indexOf(min);
        int hi = max == null || max.isEmpty() ? PROTOCOLS.size() - 1 : PROTOCOLS.indexOf(max);
        if (lo < 0) {
            throw new IllegalArgumentException("invalid value for parameter \"ssl_min_protocol_version\": \"" + min + "\"");
        }
        if (hi < 0) {
            throw new IllegalArgumentException("invalid value for parameter \"ssl_max_protocol_version\": \"" + max + "\"");
        }
        if (lo > hi) {
            throw new IllegalArgumentException("could not set SSL protocol version range");
        }
        return PROTOCOLS.subList(lo, hi + 1).toArray(new String[0]);
    }

    /**
     * be_tls_get_certificate_hash: the server certificate hashed with its
     * signature's digest (SHA-256 when that is MD5 or SHA-1), the
     * tls-server-end-point channel binding data of RFC 5929.
     */
    static byte[] certificateHash(X509Certificate cert) throws GeneralSecurityException {
        String sig = cert.getSigAlgName().toUpperCase();
        String digest = sig.startsWith("SHA384") ? "SHA-384" : sig.startsWith("SHA512") ? "SHA-512"
                : sig.startsWith("SHA224") ? "SHA-224" : "SHA-256";
        return MessageDigest.getInstance(digest).digest(cert.getEncoded());
    }

    /** A server-side engine for one connection. */
    public SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        List<String> enabled = new ArrayList<>(Arrays.asList(protocols));
        enabled.retainAll(Arrays.asList(engine.getSupportedProtocols()));
        engine.setEnabledProtocols(enabled.toArray(new String[0]));
        if (requestClientCertificate) {
            engine.setWantClientAuth(true);
        }
        return engine;
    }

    /** Whether client certificates are requested and checked against ssl_ca_file (secure_loaded_verify_locations). */
    public boolean verifiesClientCertificates() {
        return requestClientCertificate;
    }

    /** The tls-server-end-point channel binding data of this server's certificate. */
    public byte[] certificateHash() {
        return certificateHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsServerConfig t && Objects.equals(t.key, key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }
}
