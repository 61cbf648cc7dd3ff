package org.tusk.engine.catalog;

import java.util.HashMap;
import java.util.Map;

/** Name lookup of the relations the engine can scan (for now the system views in pg_catalog). */
public final class SystemRelations {
    private final Map<String, VirtualRelation> relations;
    /** Views over one session's own state (pg_prepared_statements, pg_cursors), added by the session. */
    private final Map<String, VirtualRelation> sessionViews = new HashMap<>();

    public SystemRelations(ClusterCatalog catalog) {
        PgStatActivity activity = new PgStatActivity(catalog);
        relations = Map.of(activity.name(), activity);
    }

    /** The relation, or null. Unqualified names and pg_catalog are searched. */
    public VirtualRelation lookup(String schema, String name) {
        VirtualRelation sessionView = sessionViews.get(name);
        if (sessionView != null && (schema == null || schema.equals("pg_catalog"))) {
            return sessionView;
        }
        if (schema != null && !schema.equals("pg_catalog")) {
            return null;
        }
        return relations.get(name);
    }

    /** Adds a view computed from the session's own state, found like the system views in pg_catalog. */
    public void addSessionView(VirtualRelation view) {
        sessionViews.put(view.name(), view);
    }
}
