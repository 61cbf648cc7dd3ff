package org.tusk.engine.executor.scan;

import java.util.List;

import org.tusk.engine.access.TupleFormat;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;

/**
 * The catalog's {@link TupleFormat} seen through a relation's live columns:
 * the executor's rows have one slot per column a query sees, stored rows one
 * per attribute including dropped ones (stored as NULL).
 */
public final class RelationTupleCodec implements TupleCodec {

    private final int natts;
    private final int[] storedSlot;

    public RelationTupleCodec(RelationDesc relation) {
        List<AttributeDesc> live = relation.liveAttributes();
        this.natts = relation.natts();
        this.storedSlot = new int[live.size()];
        for (int i = 0; i < storedSlot.length; i++) {
            storedSlot[i] = live.get(i).attnum() - 1;
        }
    }

    @Override
    public byte[] form(Object[] values) {
        if (storedSlot.length == natts) {
            return TupleFormat.form(values.length == natts ? values : java.util.Arrays.copyOf(values, natts));
        }
        Object[] stored = new Object[natts];
        for (int i = 0; i < storedSlot.length; i++) {
            stored[storedSlot[i]] = values[i];
        }
        return TupleFormat.form(stored);
    }

    @Override
    public Object[] deform(byte[] data) {
        Object[] stored = TupleFormat.deform(data, natts);
        if (storedSlot.length == natts) {
            return stored;
        }
        Object[] row = new Object[storedSlot.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = stored[storedSlot[i]];
        }
        return row;
    }
}
