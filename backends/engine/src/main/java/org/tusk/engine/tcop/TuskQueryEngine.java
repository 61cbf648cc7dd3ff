package org.tusk.engine.tcop;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.engine.SessionHost;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.ClusterCatalog;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.guc.GucSettings;

/** The SQL engine service: InitPostgres-style session start (role, database, startup settings). */
@Component(service = QueryEngine.class)
public final class TuskQueryEngine implements QueryEngine {
    private static final Logger LOG = LoggerFactory.getLogger(TuskQueryEngine.class);

    @Override
    public EngineSession openSession(SessionHost host, String user, String database, Map<String, String> startupSettings) {
        ClusterCatalog catalog = ClusterCatalog.load(host.backend().dataDirectory());
        ClusterCatalog.Role role = catalog.role(user);
        if (role == null) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist");
        }
        ClusterCatalog.Database db = catalog.database(database);
        if (db == null) {
            throw PgException.fatal(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
        }
        if (database.equals("template0")) {
            throw PgException.fatal(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "database \"template0\" is not currently accepting connections");
        }
        GucSettings guc = new GucSettings();
        Map<String, String> server = host.backend().serverSettings();
        if (server != null) {
            for (Map.Entry<String, String> e : server.entrySet()) {
                try {
                    guc.setServerDefault(e.getKey(), e.getValue());
                } catch (PgException ex) {
                    LOG.warn("ignoring server setting {}={}: {}", e.getKey(), e.getValue(), ex.getMessage());
                }
            }
        }
        guc.setInternal("is_superuser", role.superuser() ? "on" : "off");
        guc.setInternal("session_authorization", user);
        if (startupSettings != null) {
            for (Map.Entry<String, String> e : startupSettings.entrySet()) {
                try {
                    guc.setStartup(e.getKey(), e.getValue());
                } catch (PgException ex) {
                    throw ex.withSeverity(Severity.FATAL);
                }
            }
        }
        return new TuskSession(host, new SystemRelations(catalog), user, database, guc);
    }
}
