package org.tusk.engine.types;

/** A tuple identifier (ItemPointer): block number (unsigned 32-bit) and 1-based line pointer offset. */
public record Tid(long block, int offset) {
    @Override
    public String toString() {
        return "(" + block + "," + offset + ")";
    }
}
