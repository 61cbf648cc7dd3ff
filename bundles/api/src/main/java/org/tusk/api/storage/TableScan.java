package org.tusk.api.storage;

/**
 * A sequential scan returning the tuple versions visible to its snapshot, in
 * physical order. Not thread-safe; close it to release pins.
 */
public interface TableScan extends AutoCloseable {

    /** Advances to the next visible tuple; false at the end. */
    boolean next();

    /** The current tuple's id. */
    TupleId tupleId();

    /** The current tuple's data (a private copy; the AM's header is not included). */
    byte[] data();

    /**
     * The current tuple's header fields (system columns xmin, xmax, cmin/cmax),
     * or null when the access method keeps no such header.
     *
     * @since 1.4
     */
    default TupleHeaderFields header() {
        return null;
    }

    /**
     * The id an index entry for the current tuple must point at (an index build's heap TID):
     * the root of its HOT chain when the tuple is a heap-only one, else {@link #tupleId()}.
     *
     * @since 1.5
     */
    default TupleId indexTupleId() {
        return tupleId();
    }

    @Override
    void close();
}
