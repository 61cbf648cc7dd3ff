package org.tusk.api.storage;

/**
 * The order of an index's keys (PostgreSQL's btree support function 1,
 * BTORDER_PROC), supplied by the caller: keys cross the index AM SPI as
 * opaque byte arrays, and only the caller knows their type. Must be a total
 * order, consistent for the whole life of the index.
 */
@FunctionalInterface
public interface IndexKeyComparator {

    /** Unsigned lexicographic byte order (memcmp, then shorter first): right for big-endian encodings. */
    IndexKeyComparator UNSIGNED_BYTES = java.util.Arrays::compareUnsigned;

    /** Negative, zero or positive as {@code a} sorts before, equal to or after {@code b}. */
    int compare(byte[] a, byte[] b);
}
