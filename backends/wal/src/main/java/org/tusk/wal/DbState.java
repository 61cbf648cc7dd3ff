package org.tusk.wal;

/** The cluster state recorded in the control file (PostgreSQL's DBState), in PostgreSQL's order. */
public enum DbState {
    STARTUP,
    SHUTDOWNED,
    SHUTDOWNED_IN_RECOVERY,
    SHUTDOWNING,
    IN_CRASH_RECOVERY,
    IN_ARCHIVE_RECOVERY,
    IN_PRODUCTION
}
