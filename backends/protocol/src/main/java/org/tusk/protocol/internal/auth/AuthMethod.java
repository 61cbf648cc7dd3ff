package org.tusk.protocol.internal.auth;

/** The authentication methods a tusk_hba.conf line may name (hba.h's UserAuth, cut to what Tusk serves). */
public enum AuthMethod {
    TRUST("trust"), REJECT("reject"), PASSWORD("password"), MD5("md5"), SCRAM_SHA_256("scram-sha-256"), CERT("cert");

    /** PostgreSQL's methods that Tusk does not serve: a line naming one is an error, as in a build without them. */
    static final java.util.Set<String> NOT_SUPPORTED = java.util.Set.of(
            "peer", "ident", "gss", "sspi", "pam", "bsd", "ldap", "radius");

    final String keyword;

    AuthMethod(String keyword) {
        this.keyword = keyword;
    }

    static AuthMethod of(String keyword) {
        for (AuthMethod m : values()) {
            if (m.keyword.equals(keyword)) {
                return m;
            }
        }
        return null;
    }
}
