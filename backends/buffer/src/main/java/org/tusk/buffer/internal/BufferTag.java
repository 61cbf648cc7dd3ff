package org.tusk.buffer.internal;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;

/** What a buffer holds (PostgreSQL's BufferTag): a block of a fork of a relation. */
public record BufferTag(RelFileLocator locator, ForkNumber fork, int block) {

    /** Spreads the tag over the mapping table (and its partitions). */
    public int hash() {
        int h = locator.spcOid();
        h = h * 0x9E3779B1 + locator.dbOid();
        h = h * 0x9E3779B1 + locator.relNumber();
        h = h * 0x9E3779B1 + fork.ordinal();
        h = h * 0x9E3779B1 + block;
        // murmur3 finalizer: partitions use the low bits
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    @Override
    public String toString() {
        return "block " + Integer.toUnsignedString(block) + " of " + locator.path(fork);
    }
}
