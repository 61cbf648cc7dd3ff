package org.tusk.systest;

import org.tusk.libpq.ServerUnderTest;
import org.tusk.libpq.TlsTest;

/** The client library's {@link TlsTest} scenarios against the shared Tusk cluster of {@link TuskServer}. */
class TlsOnTuskTest extends TlsTest {
    @Override
    protected ServerUnderTest server() {
        return TuskServer.get();
    }
}
