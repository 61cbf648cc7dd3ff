package org.tusk.nbtree;

import java.nio.ByteBuffer;

import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.IndexKeyComparator;
import org.tusk.api.storage.RelFileLocator;

/** Test keys: ints big-endian with the sign bit flipped, so unsigned byte order is numeric order. */
final class Keys {

    static final RelFileLocator HEAP = RelFileLocator.of(5, 16384);
    static final RelFileLocator INDEX = RelFileLocator.of(5, 16390);

    private Keys() {
    }

    static byte[] key(int value) {
        return ByteBuffer.allocate(4).putInt(value ^ Integer.MIN_VALUE).array();
    }

    static int value(byte[] key) {
        return ByteBuffer.wrap(key).getInt() ^ Integer.MIN_VALUE;
    }

    static IndexDescriptor index(boolean unique) {
        return new IndexDescriptor(unique ? "t_pkey" : "t_idx", INDEX, HEAP, unique, IndexKeyComparator.UNSIGNED_BYTES);
    }
}
