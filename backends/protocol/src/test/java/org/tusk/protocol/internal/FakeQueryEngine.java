package org.tusk.protocol.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.tusk.api.auth.RoleStore;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.engine.SessionHost;
import org.tusk.api.error.PgException;

/**
 * A tiny but honest engine: it understands a handful of commands (see
 * {@link FakeEngineSession}), keeps real transaction state and really encodes
 * values, so the protocol's answers can be checked against its behaviour.
 */
final class FakeQueryEngine implements QueryEngine {
    final List<FakeEngineSession> sessions = Collections.synchronizedList(new ArrayList<>());
    /** Null: no authentication (the handler trusts everyone), as most protocol tests want. */
    volatile RoleStore roleStore;

    @Override
    public RoleStore roleStore(BackendContext backend) {
        return roleStore;
    }

    @Override
    public EngineSession openSession(SessionHost host, String user, String database, Map<String, String> startupSettings) {
        if (database.equals("nodb")) {
            throw PgException.fatal("3D000", "database \"" + database + "\" does not exist");
        }
        FakeEngineSession s = new FakeEngineSession(host, user, database, startupSettings);
        sessions.add(s);
        return s;
    }

    FakeEngineSession last() {
        return sessions.get(sessions.size() - 1);
    }
}
