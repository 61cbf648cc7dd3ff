package org.tusk.engine.storage;

import java.util.function.Predicate;

import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.IndexBuildScan;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.IndexScan;
import org.tusk.api.storage.IndexVacuumResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RelationSize;
import org.tusk.api.storage.ScanBounds;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.UniqueCheck;

/**
 * The hash index access method ({@code CREATE INDEX ... USING hash}, pg_am 405)
 * kept in the files of an ordered access method (btree): like PostgreSQL's hash
 * AM, an entry holds only the 32-bit hash code of its key and the heap TID, and
 * a scan answers equality only, with candidates the caller rechecks against the
 * heap (two keys may share a hash code). Buckets are the ordered AM's runs of
 * equal codes, so the AM needs no bucket splitting of its own.
 *
 * <p>Keys arrive encoded by the executor's index key encoding, in which equal
 * values have equal bytes; the hash code is a hash of those bytes, so equal
 * values (1.5 and 1.50, text under the code-point collation) hash alike. NULL
 * keys (the encoding's NULL flag byte) get no entry, as hash indexes do not
 * index NULLs. Only single-column indexes exist (DefineIndex refuses more).
 */
public final class HashIndexAccessMethod implements IndexAccessMethod {
    /** pg_am.oid of hash. */
    public static final int HASH_AM = 405;
    public static final String NAME = "hash";

    /** The index key encoding's flag byte of a NULL column. */
    private static final byte NULL_FLAG = 2;

    private final IndexAccessMethod ordered;

    public HashIndexAccessMethod(IndexAccessMethod ordered) {
        this.ordered = ordered;
    }

    /** The ordered access method whose files hold the hash codes. */
    IndexAccessMethod ordered() {
        return ordered;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The entry key of an encoded key: its hash code, 4 bytes big-endian; null for a NULL key (no entry). */
    static byte[] hashKey(byte[] key) {
        if (key == null || key.length == 0 || key[0] == NULL_FLAG && key.length == 1) {
            return null;
        }
        int h = hashBytes(key);
        return new byte[] {(byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h};
    }

    /** A 32-bit hash of a byte string (FNV-1a with a final avalanche, so that nearby keys spread). */
    static int hashBytes(byte[] key) {
        int h = 0x811c9dc5;
        for (byte b : key) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** The descriptor the ordered AM sees: never unique (hash indexes cannot be), hash codes in byte order. */
    private static IndexDescriptor codes(IndexDescriptor index) {
        return new IndexDescriptor(index.name(), index.index(), index.heap(), false,
                org.tusk.api.storage.IndexKeyComparator.UNSIGNED_BYTES);
    }

    @Override
    public long build(IndexDescriptor index, IndexBuildScan heapScan) {
        return ordered.build(codes(index), sink -> heapScan.scan((key, tid) -> {
            byte[] code = hashKey(key);
            if (code != null) {
                sink.accept(code, tid);
            }
        }));
    }

    @Override
    public void buildEmpty(IndexDescriptor index) {
        ordered.buildEmpty(codes(index));
    }

    @Override
    public void dropStorage(RelFileLocator index) {
        ordered.dropStorage(index);
    }

    @Override
    public void insert(IndexDescriptor index, byte[] key, TupleId heapTid, UniqueCheck uniqueCheck,
            TransactionContext txn) {
        byte[] code = hashKey(key);
        if (code != null) {
            ordered.insert(codes(index), code, heapTid, null, txn);
        }
    }

    /**
     * An equality scan (bounds that are one key, both inclusive) reads the entries of that key's hash code;
     * anything else (not planned for a hash index) reads every entry. Either way the caller rechecks.
     */
    @Override
    public IndexScan beginScan(IndexDescriptor index, ScanBounds bounds, Snapshot snapshot, TransactionContext txn) {
        ScanBounds codes = ScanBounds.all();
        if (isEquality(bounds)) {
            byte[] code = hashKey(bounds.lower());
            if (code == null) {
                return emptyScan();         // key IS NULL: hash indexes hold no NULLs
            }
            codes = ScanBounds.equal(code);
        }
        return ordered.beginScan(codes(index), codes, snapshot, txn);
    }

    /**
     * Whether {@code bounds} select one key: the same key both sides, or (the executor's form of an
     * equality on the leading columns) from a key up to that key followed by 0xFF, both inclusive.
     */
    static boolean isEquality(ScanBounds bounds) {
        byte[] lower = bounds.lower();
        byte[] upper = bounds.upper();
        if (lower == null || upper == null || !bounds.lowerInclusive() || !bounds.upperInclusive()) {
            return false;
        }
        if (java.util.Arrays.equals(lower, upper)) {
            return true;
        }
        return upper.length == lower.length + 1 && upper[lower.length] == (byte) 0xFF
                && java.util.Arrays.equals(lower, 0, lower.length, upper, 0, lower.length);
    }

    private static IndexScan emptyScan() {
        return new IndexScan() {
            @Override
            public boolean next() {
                return false;
            }

            @Override
            public TupleId heapTid() {
                throw new IllegalStateException("no current entry");
            }

            @Override
            public byte[] key() {
                throw new IllegalStateException("no current entry");
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public IndexVacuumResult bulkDelete(IndexDescriptor index, Predicate<TupleId> isDead) {
        return ordered.bulkDelete(codes(index), isDead);
    }

    @Override
    public RelationSize estimateSize(IndexDescriptor index) {
        return ordered.estimateSize(codes(index));
    }
}
