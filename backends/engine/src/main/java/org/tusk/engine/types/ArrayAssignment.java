package org.tusk.engine.types;

import java.util.Arrays;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * Subscripted assignment (arrayfuncs.c's array_set_element and
 * array_set_slice): the array that results from storing a value at
 * {@code arr[i][j]...} or a source array's elements into {@code arr[a:b]...}.
 * A NULL original array counts as empty. A one-dimensional array grows
 * (the gap filled with NULLs) to take a subscript beyond its bounds; a
 * multi-dimensional one does not.
 */
public final class ArrayAssignment {
    private ArrayAssignment() {}

    /** MaxArraySize: the most elements an array may hold (1 GB of 8-byte datums). */
    public static final int MAX_ARRAY_SIZE = 134217727;

    /**
     * The length of the dimension {@code lower..upper}: 54000 when it exceeds
     * MaxArraySize (PostgreSQL's overflow-checked bound arithmetic and ArrayGetNItems).
     */
    static int checkedSize(int lower, int upper) {
        return checkedItems((long) upper - lower + 1);
    }

    static int checkedItems(long items) {
        if (items > MAX_ARRAY_SIZE) {
            throw Ereport.error(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "array size exceeds the maximum allowed (" + MAX_ARRAY_SIZE + ")");
        }
        return (int) items;
    }

    /** array_set_element: {@code base} (null = empty) with the element at {@code idx} set to {@code value}. */
    public static ArrayValue setElement(ArrayValue base, PgType elementType, int[] idx, Object value) {
        int n = idx.length;
        if (base == null || base.ndims() == 0) {
            int[] lens = new int[n];
            Arrays.fill(lens, 1);
            return ArrayValue.checkBounds(new ArrayValue(elementType, lens, idx.clone(), new Object[] {value}));
        }
        int nd = base.ndims();
        if (nd != n) {
            throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        }
        if (nd == 1) {
            int lb = base.lowerBound(0);
            int ub = lb + base.length(0) - 1;
            int newLb = Math.min(lb, idx[0]);
            int newUb = Math.max(ub, idx[0]);
            Object[] out = new Object[checkedSize(newLb, newUb)];
            for (int i = 0; i < base.size(); i++) {
                out[lb - newLb + i] = base.element(i);
            }
            out[idx[0] - newLb] = value;
            return ArrayValue.checkBounds(new ArrayValue(elementType, new int[] {out.length}, new int[] {newLb}, out));
        }
        int flat = 0;
        for (int d = 0; d < nd; d++) {
            int off = idx[d] - base.lowerBound(d);
            if (off < 0 || off >= base.length(d)) {
                throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "array subscript out of range");
            }
            flat = flat * base.length(d) + off;
        }
        Object[] out = base.elements();
        out[flat] = value;
        return new ArrayValue(elementType, base.lengths(), base.lowerBounds(), out);
    }

    /**
     * array_set_slice: {@code base} (null = empty) with the slice {@code lower:upper}
     * (a null bound = omitted, meaning the array's own) filled from {@code source}'s
     * elements in row-major order.
     */
    public static ArrayValue setSlice(ArrayValue base, PgType elementType, Integer[] lower, Integer[] upper,
            ArrayValue source) {
        int n = upper.length;
        Object[] src = source == null ? new Object[0] : source.elements();
        if (base == null || base.ndims() == 0) {
            int[] lens = new int[n];
            int[] lbs = new int[n];
            int items = 1;
            for (int d = 0; d < n; d++) {
                if (lower[d] == null || upper[d] == null) {
                    throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR,
                            "array slice subscript must provide both boundaries")
                            .withDetail("When assigning to a slice of an empty array value, slice boundaries must be fully specified.");
                }
                if (upper[d] < lower[d]) {
                    throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound");
                }
                lbs[d] = lower[d];
                lens[d] = checkedSize(lower[d], upper[d]);
                items = checkedItems((long) items * lens[d]);
            }
            if (src.length < items) {
                throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "source array too small");
            }
            return ArrayValue.checkBounds(new ArrayValue(elementType, lens, lbs, Arrays.copyOf(src, items)));
        }
        int nd = base.ndims();
        if (nd < n) {
            throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        }
        int[] lo = new int[nd];
        int[] hi = new int[nd];
        for (int d = 0; d < nd; d++) {
            int lb = base.lowerBound(d);
            int ub = lb + base.length(d) - 1;
            lo[d] = d < n && lower[d] != null ? lower[d] : lb;
            hi[d] = d < n && upper[d] != null ? upper[d] : ub;
            if (hi[d] < lo[d]) {
                throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound");
            }
        }
        if (nd == 1) {
            int lb = base.lowerBound(0);
            int ub = lb + base.length(0) - 1;
            int items = checkedSize(lo[0], hi[0]);
            if (src.length < items) {
                throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "source array too small");
            }
            int newLb = Math.min(lb, lo[0]);
            int newUb = Math.max(ub, hi[0]);
            Object[] out = new Object[checkedSize(newLb, newUb)];
            for (int i = 0; i < base.size(); i++) {
                out[lb - newLb + i] = base.element(i);
            }
            System.arraycopy(src, 0, out, lo[0] - newLb, items);
            return ArrayValue.checkBounds(new ArrayValue(elementType, new int[] {out.length}, new int[] {newLb}, out));
        }
        int items = 1;
        for (int d = 0; d < nd; d++) {
            int lb = base.lowerBound(d);
            if (lo[d] < lb || hi[d] >= lb + base.length(d)) {
                throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "array subscript out of range");
            }
            items = checkedItems((long) items * checkedSize(lo[d], hi[d]));
        }
        if (src.length < items) {
            throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "source array too small");
        }
        Object[] out = base.elements();
        int[] pos = new int[nd];
        for (int k = 0; k < items; k++) {
            int flat = 0;
            for (int d = 0; d < nd; d++) {
                flat = flat * base.length(d) + (lo[d] - base.lowerBound(d)) + pos[d];
            }
            out[flat] = src[k];
            for (int d = nd - 1; d >= 0; d--) {
                if (++pos[d] <= hi[d] - lo[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        return new ArrayValue(elementType, base.lengths(), base.lowerBounds(), out);
    }
}
