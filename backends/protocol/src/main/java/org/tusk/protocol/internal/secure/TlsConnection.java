package org.tusk.protocol.internal.secure;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Locale;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.tusk.api.backend.BackendSslStatus;

/**
 * What the rest of the session knows of its TLS connection (PostgreSQL's
 * port->ssl_in_use and the be_tls_get_* accessors): the negotiated session,
 * the tls-server-end-point data for SCRAM-SHA-256-PLUS, and whether client
 * certificates were requested and checked against {@code ssl_ca_file}
 * (secure_loaded_verify_locations).
 */
public record TlsConnection(SSLSession session, byte[] certificateHash, boolean verifiesClientCertificates) {

    public TlsConnection(SSLSession session, byte[] certificateHash) {
        this(session, certificateHash, false);
    }

    /** be_tls_get_version: "TLSv1.3". */
    public String protocol() {
        return session.getProtocol();
    }

    /** The JDK's (IANA) name of the cipher suite. */
    public String cipher() {
        return session.getCipherSuite();
    }

    /** be_tls_get_cipher: the cipher suite under OpenSSL's name, as pg_stat_ssl shows it. */
    public String opensslCipher() {
        return opensslCipherName(session.getCipherSuite());
    }

    /** be_tls_get_cipher_bits: the symmetric cipher's key length. */
    public int cipherBits() {
        return cipherBits(session.getCipherSuite());
    }

    /**
     * The client's certificate (port->peer): present only when the client sent
     * one and it was verified against ssl_ca_file during the handshake
     * (port->peer_cert_valid); otherwise null.
     */
    public X509Certificate peerCertificate() {
        if (!verifiesClientCertificates) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** port->peer_cn: the last CN attribute of the client certificate's subject, or null. */
    public String peerCommonName() {
        X509Certificate peer = peerCertificate();
        return peer == null ? null : DistinguishedNames.commonName(peer.getSubjectX500Principal().getName("RFC2253"));
    }

    /** port->peer_dn: the subject in RFC 2253 form (as PostgreSQL prints it), or null. */
    public String peerDistinguishedName() {
        X509Certificate peer = peerCertificate();
        return peer == null ? null : peer.getSubjectX500Principal().getName("RFC2253");
    }

    /** pgstat_bestart's PgBackendSSLStatus: this connection's row of pg_stat_ssl. */
    public BackendSslStatus status() {
        X509Certificate peer = peerCertificate();
        return new BackendSslStatus(protocol(), opensslCipher(), cipherBits(),
                peer == null ? null : DistinguishedNames.slashForm(peer.getSubjectX500Principal().getName("RFC2253")),
                peer == null ? null : peer.getSerialNumber().toString(),
                peer == null ? null : DistinguishedNames.slashForm(peer.getIssuerX500Principal().getName("RFC2253")));
    }

    /** The JDK names suites as IANA does; OpenSSL (so PostgreSQL) names TLS 1.2 suites its own way. */
    static String opensslCipherName(String iana) {
        if (iana == null) {
            return null;
        }
        int with = iana.indexOf("_WITH_");
        if (!iana.startsWith("TLS_") || with < 0) {
            return iana; // TLS 1.3 suites carry the same name in both worlds
        }
        String exchange = iana.substring(4, with).replace('_', '-');
        String cipher = iana.substring(with + 6)
                .replace("AES_128", "AES128").replace("AES_256", "AES256")
                .replace("CHACHA20_POLY1305_SHA256", "CHACHA20-POLY1305")
                .replace('_', '-');
        // plain RSA key exchange is implied in OpenSSL's names
        return exchange.equals("RSA") ? cipher : exchange + "-" + cipher;
    }

    static int cipherBits(String suite) {
        if (suite == null) {
            return 0;
        }
        String s = suite.toUpperCase(Locale.ROOT);
        if (s.contains("AES_256") || s.contains("CHACHA20")) {
            return 256;
        }
        if (s.contains("AES_128")) {
            return 128;
        }
        if (s.contains("3DES")) {
            return 112;
        }
        return 0;
    }
}
