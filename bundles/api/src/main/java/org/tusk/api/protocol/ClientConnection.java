package org.tusk.api.protocol;

import java.io.InputStream;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ProviderType;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.engine.QueryEngine;

/** A client connection handed to this backend by the postmaster. */
@ProviderType
public interface ClientConnection {

    /** Buffered input from the client. */
    InputStream input();

    /** Buffered output to the client; the handler flushes (once per ReadyForQuery). */
    OutputStream output();

    /** Remote host address, or null for a Unix-domain socket. */
    String remoteAddress();

    /** Remote port, or -1 for a Unix-domain socket. */
    int remotePort();

    /** The backend process serving this connection. */
    BackendContext backend();

    /** The SQL engine to run the session's statements on. */
    QueryEngine engine();

    /**
     * Registers the code to run when this session must end from outside
     * (pg_terminate_backend, crash of another backend, fast shutdown) while the
     * session thread may be blocked reading from the client: the handler sends
     * the given FATAL error and the connection is closed.
     */
    void onTermination(TerminationListener listener);

    /**
     * True for a connection the backend opened to itself (the warm-up client):
     * the handler skips client authentication, as no tusk_hba.conf line is
     * meant for it.
     */
    default boolean preAuthenticated() {
        return false;
    }
}
