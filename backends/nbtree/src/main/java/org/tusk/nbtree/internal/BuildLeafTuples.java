package org.tusk.nbtree.internal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

import org.tusk.api.storage.IndexKeyComparator;
import org.tusk.api.storage.TupleId;

/**
 * The leaf tuples of a bottom-up build (nbtsort.c's spool), in the order the
 * heap scan delivers them, packed back to back into large arrays instead of
 * an object or four per entry. A (key, TID) entry object, its TID, the key
 * array and then the leaf tuple made from them, a million of each for
 * pgbench_accounts, all alive until the tree was written: the backend's
 * collector spent half of the primary key step copying and promoting them
 * (ten young collections and a full one, 1.5 of 3 s).
 *
 * <p>While every entry sorts after the one before (a serial key in heap
 * order, the usual case), the tuples need no sort: {@link #sorted} is then a
 * view that copies each tuple out of the arrays only when asked for it.
 * Otherwise the tuples are taken out and sorted by (key, heap TID).
 */
public final class BuildLeafTuples {

    /** One array of tuples; a tuple never spans two (a leaf tuple is at most about a third of a page). */
    private static final int CHUNK = 1 << 20;

    private final IndexKeyComparator comparator;
    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] chunk;
    private int used;
    /** Per tuple, its chunk index times {@link #CHUNK} plus its position in the chunk. */
    private long[] offsets = new long[1024];
    private int size;

    private boolean inOrder = true;
    /** Two neighbours in the heap's order with equal keys (only looked for while in order). */
    private boolean equalNeighbours;
    private byte[] previousKey;
    private int previousBlock;
    private int previousOffset;

    public BuildLeafTuples(IndexKeyComparator comparator) {
        this.comparator = comparator;
    }

    /**
     * Appends the leaf tuple for ({@code key}, {@code heapTid}); {@code key}
     * must stay unchanged until the next call (it is compared with that one's).
     */
    public void add(byte[] key, TupleId heapTid) {
        int length = IndexTuple.LEAF_HEADER + key.length;
        if (chunk == null || used + length > chunk.length) {
            chunk = new byte[Math.max(CHUNK, length)];
            chunks.add(chunk);
            used = 0;
        }
        int block = heapTid.block();
        int offset = heapTid.offset();
        IndexTuple.writeLeaf(chunk, used, key, block, offset);
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
        }
        offsets[size++] = (long) (chunks.size() - 1) * CHUNK + used;
        used += length;
        if (inOrder && previousKey != null) {
            int c = comparator.compare(previousKey, key);
            if (c == 0) {
                equalNeighbours = true;
                c = Integer.compareUnsigned(previousBlock, block);
                c = c != 0 ? c : Integer.compare(previousOffset, offset);
            }
            inOrder = c < 0;
        }
        previousKey = key;
        previousBlock = block;
        previousOffset = offset;
    }

    public int size() {
        return size;
    }

    /** Whether the entries came in (key, heap TID) order, so that {@link #sorted} sorts nothing. */
    public boolean arrivedInOrder() {
        return inOrder;
    }

    /**
     * The leaf tuples in (key, heap TID) order; when {@code unique}, throws
     * {@code duplicate} on two equal keys instead.
     */
    public List<byte[]> sorted(boolean unique, Runnable duplicate) {
        if (inOrder) {
            if (unique && equalNeighbours) {
                duplicate.run();
            }
            return new InArrivalOrder();
        }
        record Entry(byte[] key, byte[] tuple) {
        }
        List<Entry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte[] tuple = tuple(i);
            entries.add(new Entry(IndexTuple.key(tuple), tuple));
        }
        entries.sort((a, b) -> {
            int c = comparator.compare(a.key(), b.key());
            return c != 0 ? c : IndexTuple.compareLeafHeapTids(a.tuple(), b.tuple());
        });
        List<byte[]> tuples = new ArrayList<>(size);
        for (int i = 0; i < entries.size(); i++) {
            if (unique && i > 0 && comparator.compare(entries.get(i - 1).key(), entries.get(i).key()) == 0) {
                duplicate.run();
            }
            tuples.add(entries.get(i).tuple());
        }
        return tuples;
    }

    private byte[] tuple(int i) {
        long at = offsets[i];
        byte[] in = chunks.get((int) (at / CHUNK));
        int from = (int) (at % CHUNK);
        return Arrays.copyOfRange(in, from, from + IndexTuple.size(in, from));
    }

    /** The tuples as added, each copied out when asked for. */
    private final class InArrivalOrder extends AbstractList<byte[]> implements RandomAccess {
        @Override
        public byte[] get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return tuple(index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
