package org.tusk.systest;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.tusk.libpq.TlsTest;
import org.tusk.libpq.ServerUnderTest;

/** The client library's {@link TlsTest} scenarios against the shared Tusk cluster of {@link TuskServer}. */
class TlsOnTuskTest extends TlsTest {
    @Override
    protected ServerUnderTest server() {
        return TuskServer.get();
    }

    /** Gap: Tusk has no {@code cert} authentication method (a tusk_hba.conf line naming it is an error). */
    @Override
    @Test
    @Disabled("Tusk gap: no cert authentication (hostssl ... cert)")
    public void clientCertificateAuthentication() {}
}
