package org.tusk.protocol.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.tusk.api.protocol.ClientConnection;
import org.tusk.api.protocol.ProtocolHandler;
import org.tusk.api.protocol.SessionOutcome;
import org.tusk.protocol.internal.tcop.PostgresMain;

/** PostgreSQL's frontend/backend protocol 3.0, offered to backend processes as a service. */
@Component(service = ProtocolHandler.class, property = "tusk.protocol=postgresql-v3")
public final class PostgresProtocolHandler implements ProtocolHandler {

    @Override
    public SessionOutcome serve(ClientConnection connection) throws IOException {
        return new PostgresMain(connection).run();
    }
}
