package org.tusk.api.engine;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.tusk.api.auth.FileRoleStore;
import org.tusk.api.auth.RoleStore;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.error.PgException;

/**
 * The SQL engine, registered as an OSGi service inside every backend process.
 * One {@link EngineSession} serves one client session.
 */
@ProviderType
public interface QueryEngine {

    /**
     * Starts a session for an authenticated-to-be user (PostgreSQL's InitPostgres):
     * checks that the database and role exist and applies the startup parameters
     * (everything in the startup packet other than user and database, with the
     * {@code options} parameter's {@code -c name=value} pairs already split out).
     *
     * @throws PgException FATAL 3D000 for an unknown database, 28000 for an unknown role,
     *         or ERROR/FATAL for a bad startup setting
     */
    EngineSession openSession(SessionHost host, String user, String database, Map<String, String> startupSettings);

    /**
     * The cluster's roles, for client authentication (which runs before
     * {@link #openSession}) and the role commands. The default reads initdb's
     * text files under the data directory; an engine with pg_authid on storage
     * overrides it. Null when the backend has no data directory (in-process tests):
     * the protocol handler then authenticates nobody and trusts everyone.
     */
    default RoleStore roleStore(BackendContext backend) {
        return backend.dataDirectory() == null ? null : new FileRoleStore(backend.dataDirectory());
    }
}
