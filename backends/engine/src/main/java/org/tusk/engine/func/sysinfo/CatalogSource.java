package org.tusk.engine.func.sysinfo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;

/**
 * Where the system information functions read catalog rows from: the
 * session's {@link CatalogAccess} (MVCC rows in its transaction) in the
 * server, an in-memory set of rows in unit tests. Rows are in the catalog's
 * column order ({@code SystemCatalogs.Catalog.columnIndex}).
 */
@FunctionalInterface
public interface CatalogSource {

    /** The visible rows of catalog {@code catalogOid} that {@code filter} accepts. */
    List<Object[]> scan(int catalogOid, Predicate<Object[]> filter);

    /** Rows read through the session's catalog access. */
    static CatalogSource of(CatalogAccess access) {
        return (catalogOid, filter) -> {
            List<Object[]> out = new ArrayList<>();
            for (CatalogTuple t : access.scan(catalogOid, filter)) {
                out.add(t.values());
            }
            return out;
        };
    }
}
