package org.tusk.api.backend;

/**
 * The TLS side of a session, one row of pg_stat_ssl (PgBackendSSLStatus):
 * what the backend published when the session started over TLS.
 *
 * @param version       protocol, e.g. "TLSv1.3"
 * @param cipher        cipher suite under OpenSSL's name
 * @param bits          key length of the symmetric cipher
 * @param clientDn      the client certificate's subject ("/O=x/CN=y", as PostgreSQL 15 shows it), null without one
 * @param clientSerial  its serial number in decimal, null without one
 * @param issuerDn      its issuer, in the same form, null without one
 */
public record BackendSslStatus(String version, String cipher, int bits, String clientDn, String clientSerial,
        String issuerDn) {
}
