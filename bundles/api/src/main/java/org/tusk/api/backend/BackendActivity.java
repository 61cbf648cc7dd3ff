package org.tusk.api.backend;

import java.time.Instant;

/**
 * One row of pg_stat_activity, copied out of shared memory.
 *
 * @param pid              backend process id
 * @param database         datname, null for a backend without a session
 * @param user             usename
 * @param applicationName  application_name
 * @param clientAddress    client_addr (null for a Unix socket)
 * @param clientPort       client_port (-1 for a Unix socket)
 * @param backendStart     when the session started
 * @param queryStart       when the current or last query started, or null
 * @param stateChange      when state last changed, or null
 * @param state            active, idle, idle in transaction, idle in transaction (aborted), or null
 * @param query            current or last query text
 * @param backendType      "client backend" for sessions
 * @param ssl              the session's TLS status (pg_stat_ssl), null when it does not use TLS
 * @param waitEventType    wait_event_type (LWLock, Lock, IO, ...) of what the process waits for now, or null
 * @param waitEvent        wait_event (the lock type, tranche or I/O kind), or null when not waiting
 * @param procNumber       the process's slot (PostgreSQL's procNumber: its ProcArray entry), -1 when unknown
 */
public record BackendActivity(int pid, String database, String user, String applicationName,
        String clientAddress, int clientPort, Instant backendStart, Instant queryStart,
        Instant stateChange, String state, String query, String backendType, BackendSslStatus ssl,
        String waitEventType, String waitEvent, int procNumber) {

    /** A row of a process that is not waiting. */
    public BackendActivity(int pid, String database, String user, String applicationName,
            String clientAddress, int clientPort, Instant backendStart, Instant queryStart,
            Instant stateChange, String state, String query, String backendType, BackendSslStatus ssl) {
        this(pid, database, user, applicationName, clientAddress, clientPort, backendStart, queryStart, stateChange,
                state, query, backendType, ssl, null, null, -1);
    }

    /** A row of a session without TLS. */
    public BackendActivity(int pid, String database, String user, String applicationName,
            String clientAddress, int clientPort, Instant backendStart, Instant queryStart,
            Instant stateChange, String state, String query, String backendType) {
        this(pid, database, user, applicationName, clientAddress, clientPort, backendStart, queryStart, stateChange,
                state, query, backendType, null);
    }
}
