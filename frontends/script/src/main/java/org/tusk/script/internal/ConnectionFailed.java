package org.tusk.script.internal;

import org.tusk.libpq.PgError;

/** The connection could not be opened: the frontend exits with status 2. */
final class ConnectionFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConnectionFailed(PgError cause) {
        super(cause.libpqMessage(), cause);
    }
}
