package org.tusk.api.engine;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives result rows (PostgreSQL's DestReceiver). */
@ConsumerType
public interface RowReceiver {
    /** One row; each element is a column value in its wire format, or null for SQL NULL. */
    void row(byte[][] values) throws IOException;
}
