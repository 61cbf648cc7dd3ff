package org.tusk.engine.executor.scan;

import java.util.List;
import java.util.Set;

import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.Snapshot;
import org.tusk.engine.access.Toast;
import org.tusk.engine.access.ToastPointer;
import org.tusk.engine.access.ToastRelation;
import org.tusk.engine.access.TupleFormat;
import org.tusk.engine.catalog.CatalogValues;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.IndexDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;

/**
 * The catalog's {@link TupleFormat} seen through a relation's live columns:
 * the executor's rows have one slot per column a query sees, stored rows one
 * per attribute including dropped ones (stored as NULL).
 *
 * <p>With a session, rows are toasted ({@link Toast}) when formed and
 * detoasted when deformed, through the relation's TOAST table if it has one.
 * The last values detoasted are remembered with their pointers, so an UPDATE
 * that passes a value through unchanged keeps pointing at the same chunks
 * instead of writing them again (heap_toast_insert_or_update's reuse of the
 * old tuple's external values).
 */
public final class RelationTupleCodec implements TupleCodec {

    private static final int REMEMBERED = 16;

    private final RelationDesc relation;
    private final StorageSession session;
    private final int natts;
    private final int[] storedSlot;
    /** Each live column's type, to turn catalog-written element lists into SQL arrays. */
    private final int[] typeOid;
    /** attstorage per stored attribute. */
    private final char[] storage;
    private ToastRelation toast;
    /** The toast_tuple_target reloption, or TOAST_TUPLE_TARGET. */
    private final int tupleTarget;
    private final ToastPointer[] rememberedPointer = new ToastPointer[REMEMBERED];
    private final Object[] rememberedValue = new Object[REMEMBERED];
    private int rememberNext;

    public RelationTupleCodec(RelationDesc relation) {
        this(relation, null);
    }

    public RelationTupleCodec(RelationDesc relation, StorageSession session) {
        this.relation = relation;
        this.session = session;
        List<AttributeDesc> live = relation.liveAttributes();
        this.natts = relation.natts();
        this.storedSlot = new int[live.size()];
        this.typeOid = new int[live.size()];
        for (int i = 0; i < storedSlot.length; i++) {
            storedSlot[i] = live.get(i).attnum() - 1;
            typeOid[i] = live.get(i).typeOid();
        }
        int target = Toast.TUPLE_TARGET;
        for (String o : relation.options()) {
            if (o.startsWith("toast_tuple_target=")) {
                target = Integer.parseInt(o.substring("toast_tuple_target=".length()).trim());
            }
        }
        this.tupleTarget = target;
        this.storage = new char[natts];
        for (AttributeDesc a : relation.attributes()) {
            if (a.attnum() >= 1 && a.attnum() <= natts) {
                storage[a.attnum() - 1] = a.dropped() ? 'p' : a.storage();
            }
        }
    }

    @Override
    public byte[] form(Object[] values) {
        return formStored(stored(values));
    }

    @Override
    public boolean hasToast() {
        return session != null && relation.toastRelid() != 0;
    }

    @Override
    public byte[] formUpdate(Object[] values, byte[] oldData) {
        Object[] stored = stored(values).clone();       // pointers go in, the caller's row stays as it is
        if (oldData != null && hasToast()) {
            Object[] old = TupleFormat.deformRaw(oldData, natts);
            for (int i = 0; i < natts; i++) {
                if (old[i] instanceof ToastPointer p && stored[i] != null && stored[i] == remembered(p)) {
                    stored[i] = p;
                }
            }
        }
        return formStored(stored);
    }

    @Override
    public void toastDelete(byte[] row, byte[] keep, Snapshot snapshot) {
        if (!hasToast() || row == null) {
            return;
        }
        Set<ToastPointer> gone = ToastRelation.pointers(row);
        gone.removeAll(ToastRelation.pointers(keep));
        for (ToastPointer p : gone) {
            toast().delete(p, snapshot);
        }
    }

