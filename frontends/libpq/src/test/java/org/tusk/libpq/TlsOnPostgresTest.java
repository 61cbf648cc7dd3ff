package org.tusk.libpq;

/** {@link TlsTest}'s scenarios against the real PostgreSQL 15 of {@link RealPostgres}. */
class TlsOnPostgresTest extends TlsTest {
    @Override
    protected ServerUnderTest server() {
        return RealPostgres.get();
    }
}
