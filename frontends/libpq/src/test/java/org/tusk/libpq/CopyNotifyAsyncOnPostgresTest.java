package org.tusk.libpq;

/** {@link CopyNotifyAsyncTest}'s scenarios against the real PostgreSQL 15 of {@link RealPostgres}. */
class CopyNotifyAsyncOnPostgresTest extends CopyNotifyAsyncTest {
    @Override
    protected ServerUnderTest server() {
        return RealPostgres.get();
    }
}
