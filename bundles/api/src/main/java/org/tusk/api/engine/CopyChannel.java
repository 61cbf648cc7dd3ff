package org.tusk.api.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The COPY sub-protocol of a client connection (PostgreSQL's pqcomm copy
 * functions), offered by the protocol bundle through
 * {@link RowReceiver#copyChannel()} while a portal runs.
 */
@ConsumerType
public interface CopyChannel {

    /**
     * Sends CopyInResponse ({@code columns} columns, text or binary) and
     * returns the client's data: the concatenated CopyData payloads, ending
     * at CopyDone. CopyFail makes the stream throw 57014 "COPY from stdin
     * failed: message". The stream must be read to its end (or the error
     * propagated) before the portal returns.
     */
    InputStream copyIn(boolean binary, int columns) throws IOException;

    /**
     * Sends CopyOutResponse and returns a stream whose writes become CopyData
     * messages; closing it sends CopyDone.
     */
    OutputStream copyOut(boolean binary, int columns) throws IOException;
}
