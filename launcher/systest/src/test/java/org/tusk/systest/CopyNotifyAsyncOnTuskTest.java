package org.tusk.systest;

import org.tusk.libpq.CopyNotifyAsyncTest;
import org.tusk.libpq.ServerUnderTest;

/** The client library's {@link CopyNotifyAsyncTest} scenarios against the shared Tusk cluster of {@link TuskServer}. */
class CopyNotifyAsyncOnTuskTest extends CopyNotifyAsyncTest {
    @Override
    protected ServerUnderTest server() {
        return TuskServer.get();
    }
}
