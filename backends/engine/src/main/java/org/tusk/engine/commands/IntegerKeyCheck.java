package org.tusk.engine.commands;

import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * The duplicate check of a unique index build whose key is one int2, int4 or
 * int8 column (every serial primary key): an open-addressing set of primitive
 * longs. A hash set of boxed encoded keys cost a third of pgbench's
 * primary-key build (an entry object and a table node per row, then garbage
 * for the collector). Like that set it reports the first key seen twice in
 * the heap's order.
 */
final class IntegerKeyCheck {

    /** The slot value meaning "empty"; the key Long.MIN_VALUE itself is tracked apart. */
    private static final long EMPTY = Long.MIN_VALUE;

    private final boolean nullsNotDistinct;
    /**
     * While every key so far was larger than the one before (a serial key in heap order: every
     * pgbench table), no key can repeat one seen: they are only appended here, a sequential
     * write, instead of hashed into a table of tens of megabytes at random places (a cache
     * miss per row, 13% of pgbench -i's primary-key build). The first key out of order moves
     * them into the hash table; null afterwards.
     */
    private long[] ascending = new long[1024];
    private int ascendingSize;
    private long[] slots;
    private int size;
    private boolean seenMinValue;
    private boolean seenNull;

    private IntegerKeyCheck(boolean nullsNotDistinct) {
        this.nullsNotDistinct = nullsNotDistinct;
    }

    /** A check for {@code keyTypes}, or null when the key is not one integer column. */
    static IntegerKeyCheck forKey(List<PgType> keyTypes, boolean nullsNotDistinct) {
        if (keyTypes.size() != 1) {
            return null;
        }
        PgType type = keyTypes.get(0);
        return type == PgType.INT2 || type == PgType.INT4 || type == PgType.INT8
                ? new IntegerKeyCheck(nullsNotDistinct) : null;
    }

    /**
     * Adds one row's key value (null = SQL NULL, distinct from every other
     * unless NULLS NOT DISTINCT); false when it was there already.
     */
    boolean add(Object value) {
        if (value == null) {
            boolean duplicate = nullsNotDistinct && seenNull;
            seenNull = true;
            return !duplicate;
        }
        long v = ((Number) value).longValue();
        if (v == EMPTY) {
            boolean duplicate = seenMinValue;
            seenMinValue = true;
            return !duplicate;
        }
        if (ascending != null) {
            if (ascendingSize == 0 || v > ascending[ascendingSize - 1]) {
                if (ascendingSize == ascending.length) {
                    ascending = java.util.Arrays.copyOf(ascending, ascendingSize * 2);
                }
                ascending[ascendingSize++] = v;
                return true;
            }
            leaveAscendingRun();
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (!insert(slots, v)) {
            return false;
        }
        size++;
        return true;
    }

    /** The keys of the ascending run go into a hash table sized for them (all distinct). */
    private void leaveAscendingRun() {
        int length = 1 << 12;
        while (length < 2 * (ascendingSize + 1)) {
            length <<= 1;
        }
        slots = newTable(length);
        for (int i = 0; i < ascendingSize; i++) {
            insert(slots, ascending[i]);
        }
        size = ascendingSize;
        ascending = null;
    }

    private static boolean insert(long[] table, long v) {
        int mask = table.length - 1;
        // Fibonacci hashing: the product's top bits, as many as the table needs (a fixed shift would
        // leave tables past 2^24 slots, tens of millions of rows, with their upper half unused)
        int i = (int) ((v * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(table.length)));
        while (table[i] != EMPTY) {
            if (table[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = v;
        return true;
    }

    private void grow() {
        long[] bigger = newTable(slots.length * 2);
        for (long v : slots) {
            if (v != EMPTY) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static long[] newTable(int length) {
        long[] table = new long[length];
        java.util.Arrays.fill(table, EMPTY);
        return table;
    }
}
