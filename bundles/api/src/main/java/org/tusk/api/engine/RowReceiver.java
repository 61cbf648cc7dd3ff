package org.tusk.api.engine;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives result rows (PostgreSQL's DestReceiver). */
@ConsumerType
public interface RowReceiver {
    /** One row; each element is a column value in its wire format, or null for SQL NULL. */
    void row(byte[][] values) throws IOException;

    /**
     * (1.1) The client connection's COPY sub-protocol, for COPY FROM STDIN and
     * COPY TO STDOUT; receivers that cannot do COPY keep this default.
     */
    default CopyChannel copyChannel() {
        throw org.tusk.api.error.PgException.error(org.tusk.api.error.SqlState.FEATURE_NOT_SUPPORTED,
                "COPY to or from the client is not supported here");
    }
}
