package org.tusk.engine.func.sysinfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.storage.StorageTransaction;
import org.tusk.engine.tcop.SearchPathProvider;

/**
 * What one call of a system information function sees: the catalogs
 * (through a fresh {@link SysCache}), the session's search_path and the
 * data directory (for relation sizes).
 *
 * @param searchPath search_path's schema names as the session expands them ("$user" replaced)
 * @param dataDirectory the cluster's directory, or null when sizes cannot be read
 * @param tempNamespace the session's temporary schema (pg_temp_N), 0 if it has none
 */
public record SysInfoContext(SysCache cache, List<String> searchPath, Path dataDirectory, int databaseOid,
        int tempNamespace) {

    /** The context of a call in a session on storage; 0A000 for a session without catalogs. */
    public static SysInfoContext of(EvalContext ctx) {
        SysInfoContext c = ofOrNull(ctx);
        if (c == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "this function needs the system catalogs");
        }
        return c;
    }

    /** The context, or null in a session without storage (engine tests without a cluster). */
    public static SysInfoContext ofOrNull(EvalContext ctx) {
        SessionServices session = ctx.session();
        if (!(session instanceof StorageSession s) || s.storage() == null) {
            return null;
        }
        String isolation = session.currentSetting("transaction_isolation", true);
        CatalogAccess access = new CatalogAccess(s.storage(),
                StorageTransaction.isolationLevel(isolation == null ? "read committed" : isolation));
        List<String> path = session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
        int temp = s.relcache() == null ? 0 : s.relcache().tempNamespace();
        return new SysInfoContext(new SysCache(CatalogSource.of(access)), path,
                s.storage().storage().dataDirectory(), s.storage().databaseOid(), temp);
    }

    /**
     * The namespaces searched for unqualified names, in order
     * (namespace.c's activeSearchPath): pg_catalog first unless search_path
     * lists it, then each listed schema that exists.
     */
    public List<Integer> activeSearchPath() {
        List<Integer> out = new ArrayList<>();
        if (tempNamespace != 0 && !searchPath.contains("pg_temp")) {
            out.add(tempNamespace);
        }
        if (!searchPath.contains("pg_catalog")) {
            out.add(SystemCatalogs.PG_CATALOG_NAMESPACE);
        }
        for (String name : searchPath) {
            int oid = name.equals("pg_temp") ? tempNamespace : cache.namespaceOid(name);
            if (oid != 0 && !out.contains(oid)) {
                out.add(oid);
            }
        }
        return out;
    }
}
