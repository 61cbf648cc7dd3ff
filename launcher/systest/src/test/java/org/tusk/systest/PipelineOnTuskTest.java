package org.tusk.systest;

import org.tusk.libpq.PipelineTest;
import org.tusk.libpq.ServerUnderTest;

/** The client library's {@link PipelineTest} scenarios against the shared Tusk cluster of {@link TuskServer}. */
class PipelineOnTuskTest extends PipelineTest {
    @Override
    protected ServerUnderTest server() {
        return TuskServer.get();
    }
}
