package org.tusk.engine.types;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.error.Ereport;

/**
 * Array construction and subscripting (arrayfuncs.c's array_get_element,
 * array_get_slice and ExecEvalArrayExpr's multi-dimensional case), over
 * {@link ArrayValue}.
 */
public final class ArraySubscripts {
    private ArraySubscripts() {}

    /**
     * arr[i][j]...: the element, or null when a subscript is null, out of
     * range, or the count differs from the array's dimensions.
     */
    public static Object element(ArrayValue a, Integer[] idx) {
        checkCount(idx.length);
        if (a.ndims() != idx.length) {
            return null;
        }
        int flat = 0;
        for (int d = 0; d < idx.length; d++) {
            if (idx[d] == null) {
                return null;
            }
            int i = idx[d] - a.lowerBound(d);
            if (i < 0 || i >= a.length(d)) {
                return null;
            }
            flat = flat * a.length(d) + i;
        }
        return a.element(flat);
    }

    private static void checkCount(int n) {
        if (n > ArrayValue.MAX_DIMENSIONS) {
            throw Ereport.error(org.tusk.api.error.SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (" + n
                    + ") exceeds the maximum allowed (" + ArrayValue.MAX_DIMENSIONS + ")");
        }
    }

    /**
     * arr[lo:hi]...: the slice with lower bounds 1; a null bound of a given
     * subscript makes the result null (caller), an omitted one (lowerGiven /
     * upperGiven false) means the array's own bound. Dimensions beyond the
     * subscripts are taken whole; an empty or out-of-range slice is '{}'.
     */
    public static ArrayValue slice(ArrayValue a, Integer[] lower, Integer[] upper) {
        int n = upper.length;
        checkCount(n);
        if (a.ndims() < n || a.ndims() == 0) {
            return ArrayValue.empty(a.elementType());
        }
        int nd = a.ndims();
        int[] from = new int[nd];
        int[] len = new int[nd];
        for (int d = 0; d < nd; d++) {
            int lb = a.lowerBound(d);
            int ub = lb + a.length(d) - 1;
            long lo = d < n && lower[d] != null ? lower[d] : lb;
            long hi = d < n && upper[d] != null ? upper[d] : ub;
            lo = Math.max(lo, lb);
            hi = Math.min(hi, ub);
            if (lo > hi) {
                return ArrayValue.empty(a.elementType());
            }
            from[d] = (int) (lo - lb);
            len[d] = (int) (hi - lo + 1);
        }
        int total = 1;
        for (int l : len) {
            total *= l;
        }
        Object[] out = new Object[total];
        int[] pos = new int[nd];
        for (int k = 0; k < total; k++) {
            int flat = 0;
            for (int d = 0; d < nd; d++) {
                flat = flat * a.length(d) + from[d] + pos[d];
            }
            out[k] = a.element(flat);
            for (int d = nd - 1; d >= 0; d--) {
                if (++pos[d] < len[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        int[] lbs = new int[nd];
        java.util.Arrays.fill(lbs, 1);
        return new ArrayValue(a.elementType(), len, lbs, out);
    }

    /**
     * ARRAY[sub, sub...] of arrays: one more dimension in front; null and empty
     * sub-arrays are skipped, the others must have equal dimensions (2202E).
     */
    public static ArrayValue stack(PgType elementType, List<ArrayValue> subs) {
        List<ArrayValue> present = new ArrayList<>();
        boolean haveEmpty = false;
        for (ArrayValue s : subs) {
            if (s == null || s.ndims() == 0) {
                haveEmpty = true;
                continue;
            }
            present.add(s);
        }
        if (present.isEmpty()) {
            return ArrayValue.empty(elementType);
        }
        ArrayValue first = present.get(0);
        if (haveEmpty || first.ndims() + 1 > ArrayValue.MAX_DIMENSIONS) {
            if (!haveEmpty) {
                throw Ereport.error(org.tusk.api.error.SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions ("
                        + (first.ndims() + 1) + ") exceeds the maximum allowed (" + ArrayValue.MAX_DIMENSIONS + ")");
            }
            throw mismatch();
        }
        for (ArrayValue s : present) {
            if (!java.util.Arrays.equals(s.lengths(), first.lengths())
                    || !java.util.Arrays.equals(s.lowerBounds(), first.lowerBounds())) {
                throw mismatch();
            }
        }
        int nd = first.ndims() + 1;
        int[] lens = new int[nd];
        int[] lbs = new int[nd];
        lens[0] = present.size();
        lbs[0] = 1;
        for (int d = 1; d < nd; d++) {
            lens[d] = first.length(d - 1);
            lbs[d] = first.lowerBound(d - 1);
        }
        Object[] out = new Object[present.size() * first.size()];
        int k = 0;
        for (ArrayValue s : present) {
            for (int i = 0; i < s.size(); i++) {
                out[k++] = s.element(i);
            }
        }
        return new ArrayValue(elementType, lens, lbs, out);
    }

    private static org.tusk.api.error.PgException mismatch() {
        return Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR,
                "multidimensional arrays must have array expressions with matching dimensions");
    }
}
