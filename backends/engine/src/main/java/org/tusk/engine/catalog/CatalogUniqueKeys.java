package org.tusk.engine.catalog;

import java.util.List;
import java.util.Map;

/**
 * The unique indexes of PostgreSQL's catalogs that keep object names apart
 * (pg_class_relname_nsp_index and its kin). Tusk's catalogs have no indexes
 * yet, so {@link CatalogAccess} enforces these keys itself: without them two
 * sessions creating the same name at once would both succeed, each having
 * checked before the other committed.
 */
final class CatalogUniqueKeys {

    /** One unique key: the index's name (as PostgreSQL reports it) and its columns. */
    record Key(String indexName, List<String> columns) {
    }

    private static final Map<Integer, Key> KEYS = Map.of(
            SystemCatalogs.PG_CLASS, new Key("pg_class_relname_nsp_index", List.of("relname", "relnamespace")),
            SystemCatalogs.PG_TYPE, new Key("pg_type_typname_nsp_index", List.of("typname", "typnamespace")),
            SystemCatalogs.PG_NAMESPACE, new Key("pg_namespace_nspname_index", List.of("nspname")),
            SystemCatalogs.PG_DATABASE, new Key("pg_database_datname_index", List.of("datname")));

    private CatalogUniqueKeys() {
    }

    /** The catalog's name key, or null when it has none enforced here. */
    static Key of(int catalogOid) {
        return KEYS.get(catalogOid);
    }
}
