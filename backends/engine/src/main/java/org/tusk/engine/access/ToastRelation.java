package org.tusk.engine.access;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.IndexScan;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.ScanBounds;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;
import org.tusk.engine.executor.scan.IndexKeyEncoding;
import org.tusk.engine.types.PgType;

/**
 * toast_internals.c on one TOAST relation ({@code pg_toast.pg_toast_<reloid>}:
 * chunk_id oid, chunk_seq int4, chunk_data bytea, unique btree index on
 * (chunk_id, chunk_seq)): saving a value as chunks, fetching them back
 * through the index, deleting them.
 *
 * <p>A value's chunks are written by the transaction and command that write
 * the row version pointing at them and are never updated, only deleted when
 * that version is deleted (or replaced by an UPDATE that did not keep the
 * value). So reading them with the snapshot that found the row version sees
 * exactly them, and VACUUM removes them only when no snapshot can see that
 * version any more.
 */
public final class ToastRelation implements Toast.Store {

    private static final List<PgType> KEY_TYPES = List.of(PgType.OID, PgType.INT4);
    private static final List<PgType> ID_TYPE = List.of(PgType.OID);

    private final long oid;
    private final String name;
    private final TableAccessMethod heap;
    private final RelFileLocator locator;
    private final IndexAccessMethod btree;
    private final IndexDescriptor index;
    private final IntSupplier newOid;
    private final Supplier<TransactionContext> txn;

    public ToastRelation(long oid, String name, TableAccessMethod heap, RelFileLocator locator,
            IndexAccessMethod btree, IndexDescriptor index, IntSupplier newOid, Supplier<TransactionContext> txn) {
        this.oid = oid;
        this.name = name;
        this.heap = heap;
        this.locator = locator;
        this.btree = btree;
        this.index = index;
        this.newOid = newOid;
        this.txn = txn;
    }

    public long oid() {
        return oid;
    }

    /** toast_save_datum. */
    @Override
    public ToastPointer save(byte[] stored, int rawSize, boolean compressed) {
        TransactionContext t = txn.get();
        long valueId;
        do {
            valueId = newOid.getAsInt() & 0xFFFFFFFFL;      // GetNewOidWithIndex: skip OIDs in use here
        } while (valueId == 0 || hasChunks(valueId, t));
        int seq = 0;
        for (int off = 0; off < stored.length; off += Toast.MAX_CHUNK_SIZE, seq++) {
            int len = Math.min(Toast.MAX_CHUNK_SIZE, stored.length - off);
            byte[] chunk = java.util.Arrays.copyOfRange(stored, off, off + len);
            TupleId tid = heap.insert(locator, TupleFormat.form(new Object[] {valueId, seq, chunk}), t);
            btree.insert(index, IndexKeyEncoding.encode(KEY_TYPES, new Object[] {valueId, seq}), tid, null, t);
        }
        return new ToastPointer(rawSize, stored.length, compressed, valueId, oid);
    }

    /** toast_fetch_datum: the value's stored bytes, reassembled from the chunks {@code snapshot} sees. */
    public byte[] fetch(ToastPointer p, Snapshot snapshot) {
        TransactionContext t = txn.get();
        int total = p.extSize();
        int chunks = (total - 1) / Toast.MAX_CHUNK_SIZE + 1;
        byte[] out = new byte[total];
        int expected = 0;
        for (TupleId tid : chunkTids(p.valueId(), t)) {
            byte[] data = heap.fetch(locator, tid, snapshot, t);
            if (data == null) {
                continue;
            }
            Object[] row = TupleFormat.deform(data, 3);
            int seq = (Integer) row[1];
            byte[] chunk = (byte[]) row[2];
            if (seq != expected) {
                throw corrupted(expected < chunks && seq > expected
                        ? "missing chunk number " + expected + " for toast value " + p.valueId() + " in " + name
                        : "unexpected chunk number " + seq + " (expected " + expected + ") for toast value "
                                + p.valueId() + " in " + name);
            }
            int want = seq < chunks - 1 ? Toast.MAX_CHUNK_SIZE : total - seq * Toast.MAX_CHUNK_SIZE;
            if (seq >= chunks || chunk.length != want) {
                throw corrupted("unexpected chunk size " + chunk.length + " (expected " + want + ") in chunk " + seq
                        + " of " + chunks + " for toast value " + p.valueId() + " in " + name);
            }
            System.arraycopy(chunk, 0, out, seq * Toast.MAX_CHUNK_SIZE, chunk.length);
            expected++;
        }
        if (expected < chunks && total > 0) {
            throw corrupted("missing chunk number " + expected + " for toast value " + p.valueId() + " in " + name);
        }
        return out;
    }

    /** toast_delete_datum: marks the value's chunks deleted by this transaction. */
    public void delete(ToastPointer p, Snapshot snapshot) {
        TransactionContext t = txn.get();
        for (TupleId tid : chunkTids(p.valueId(), t)) {
            heap.delete(locator, tid, t, snapshot, true);
        }
    }

    /** The out-of-line values a stored row points at (none for null). */
    public static Set<ToastPointer> pointers(byte[] row) {
        Set<ToastPointer> out = new HashSet<>();
        if (row != null) {
            for (Object v : TupleFormat.deformRaw(row, TupleFormat.storedAttributes(row))) {
                if (v instanceof ToastPointer p) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private boolean hasChunks(long valueId, TransactionContext t) {
        return !chunkTids(valueId, t).isEmpty();
    }

    private List<TupleId> chunkTids(long valueId, TransactionContext t) {
        byte[] prefix = IndexKeyEncoding.encode(ID_TYPE, new Object[] {valueId});
        List<TupleId> tids = new ArrayList<>();
        Snapshot any = anySnapshot(t);
        try (IndexScan scan = btree.beginScan(index,
                ScanBounds.range(prefix, true, IndexKeyEncoding.prefixUpperBound(prefix), true), any, t)) {
            while (scan.next()) {
                tids.add(scan.heapTid());
            }
        }
        return tids;
    }

    private static Snapshot anySnapshot(TransactionContext t) {
        int cid = t.commandId();
        return new Snapshot() {
            @Override public int xmin() { return 0; }
            @Override public int xmax() { return -1; }
            @Override public boolean isInProgress(int xid) { return false; }
            @Override public int commandId() { return cid; }
        };
    }

    private static PgException corrupted(String message) {
        return PgException.error(SqlState.DATA_CORRUPTED, message);
    }
}
