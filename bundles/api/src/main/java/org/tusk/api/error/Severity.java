package org.tusk.api.error;

/** Message severities as PostgreSQL sends them in the 'S' and 'V' fields. */
public enum Severity {
    DEBUG, LOG, INFO, NOTICE, WARNING,
    /** Aborts the current statement (and transaction); the session goes on. */
    ERROR,
    /** Ends the session. */
    FATAL,
    /** Ends every session (crash). */
    PANIC;

    /** True for severities that end the session. */
    public boolean endsSession() {
        return this == FATAL || this == PANIC;
    }
}
