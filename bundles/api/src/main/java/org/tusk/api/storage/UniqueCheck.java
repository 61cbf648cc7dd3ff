package org.tusk.api.storage;

/**
 * The caller's half of a unique check (PostgreSQL's _bt_check_unique calls
 * into the heap): given the heap TID of an index entry with a key equal to
 * the one being inserted, says whether that row is visible-or-in-progress
 * per SnapshotDirty. The index calls it while holding a leaf page lock, so it
 * must not touch the index; it may lock heap pages briefly.
 */
@FunctionalInterface
public interface UniqueCheck {

    TupleLiveness check(TupleId heapTid);
}
