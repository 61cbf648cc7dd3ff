package org.tusk.api.storage;

import java.util.function.BiConsumer;

/**
 * The heap scan an index build reads (PostgreSQL's table_index_build_scan
 * with its callback): calls {@code sink} once per row to index with the row's
 * key and heap TID. Which rows count (dead ones are left out; recently dead
 * ones are kept) is the caller's business.
 */
@FunctionalInterface
public interface IndexBuildScan {

    void scan(BiConsumer<byte[], TupleId> sink);
}
