package org.tusk.libpq;

/** {@link PipelineTest}'s scenarios against the real PostgreSQL 15 of {@link RealPostgres}. */
class PipelineOnPostgresTest extends PipelineTest {
    @Override
    protected ServerUnderTest server() {
        return RealPostgres.get();
    }
}
