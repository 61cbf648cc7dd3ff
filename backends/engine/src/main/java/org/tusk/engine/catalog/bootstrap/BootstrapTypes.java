package org.tusk.engine.catalog.bootstrap;

import java.util.List;

import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.relcache.RelationCache;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.UserTypes;
import org.tusk.engine.types.UserTypes.UserCast;
import org.tusk.engine.types.UserTypes.UserType;

/**
 * The user types the system view scripts create for themselves (information_schema's
 * domains: cardinal_number, sql_identifier, ...) as the analyzer sees them while the
 * bootstrap analyzes the views that cast to them: domains over built-in types, read
 * straight from pg_type in the bootstrap transaction. Their CHECKs are left out: a view
 * definition is only analyzed here (for its columns), never run.
 */
final class BootstrapTypes implements UserTypes.Provider {
    private final CatalogAccess access;
    private final RelationCache relcache;

    BootstrapTypes(CatalogAccess access, RelationCache relcache) {
        this.access = access;
        this.relcache = relcache;
    }

    @Override
    public UserType byName(String schema, String name) {
        Integer ns = schema == null ? null : relcache.namespaceOid(schema);
        if (ns == null) {
            return null;
        }
        Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        int nameCol = pgType.columnIndex("typname");
        int nsCol = pgType.columnIndex("typnamespace");
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_TYPE,
                r -> name.equals(r[nameCol]) && ((Long) r[nsCol]).intValue() == ns)) {
            return domain(pgType, t, schema);
        }
        return null;
    }

    @Override
    public UserType byOid(int oid) {
        Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        int oidCol = pgType.columnIndex("oid");
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_TYPE, r -> ((Long) r[oidCol]).intValue() == oid)) {
            return domain(pgType, t, null);
        }
        return null;
    }

    private static UserType domain(Catalog pgType, CatalogTuple t, String schema) {
        if (!"d".equals(t.get(pgType, "typtype"))) {
            return null;
        }
        int base = ((Long) t.get(pgType, "typbasetype")).intValue();
        PgType representation = PgType.byOid(base);
        if (representation == null) {
            return null;
        }
        return new UserType(((Long) t.get(pgType, "oid")).intValue(), (String) t.get(pgType, "typname"), schema, 'd',
                representation, base, (Integer) t.get(pgType, "typtypmod"), (Boolean) t.get(pgType, "typnotnull"),
                (String) t.get(pgType, "typdefault"), List.of(), ((Long) t.get(pgType, "typarray")).intValue(),
                List.of(), true);
    }

    @Override
    public UserCast cast(int source, int target) {
        return null;
    }
}
