package org.tusk.engine.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableStatistics;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.PgType;
import org.tusk.xact.IsolationLevel;

/**
 * pg_stat_all_tables, pg_stat_user_tables and pg_stat_sys_tables (PostgreSQL
 * 15's columns) as computed relations: pg_class rows of tables (relkind r, t,
 * m, p) joined with the storage core's shared per-relation counters
 * ({@link TableStatistics}, found by the table's files). Counters Tusk does
 * not keep (scans) are 0; a table nothing counted yet shows zeros and no times, as in
 * PostgreSQL. Meant to give way to sysviews' script view once views run and
 * pg_stat_get_* functions read the same counters.
 */
public final class PgStatTables implements VirtualRelation {

    /** Which tables a view shows. */
    public enum Scope {
        ALL("pg_stat_all_tables"), USER("pg_stat_user_tables"), SYS("pg_stat_sys_tables");

        final String viewName;

        Scope(String viewName) {
            this.viewName = viewName;
        }
    }

    private static final List<RelationColumn> COLUMNS = columnList();

    private static List<RelationColumn> columnList() {
        List<RelationColumn> c = new ArrayList<>();
        c.add(new RelationColumn("relid", PgType.OID, -1));
        c.add(new RelationColumn("schemaname", PgType.NAME, -1));
        c.add(new RelationColumn("relname", PgType.NAME, -1));
        for (String n : List.of("seq_scan", "seq_tup_read", "idx_scan", "idx_tup_fetch", "n_tup_ins", "n_tup_upd",
                "n_tup_del", "n_tup_hot_upd", "n_live_tup", "n_dead_tup", "n_mod_since_analyze",
                "n_ins_since_vacuum")) {
            c.add(new RelationColumn(n, PgType.INT8, -1));
        }
        for (String n : List.of("last_vacuum", "last_autovacuum", "last_analyze", "last_autoanalyze")) {
            c.add(new RelationColumn(n, PgType.TIMESTAMPTZ, -1));
        }
        for (String n : List.of("vacuum_count", "autovacuum_count", "analyze_count", "autoanalyze_count")) {
            c.add(new RelationColumn(n, PgType.INT8, -1));
        }
        return List.copyOf(c);
    }

    private final Scope scope;

    public PgStatTables(Scope scope) {
        this.scope = scope;
    }

    @Override
    public String name() {
        return scope.viewName;
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        if (!(session instanceof StorageSession storage) || storage.storage() == null) {
            return List.of();
        }
        storage.snapshot();   // starts the transaction with the session's isolation level before the catalog reads
        CatalogAccess access = new CatalogAccess(storage.storage(), IsolationLevel.READ_COMMITTED);
        TableStatistics stats = storage.storage().storage().statistics();
        Map<Long, String> namespaces = new HashMap<>();
        SystemCatalogs.Catalog pgNamespace = SystemCatalogs.require(SystemCatalogs.PG_NAMESPACE);
        for (CatalogAccess.CatalogTuple t : access.scan(SystemCatalogs.PG_NAMESPACE)) {
            namespaces.put((Long) t.get(pgNamespace, "oid"), (String) t.get(pgNamespace, "nspname"));
        }
        SystemCatalogs.Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int kind = pgClass.columnIndex("relkind");
        List<Object[]> rows = new ArrayList<>();
        for (CatalogAccess.CatalogTuple t : access.scan(SystemCatalogs.PG_CLASS,
                row -> "rtmp".contains((String) row[kind]))) {
            String schema = namespaces.get(t.get(pgClass, "relnamespace"));
            boolean system = schema != null && (schema.equals("pg_catalog") || schema.equals("information_schema")
                    || schema.startsWith("pg_toast"));
            if (scope == Scope.USER && system || scope == Scope.SYS && !system) {
                continue;
            }
            Object[] r = new Object[COLUMNS.size()];
            r[0] = t.get(pgClass, "oid");
            r[1] = schema;
            r[2] = t.get(pgClass, "relname");
            for (int i = 3; i < r.length; i++) {
                r[i] = COLUMNS.get(i).type() == PgType.INT8 ? Long.valueOf(0) : null;
            }
            TableStatistics.Counters c = stats == null ? null : stats.counters(locator(pgClass, t,
                    storage.storage().databaseOid()));
            if (c != null) {
                r[7] = c.tuplesInserted();
                r[8] = c.tuplesUpdated();
                r[9] = c.tuplesDeleted();
                r[10] = c.tuplesHotUpdated();
                r[11] = Math.max(0, c.liveTuples());
                r[12] = Math.max(0, c.deadTuples());
                r[13] = c.modsSinceAnalyze();
                r[14] = c.insertsSinceVacuum();
                r[15] = time(c.lastVacuum());
                r[16] = time(c.lastAutovacuum());
                r[17] = time(c.lastAnalyze());
                r[18] = time(c.lastAutoanalyze());
                r[19] = c.vacuumCount();
                r[20] = c.autovacuumCount();
                r[21] = c.analyzeCount();
                r[22] = c.autoanalyzeCount();
            }
            rows.add(r);
        }
        return rows;
    }

    /** A pg_class row's files (a shared relation's in the global tablespace). */
    public static RelFileLocator locator(SystemCatalogs.Catalog pgClass, CatalogAccess.CatalogTuple t, int db) {
        int spc = ((Long) t.get(pgClass, "reltablespace")).intValue();
        int fileNode = ((Long) t.get(pgClass, "relfilenode")).intValue();
        if (Boolean.TRUE.equals(t.get(pgClass, "relisshared"))) {
            return new RelFileLocator(RelFileLocator.GLOBAL_TABLESPACE, 0, fileNode);
        }
        return new RelFileLocator(spc == 0 ? RelFileLocator.DEFAULT_TABLESPACE : spc, db, fileNode);
    }

    private static Long time(long epochMillis) {
        return epochMillis == 0 ? null : DateTimes.toPgMicros(Instant.ofEpochMilli(epochMillis));
    }
}
