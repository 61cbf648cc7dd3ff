package org.tusk.engine.commands.vacuum;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.backend.BackendActivity;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.backend.BackendSignal;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.engine.RawStatement;
import org.tusk.api.engine.SessionHost;
import org.tusk.api.error.PgException;
import org.tusk.api.storage.AutoAnalyzer;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.engine.catalog.ClusterCatalog;

/**
 * Autovacuum's ANALYZE (autovacuum.c's worker running analyze_rel): a session of the
 * engine, opened in the autovacuum launcher's process as the bootstrap superuser on the
 * table's database, as PostgreSQL's worker connects to one database, finds the table
 * stored in the given files and runs ANALYZE on it. The ANALYZE is reported as automatic
 * (last_autoanalyze, autoanalyze_count): {@link #isAutovacuumWorker} tells VacuumCommand
 * it runs here, as AmAutoVacuumWorkerProcess does in PostgreSQL.
 *
 * <p>What PostgreSQL's worker skips is skipped: other sessions' TEMP tables (their data
 * is the owner's alone), pg_statistic and a table whose lock is not free (a manual VACUUM or ANALYZE,
 * DDL): ANALYZE waits at most {@value #LOCK_TIMEOUT} for it, then the table waits for the
 * next round.
 */
@Component(service = AutoAnalyzer.class)
public final class AutovacuumAnalyzer implements AutoAnalyzer {

    private static final Logger LOG = LoggerFactory.getLogger(AutovacuumAnalyzer.class);
    /** How long ANALYZE waits for its ShareUpdateExclusiveLock before the table is left to the next round. */
    static final String LOCK_TIMEOUT = "1s";
    /**
     * pg_statistic, which relation_needs_vacanalyze never analyzes: every ANALYZE rewrites its rows,
     * so its own changes would call for an ANALYZE of it every round, for ever.
     */
    private static final int STATISTIC_RELATION_ID = 2619;
    /** Always there and connectable: where the database's name is looked up. */
    private static final String TEMPLATE1 = "template1";
    private static final ThreadLocal<Boolean> WORKER = ThreadLocal.withInitial(() -> false);

    @Reference
    private QueryEngine engine;

    public AutovacuumAnalyzer() {
    }

    /** For tests: over the given engine. */
    public AutovacuumAnalyzer(QueryEngine engine) {
        this.engine = engine;
    }

    /** Whether the calling thread runs an autovacuum ANALYZE (its reports count as automatic). */
    public static boolean isAutovacuumWorker() {
        return WORKER.get();
    }

    @Override
    public boolean analyze(RelFileLocator table, Path dataDirectory, Map<String, String> serverSettings) {
        if (table.temp()) {
            return false;
        }
        String user = ClusterCatalog.load(dataDirectory).superuserName();
        WORKER.set(true);
        try {
            String database = null;
            if (table.dbOid() != 0) {
                try (EngineSession session = open(dataDirectory, serverSettings, user, TEMPLATE1)) {
                    database = single(execute(session, "select datname from pg_database where oid = "
                            + Integer.toUnsignedLong(table.dbOid()) + " and datallowconn"));
                }
            }
            if (database == null) {
                return false;       // a shared catalog, or the database went away (or takes no connections)
            }
            try (EngineSession session = open(dataDirectory, serverSettings, user, database)) {
                String name = single(execute(session, "select quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where c.relfilenode = " + Integer.toUnsignedLong(table.relNumber())
                        + " and c.relkind in ('r', 'm') and c.relpersistence <> 't'"
                        + " and c.oid <> " + STATISTIC_RELATION_ID));
                if (name == null) {
                    return false;   // dropped, rewritten into new files, or another session's TEMP table
                }
                execute(session, "set lock_timeout = '" + LOCK_TIMEOUT + "'");
                execute(session, "analyze " + name);
                LOG.info("automatic analyze of table \"{}.{}\"", database, name);
                return true;
            }
        } catch (PgException e) {
            LOG.info("automatic analyze of {} skipped: {}", table, e.getMessage());
            return false;
        } finally {
            WORKER.set(false);
        }
    }

    private EngineSession open(Path dataDirectory, Map<String, String> serverSettings, String user, String database) {
        return engine.openSession(new Host(dataDirectory, serverSettings), user, database,
                Map.of("application_name", "autovacuum"));
    }

    /** One statement through parse, plan, bind and execute, in its own implicit transaction. */
    private static List<String> execute(EngineSession session, String sql) {
        List<String> rows = new ArrayList<>();
        boolean ok = false;
        try {
            for (RawStatement raw : session.parse(sql)) {
                PreparedStatement prepared = session.prepare(raw, new int[0]);
                prepared.bind(List.of(), new short[0], new short[0]).execute(0, values ->
                        rows.add(values[0] == null ? null : new String(values[0], StandardCharsets.UTF_8)));
            }
            ok = true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (ok) {
                session.sync();
            } else {
                try {
                    session.sync();   // rolls back the failed implicit transaction
                } catch (RuntimeException ignored) {
                    // the original failure is what matters
                }
            }
        }
        return rows;
    }

    private static String single(List<String> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The session's view of this process: not a client backend, so nothing is reported or signalled. */
    private record Host(Path dataDirectory, Map<String, String> serverSettings) implements SessionHost, BackendContext {

        Host {
            serverSettings = new HashMap<>(serverSettings == null ? Map.of() : serverSettings);
        }

        @Override
        public BackendContext backend() {
            return this;
        }

        @Override
        public void notice(PgException notice) {
        }

        @Override
        public void parameterStatus(String name, String value) {
        }

        @Override
        public int pid() {
            return (int) ProcessHandle.current().pid();
        }

        @Override
        public int cancelKey() {
            return 0;
        }

        @Override
        public void checkForInterrupts() {
        }

        @Override
        public void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void reportSessionStart(String user, String database, String applicationName) {
        }

        @Override
        public void reportActivity(String state, String query) {
        }

        @Override
        public void reportApplicationName(String applicationName) {
        }

        @Override
        public List<BackendActivity> activitySnapshot() {
            return List.of();
        }

        @Override
        public void cancelRequest(int pid, int key) {
        }

        @Override
        public boolean signalBackend(int pid, BackendSignal signal) {
            return false;
        }
    }
}
