package org.tusk.api.protocol;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Serves client sessions over a wire protocol. Registered as an OSGi service
 * with the property {@code tusk.protocol} naming the protocol (e.g. "postgresql-v3");
 * the highest-ranked one is used for new connections.
 */
@ConsumerType
public interface ProtocolHandler {

    /**
     * Serves one client connection until the session ends: reads the startup
     * packet (answering SSLRequest/GSSENCRequest, handling CancelRequest),
     * authenticates, runs the session, and returns how it ended. Must not throw
     * for client misbehaviour: protocol errors end the session with FATAL 08P01.
     */
    SessionOutcome serve(ClientConnection connection) throws IOException;
}
