package org.tusk.libpq;

/** {@link PgConnectionTest}'s scenarios against the real PostgreSQL 15 of {@link RealPostgres}. */
class PgConnectionOnPostgresTest extends PgConnectionTest {
    @Override
    protected ServerUnderTest server() {
        return RealPostgres.get();
    }
}
