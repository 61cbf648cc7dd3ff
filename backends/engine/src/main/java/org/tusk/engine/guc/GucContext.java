package org.tusk.engine.guc;

/** GucContext: who may change a setting, and when. */
public enum GucContext {
    /** Fixed at build or initdb time (server_version, integer_datetimes): never settable. */
    INTERNAL,
    /** Set only at server start (port, max_connections, shared_buffers). */
    POSTMASTER,
    /** Set in the configuration file, reloaded on SIGHUP (listen_addresses is POSTMASTER, this is e.g. log settings). */
    SIGHUP,
    /** Settable per session by superusers. */
    SUPERUSER,
    /** Settable by anyone with SET. */
    USER
}
