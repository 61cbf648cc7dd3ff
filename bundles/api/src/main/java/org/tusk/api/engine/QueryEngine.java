package org.tusk.api.engine;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
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
}
