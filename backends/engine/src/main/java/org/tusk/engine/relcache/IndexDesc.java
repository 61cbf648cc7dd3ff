package org.tusk.engine.relcache;

import org.tusk.api.storage.RelFileLocator;

/**
 * An index of a relation (pg_index + the index's pg_class row): its key
 * columns as attnums of the table, in key order.
 */
public record IndexDesc(int oid, String name, String amName, RelFileLocator locator, int[] keyAttnums,
        boolean unique, boolean primary) {
}
