package org.tusk.engine.executor.scan;

import java.util.List;

import org.tusk.engine.access.TupleFormat;
import org.tusk.engine.catalog.CatalogValues;
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
    /** Each live column's type, to turn catalog-written element lists into SQL arrays. */
    private final int[] typeOid;

    public RelationTupleCodec(RelationDesc relation) {
        List<AttributeDesc> live = relation.liveAttributes();
        this.natts = relation.natts();
        this.storedSlot = new int[live.size()];
        this.typeOid = new int[live.size()];
        for (int i = 0; i < storedSlot.length; i++) {
            storedSlot[i] = live.get(i).attnum() - 1;
            typeOid[i] = live.get(i).typeOid();
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
        Object[] row = storedSlot.length == natts ? stored : new Object[storedSlot.length];
        for (int i = 0; i < row.length; i++) {
            Object v = stored[storedSlot[i]];
            // rows written by catalog code hold arrays as bare element lists
            row[i] = v instanceof Object[] ? CatalogValues.toSqlValue(typeOid[i], v) : v;
        }
        return row;
    }
}
