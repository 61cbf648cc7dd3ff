package org.tusk.engine.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Name lookup of the relations a query can scan: the computed system views
 * (pg_stat_activity, pg_stat_*_tables, pg_stat_wal, pg_stat_bgwriter, pg_settings, pg_file_settings,
 * pg_hba_file_rules, pg_timezone_names, pg_timezone_abbrevs, pg_config), then, in a session with storage, stored relations
 * (system catalogs and tables) through the relcache and search_path.
 */
public final class SystemRelations {
    private final Map<String, VirtualRelation> relations;
    private BiFunction<String, String, VirtualRelation> stored;
    /** Views over one session's own state (pg_prepared_statements, pg_cursors), added by the session. */
    private final Map<String, VirtualRelation> sessionViews = new HashMap<>();

    public SystemRelations(ClusterCatalog catalog) {
        PgStatActivity activity = new PgStatActivity(catalog);
        Map<String, VirtualRelation> m = new java.util.HashMap<>();
        m.put(activity.name(), activity);
        VirtualRelation ssl = new PgStatSsl();
        m.put(ssl.name(), ssl);
        for (PgStatTables.Scope scope : PgStatTables.Scope.values()) {
            PgStatTables tables = new PgStatTables(scope);
            m.put(tables.name(), tables);
        }
        VirtualRelation wal = new PgStatWal();
        m.put(wal.name(), wal);
        VirtualRelation bgwriter = new PgStatBgwriter();
        m.put(bgwriter.name(), bgwriter);
        VirtualRelation settings = new org.tusk.engine.catalog.sysviews.PgSettings();
        m.put(settings.name(), settings);
        VirtualRelation fileSettings = new org.tusk.engine.catalog.sysviews.PgFileSettings();
        m.put(fileSettings.name(), fileSettings);
        VirtualRelation hbaRules = new org.tusk.engine.catalog.sysviews.PgHbaFileRules();
        m.put(hbaRules.name(), hbaRules);
        VirtualRelation timezones = new org.tusk.engine.catalog.sysviews.PgTimezoneNames();
        m.put(timezones.name(), timezones);
        VirtualRelation abbrevs = new org.tusk.engine.catalog.sysviews.PgTimezoneAbbrevs();
        m.put(abbrevs.name(), abbrevs);
        VirtualRelation config = new org.tusk.engine.catalog.sysviews.PgConfig();
        m.put(config.name(), config);
        relations = Map.copyOf(m);
    }

    /** Also resolve names to stored relations (schema may be null) with {@code lookup}, which returns null if none. */
    public void useStoredRelations(BiFunction<String, String, VirtualRelation> lookup) {
        this.stored = lookup;
    }

    /** The relation, or null. Unqualified names and pg_catalog are searched. */
    public VirtualRelation lookup(String schema, String name) {
        if (schema == null || schema.equals("pg_catalog")) {
            VirtualRelation sessionView = sessionViews.get(name);
            if (sessionView != null) {
                return sessionView;
            }
            VirtualRelation v = relations.get(name);
            if (v != null) {
                return v;
            }
        }
        return stored == null ? null : stored.apply(schema, name);
    }

    /** Adds a view computed from the session's own state, found like the system views in pg_catalog. */
    public void addSessionView(VirtualRelation view) {
        sessionViews.put(view.name(), view);
    }
}