    private Object[] stored(Object[] values) {
        if (storedSlot.length == natts) {
            return values.length == natts ? values : java.util.Arrays.copyOf(values, natts);
        }
        Object[] stored = new Object[natts];
        for (int i = 0; i < storedSlot.length; i++) {
            stored[storedSlot[i]] = values[i];
        }
        return stored;
    }

    private byte[] formStored(Object[] stored) {
        if (session == null) {
            return TupleFormat.form(stored);
        }
        return Toast.form(stored, storage, hasToast() ? toast() : null, tupleTarget);
    }

    @Override
    public Object[] deform(byte[] data) {
        return deform(data, session == null || !hasToast() ? null : session.snapshot());
    }

    @Override
    public Object[] deform(byte[] data, Snapshot snapshot) {
        Object[] stored;
        if (hasToast() && snapshot != null) {
            stored = TupleFormat.deformRaw(data, natts);
            for (int i = 0; i < natts; i++) {
                if (stored[i] instanceof ToastPointer p) {
                    Object value = TupleFormat.detoast(p, ptr -> toast().fetch(ptr, snapshot));
                    remember(p, value);
                    stored[i] = value;
                } else {
                    stored[i] = TupleFormat.expand(stored[i]);
                }
            }
        } else {
            stored = TupleFormat.deform(data, natts);
        }
        Object[] row = storedSlot.length == natts ? stored : new Object[storedSlot.length];
        for (int i = 0; i < row.length; i++) {
            Object v = stored[storedSlot[i]];
            // rows written by catalog code hold arrays as bare element lists
            row[i] = v instanceof Object[] ? CatalogValues.toSqlValue(typeOid[i], v) : v;
        }
        return row;
    }

    @Override
    public int columnCount() {
        return storedSlot.length;
    }

    /**
     * Deforms the stored attributes up to the one behind live column {@code columns - 1} only (heap
     * attributes are read in order, so no later one is touched). A relation with a TOAST table is
     * deformed whole, as {@link #deform(byte[], Snapshot)} does it.
     */
    @Override
    public Object[] deformLeading(byte[] data, Snapshot snapshot, int columns) {
        if (hasToast() && snapshot != null || columns >= storedSlot.length) {
            return deform(data, snapshot);
        }
        Object[] stored = TupleFormat.deform(data, storedSlot[columns - 1] + 1);
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
            Object v = stored[storedSlot[i]];
            row[i] = v instanceof Object[] ? CatalogValues.toSqlValue(typeOid[i], v) : v;
        }
        return row;
    }

    private void remember(ToastPointer p, Object value) {
        rememberedPointer[rememberNext] = p;
        rememberedValue[rememberNext] = value;
        rememberNext = (rememberNext + 1) % REMEMBERED;
    }

    private Object remembered(ToastPointer p) {
        for (int i = 0; i < REMEMBERED; i++) {
            if (p.equals(rememberedPointer[i])) {
                return rememberedValue[i];
            }
        }
        return null;
    }

    /** The relation's TOAST table, opened on first use (it shares the main relation's lock, as in PostgreSQL). */
    private ToastRelation toast() {
        if (toast == null) {
            toast = openToast(relation, session);
        }
        return toast;
    }

    /** A session's access to {@code relation}'s TOAST table (which must exist). */
    public static ToastRelation openToast(RelationDesc relation, StorageSession session) {
        RelationDesc t = session.relcache().byOid(relation.toastRelid());
        if (t == null || t.indexes().isEmpty()) {
            throw new IllegalStateException("TOAST table " + relation.toastRelid() + " of \"" + relation.name()
                    + "\" is missing");
        }
        IndexDesc index = t.indexes().get(0);
        var engine = session.storage().storage();
        return new ToastRelation(t.oid(), t.name(), engine.tableAm(t.amName() == null ? "heap" : t.amName()),
                t.locator(), engine.indexAm(index.amName()),
                new IndexDescriptor(index.name(), index.locator(), t.locator(), true, IndexKeyEncoding.comparator()),
                engine::newOid, session::transactionContext);
    }
}
