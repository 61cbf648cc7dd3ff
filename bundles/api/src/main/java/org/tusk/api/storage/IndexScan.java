package org.tusk.api.storage;

/**
 * A forward index scan (PostgreSQL's IndexScanDesc with amgettuple): the
 * entries within the scan's bounds in key order (equal keys in heap TID
 * order). The index does not check visibility: the caller fetches each heap
 * tuple with its snapshot and, since an entry may be stale, rechecks it.
 * Not thread-safe; close it to release what it holds.
 */
public interface IndexScan extends AutoCloseable {

    /** Advances to the next entry; false at the end. */
    boolean next();

    /** The current entry's heap tuple. */
    TupleId heapTid();

    /** The current entry's key (a private copy). */
    byte[] key();

    @Override
    void close();
}
