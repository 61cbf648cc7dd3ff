package org.tusk.api.backend;

/** What one backend may ask of another (PostgreSQL's SIGINT and SIGTERM to a backend). */
public enum BackendSignal {
    /** Cancel the running statement: ERROR 57014. */
    CANCEL,
    /** End the session: FATAL 57P01. */
    TERMINATE
}
