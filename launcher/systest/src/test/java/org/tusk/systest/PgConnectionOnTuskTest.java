package org.tusk.systest;

import org.tusk.libpq.PgConnectionTest;
import org.tusk.libpq.ServerUnderTest;

/** The client library's {@link PgConnectionTest} scenarios against the shared Tusk cluster of {@link TuskServer}. */
class PgConnectionOnTuskTest extends PgConnectionTest {
    @Override
    protected ServerUnderTest server() {
        return TuskServer.get();
    }
}
