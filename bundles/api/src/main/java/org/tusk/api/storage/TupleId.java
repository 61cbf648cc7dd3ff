package org.tusk.api.storage;

/**
 * Where a tuple version lives (PostgreSQL's ItemPointer, ctid): a block of
 * the relation's main fork and a 1-based line pointer number on that page.
 */
public record TupleId(int block, int offset) implements Comparable<TupleId> {

    public TupleId {
        if (offset < 1 || offset > 0xFFFF) {
            throw new IllegalArgumentException("invalid tuple offset " + offset);
        }
    }

    @Override
    public int compareTo(TupleId other) {
        int byBlock = Integer.compareUnsigned(block, other.block);
        return byBlock != 0 ? byBlock : Integer.compare(offset, other.offset);
    }

    /** As PostgreSQL prints a ctid: {@code (0,1)}. */
    @Override
    public String toString() {
        return "(" + Integer.toUnsignedString(block) + "," + offset + ")";
    }
}
