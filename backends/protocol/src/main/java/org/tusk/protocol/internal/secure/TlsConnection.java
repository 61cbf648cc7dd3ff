package org.tusk.protocol.internal.secure;

import javax.net.ssl.SSLSession;

/**
 * What the rest of the session knows of its TLS connection (PostgreSQL's
 * port->ssl_in_use and the be_tls_get_* accessors): the negotiated session
 * and the tls-server-end-point data for SCRAM-SHA-256-PLUS.
 */
public record TlsConnection(SSLSession session, byte[] certificateHash) {

    public String protocol() {
        return session.getProtocol();
    }

    public String cipher() {
        return session.getCipherSuite();
    }
}
