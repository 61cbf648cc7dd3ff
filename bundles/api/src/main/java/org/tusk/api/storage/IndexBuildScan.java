package org.tusk.api.storage;

import java.util.function.BiConsumer;

/**
 * The heap scan an index build reads (PostgreSQL's table_index_build_scan
 * with its callback): calls {@code sink} once per row to index with the row's
 * key and heap TID. Which rows count (dead ones are left out; recently dead
 * ones are kept) is the caller's business. Each key array is the access
 * method's to keep (a build holds a million of them until its sort): the
 * caller hands over a new array per row and does not touch it again.
 */
@FunctionalInterface
public interface IndexBuildScan {

    void scan(BiConsumer<byte[], TupleId> sink);
}
