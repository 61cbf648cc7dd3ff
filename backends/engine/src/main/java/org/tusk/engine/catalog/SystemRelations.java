package org.tusk.engine.catalog;

import java.util.Map;

/** Name lookup of the relations the engine can scan (for now the system views in pg_catalog). */
public final class SystemRelations {
    private final Map<String, VirtualRelation> relations;

    public SystemRelations(ClusterCatalog catalog) {
        PgStatActivity activity = new PgStatActivity(catalog);
        relations = Map.of(activity.name(), activity);
    }

    /** The relation, or null. Unqualified names and pg_catalog are searched. */
    public VirtualRelation lookup(String schema, String name) {
        if (schema != null && !schema.equals("pg_catalog")) {
            return null;
        }
        return relations.get(name);
    }
}
