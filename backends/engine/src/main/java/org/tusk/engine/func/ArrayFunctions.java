package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;

/**
 * arrayfuncs.c / array_userfuncs.c over {@link ArrayValue}: comparison,
 * containment, concatenation, dimension information, searching, and the
 * array/string conversions. Non-strict polymorphic functions that build an
 * array from a NULL input produce element type UNKNOWN; the analyzer relabels
 * the result to the resolved type ({@link #relabelResult}).
 */
public final class ArrayFunctions {
    private ArrayFunctions() {}

    static void register() {
        FunctionRegistry.bind("array_eq", (a, c) -> compare(a[0], a[1], c) == 0);
        FunctionRegistry.bind("array_ne", (a, c) -> compare(a[0], a[1], c) != 0);
        FunctionRegistry.bind("array_lt", (a, c) -> compare(a[0], a[1], c) < 0);
        FunctionRegistry.bind("array_gt", (a, c) -> compare(a[0], a[1], c) > 0);
        FunctionRegistry.bind("array_le", (a, c) -> compare(a[0], a[1], c) <= 0);
        FunctionRegistry.bind("array_ge", (a, c) -> compare(a[0], a[1], c) >= 0);
        FunctionRegistry.bind("btarraycmp", (a, c) -> Integer.signum(compare(a[0], a[1], c)));
        FunctionRegistry.bind("array_larger", (a, c) -> compare(a[0], a[1], c) >= 0 ? a[0] : a[1]);
        FunctionRegistry.bind("array_smaller", (a, c) -> compare(a[0], a[1], c) <= 0 ? a[0] : a[1]);
        FunctionRegistry.bind("arraycontains", (a, c) -> contains((ArrayValue) a[0], (ArrayValue) a[1], false, c));
        FunctionRegistry.bind("arraycontained", (a, c) -> contains((ArrayValue) a[1], (ArrayValue) a[0], false, c));
        FunctionRegistry.bind("arrayoverlap", (a, c) -> contains((ArrayValue) a[0], (ArrayValue) a[1], true, c));
        FunctionRegistry.bind("array_append", (a, c) -> append((ArrayValue) a[0], a[1]));
        FunctionRegistry.bind("array_prepend", (a, c) -> prepend(a[0], (ArrayValue) a[1]));
        FunctionRegistry.bind("array_cat", (a, c) -> cat((ArrayValue) a[0], (ArrayValue) a[1]));
        FunctionRegistry.bind("array_ndims", (a, c) -> ((ArrayValue) a[0]).ndims() == 0 ? null : ((ArrayValue) a[0]).ndims());
        FunctionRegistry.bind("array_dims", (a, c) -> dims((ArrayValue) a[0]));
        FunctionRegistry.bind("array_length", (a, c) -> dimInfo((ArrayValue) a[0], (Integer) a[1], 0));
        FunctionRegistry.bind("array_lower", (a, c) -> dimInfo((ArrayValue) a[0], (Integer) a[1], 1));
        FunctionRegistry.bind("array_upper", (a, c) -> dimInfo((ArrayValue) a[0], (Integer) a[1], 2));
        FunctionRegistry.bind("array_cardinality", (a, c) -> ((ArrayValue) a[0]).size());
        FunctionRegistry.bind("array_position", (a, c) -> position((ArrayValue) a[0], a[1], null, c));
        FunctionRegistry.bind("array_position_start", (a, c) -> a[2] == null ? null
                : position((ArrayValue) a[0], a[1], (Integer) a[2], c));
        FunctionRegistry.bind("array_positions", (a, c) -> positions((ArrayValue) a[0], a[1], c));
        FunctionRegistry.bind("array_remove", (a, c) -> replace((ArrayValue) a[0], a[1], null, true, c));
        FunctionRegistry.bind("array_replace", (a, c) -> replace((ArrayValue) a[0], a[1], a[2], false, c));
        FunctionRegistry.bind("array_to_text", (a, c) -> toText((ArrayValue) a[0], (String) a[1], null, c));
        FunctionRegistry.bind("array_to_text_null", (a, c) -> a[0] == null || a[1] == null ? null
                : toText((ArrayValue) a[0], (String) a[1], (String) a[2], c));
        FunctionRegistry.bind("trim_array", (a, c) -> trim((ArrayValue) a[0], (Integer) a[1]));
        FunctionRegistry.bind("array_fill", (a, c) -> fill(a[0], (ArrayValue) a[1], null, false));
        FunctionRegistry.bind("array_fill_with_lower_bounds", (a, c) -> fill(a[0], (ArrayValue) a[1], (ArrayValue) a[2], true));
        FunctionRegistry.bind("width_bucket_array", (a, c) -> widthBucket(a[0], (ArrayValue) a[1], c));
        FunctionRegistry.bind("text_to_array", (a, c) -> a[0] == null ? null : fromText((String) a[0], (String) a[1], null));
        FunctionRegistry.bind("text_to_array_null", (a, c) -> a[0] == null ? null
                : fromText((String) a[0], (String) a[1], (String) a[2]));
    }

    /** trim_array(arr, n): the first dimension without its last n elements (a slice, so lower bounds become 1). */
    private static ArrayValue trim(ArrayValue a, int n) {
        int length = a.ndims() > 0 ? a.length(0) : 0;
        if (n < 0 || n > length) {
            throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "number of elements to trim must be between 0 and " + length);
        }
        if (a.ndims() == 0) {
            return a;
        }
        return org.tusk.engine.types.ArraySubscripts.slice(a, new Integer[] {null},
                new Integer[] {a.lowerBound(0) + length - n - 1});
    }

    /** array_fill(value, dims [, lower bounds]): not strict, so the NULL checks are its own. */
    private static ArrayValue fill(Object value, ArrayValue dims, ArrayValue lbs, boolean withLbs) {
        if (dims == null || (withLbs && lbs == null)) {
            throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "dimension array or low bound array cannot be null");
        }
        if (dims.ndims() > 1 || (lbs != null && lbs.ndims() > 1)) {
            throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts")
                    .withDetail("Dimension array must be one dimensional.");
        }
        if (lbs != null && lbs.size() != dims.size()) {
            throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts")
                    .withDetail("Low bound array has different size than dimensions array.");
        }
        int n = dims.size();
        if (n > ArrayValue.MAX_DIMENSIONS) {
            throw Ereport.error("54000", "number of array dimensions (" + n + ") exceeds the maximum allowed ("
                    + ArrayValue.MAX_DIMENSIONS + ")");
        }
        int[] lengths = new int[n];
        int[] lower = new int[n];
        long total = n == 0 ? 0 : 1;
        for (int i = 0; i < n; i++) {
            Object d = dims.element(i);
            Object l = lbs == null ? Integer.valueOf(1) : lbs.element(i);
            if (d == null || l == null) {
                throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "dimension values cannot be null");
            }
            lengths[i] = (Integer) d;
            lower[i] = (Integer) l;
            if (lengths[i] < 0) {
                throw Ereport.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (134217727)");
            }
            total *= lengths[i];
            if (total > 134217727L) {
                throw Ereport.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (134217727)");
            }
        }
        if (total == 0) {
            return ArrayValue.empty(PgType.UNKNOWN);
        }
        Object[] e = new Object[(int) total];
        java.util.Arrays.fill(e, value);
        return new ArrayValue(PgType.UNKNOWN, lengths, lower, e);
    }

    /** width_bucket(operand, thresholds): the number of thresholds <= operand, by binary search. */
    private static int widthBucket(Object operand, ArrayValue t, EvalContext c) {
        if (t.ndims() > 1) {
            throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "thresholds must be one-dimensional array");
        }
        if (t.hasNulls()) {
            throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "thresholds array must not contain NULLs");
        }
        PgType et = t.elementType();
        int lo = 0;
        int hi = t.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ValueComparator.compare(et, operand, et, t.element(mid), c) < 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The result of a body whose array may carry element type UNKNOWN, labelled with {@code elementType}. */
    public static Object relabelResult(Object result, PgType elementType) {
        if (result instanceof ArrayValue a && a.elementType() != elementType && elementType != null) {
            return a.withElements(elementType, a.elements());
        }
        return result;
    }

    /**
     * array_cmp: element by element with the element type's ordering (NULL
     * above every value), then the element count, then dimensions and lower bounds.
     */
    public static int compare(Object x, Object y, EvalContext c) {
        ArrayValue a = (ArrayValue) x;
        ArrayValue b = (ArrayValue) y;
        PgType et = a.elementType();
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int r = compareElements(et, a.element(i), b.element(i), c);
            if (r != 0) {
                return r;
            }
        }
        if (a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        if (a.ndims() != b.ndims()) {
            return Integer.compare(a.ndims(), b.ndims());
        }
        for (int d = 0; d < a.ndims(); d++) {
            if (a.length(d) != b.length(d)) {
                return Integer.compare(a.length(d), b.length(d));
            }
            if (a.lowerBound(d) != b.lowerBound(d)) {
                return Integer.compare(a.lowerBound(d), b.lowerBound(d));
            }
        }
        return 0;
    }

    private static int compareElements(PgType et, Object x, Object y, EvalContext c) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
        }
        return ValueComparator.compare(et, x, et, y, c);
    }

    private static boolean equal(PgType et, Object x, Object y, EvalContext c) {
        return x != null && y != null && ValueComparator.compare(et, x, et, y, c) == 0;
    }

    /** @> (every element of b is in a; NULLs never match) or && (some element in common). */
    private static boolean contains(ArrayValue a, ArrayValue b, boolean overlap, EvalContext c) {
        PgType et = a.elementType();
        for (int i = 0; i < b.size(); i++) {
            Object y = b.element(i);
            boolean found = false;
            for (int j = 0; j < a.size() && !found; j++) {
                found = equal(et, a.element(j), y, c);
            }
            if (overlap && found) {
                return true;
            }
            if (!overlap && !found) {
                return false;
            }
        }
        return !overlap;
    }

    private static ArrayValue append(ArrayValue a, Object v) {
        if (a == null || a.ndims() == 0) {
            return ArrayValue.of(a == null ? PgType.UNKNOWN : a.elementType(), v);
        }
        if (a.ndims() != 1) {
            throw Ereport.error(SqlState.DATA_EXCEPTION, "argument must be empty or one-dimensional array");
        }
        Object[] e = Arrays.copyOf(a.elements(), a.size() + 1);
        e[a.size()] = v;
        checkUpper(a.lowerBound(0), e.length);
        return new ArrayValue(a.elementType(), new int[] {e.length}, new int[] {a.lowerBound(0)}, e);
    }

    private static void checkUpper(long lb, long len) {
        if (lb + len - 1 > Integer.MAX_VALUE) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        }
    }

    private static ArrayValue prepend(Object v, ArrayValue a) {
        if (a == null || a.ndims() == 0) {
            return ArrayValue.of(a == null ? PgType.UNKNOWN : a.elementType(), v);
        }
        if (a.ndims() != 1) {
            throw Ereport.error(SqlState.DATA_EXCEPTION, "argument must be empty or one-dimensional array");
        }
        Object[] e = new Object[a.size() + 1];
        e[0] = v;
        System.arraycopy(a.elements(), 0, e, 1, a.size());
        if (a.lowerBound(0) == Integer.MIN_VALUE) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        }
        // PostgreSQL 15 keeps the array's lower bound: 6 || '[5:5]={42}' is [5:6]={6,42}
        return new ArrayValue(a.elementType(), new int[] {e.length}, new int[] {a.lowerBound(0)}, e);
    }

    /** array_cat: equal dimensions append along the first; N and N-1 dimensions add one slice. */
    private static ArrayValue cat(ArrayValue a, ArrayValue b) {
        if (a == null && b == null) {
            return null;
        }
        if (a == null || a.ndims() == 0) {
            return b == null ? a : b;
        }
        if (b == null || b.ndims() == 0) {
            return a;
        }
        int na = a.ndims();
        int nb = b.ndims();
        if (na != nb && na != nb - 1 && na != nb + 1) {
            throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays");
        }
        Object[] e = new Object[a.size() + b.size()];
        System.arraycopy(a.elements(), 0, e, 0, a.size());
        System.arraycopy(b.elements(), 0, e, a.size(), b.size());
        int[] lens;
        int[] lbs;
        if (na == nb) {
            for (int d = 1; d < na; d++) {
                if (a.length(d) != b.length(d) || a.lowerBound(d) != b.lowerBound(d)) {
                    throw incompatible("Arrays with differing element dimensions are not compatible for concatenation.");
                }
            }
            lens = a.lengths();
            lbs = a.lowerBounds();
            lens[0] += b.length(0);
        } else if (na == nb - 1) {
            for (int d = 0; d < na; d++) {
                if (a.length(d) != b.length(d + 1) || a.lowerBound(d) != b.lowerBound(d + 1)) {
                    throw incompatible("Arrays with differing dimensions are not compatible for concatenation.");
                }
            }
            lens = b.lengths();
            lbs = b.lowerBounds();
            lens[0] += 1;
        } else {
            for (int d = 0; d < nb; d++) {
                if (b.length(d) != a.length(d + 1) || b.lowerBound(d) != a.lowerBound(d + 1)) {
                    throw incompatible("Arrays with differing dimensions are not compatible for concatenation.");
                }
            }
            lens = a.lengths();
            lbs = a.lowerBounds();
            lens[0] += 1;
        }
        return new ArrayValue(a.elementType(), lens, lbs, e);
    }

    private static org.tusk.api.error.PgException incompatible(String detail) {
        return new org.tusk.api.error.PgException(org.tusk.api.error.Severity.ERROR, ArrayValue.ARRAY_SUBSCRIPT_ERROR,
                "cannot concatenate incompatible arrays", detail, null, -1, null);
    }

    private static String dims(ArrayValue a) {
        if (a.ndims() == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < a.ndims(); d++) {
            sb.append('[').append(a.lowerBound(d)).append(':').append(a.lowerBound(d) + a.length(d) - 1).append(']');
        }
        return sb.toString();
    }

    /** array_length (what 0), array_lower (1), array_upper (2) of 1-based dimension {@code dim}; NULL if absent. */
    private static Integer dimInfo(ArrayValue a, int dim, int what) {
        if (dim < 1 || dim > a.ndims()) {
            return null;
        }
        int d = dim - 1;
        switch (what) {
            case 0: return a.length(d);
            case 1: return a.lowerBound(d);
            default: return a.lowerBound(d) + a.length(d) - 1;
        }
    }

    private static void oneDimensional(ArrayValue a) {
        if (a.ndims() > 1) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "searching for elements in multidimensional arrays is not supported");
        }
    }

    /** array_position: the subscript of the first element IS NOT DISTINCT FROM v (from {@code start}), or NULL. */
    private static Integer position(ArrayValue a, Object v, Integer start, EvalContext c) {
        if (a == null) {
            return null;
        }
        oneDimensional(a);
        if (a.ndims() == 0) {
            return null;
        }
        int lb = a.lowerBound(0);
        int from = start == null ? 0 : Math.max(0, start - lb);
        for (int i = from; i < a.size(); i++) {
            Object e = a.element(i);
            if (e == null ? v == null : equal(a.elementType(), e, v, c)) {
                return lb + i;
            }
        }
        return null;
    }

    private static ArrayValue positions(ArrayValue a, Object v, EvalContext c) {
        if (a == null) {
            return null;
        }
        oneDimensional(a);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Object e = a.element(i);
            if (e == null ? v == null : equal(a.elementType(), e, v, c)) {
                out.add(a.lowerBound(0) + i);
            }
        }
        return ArrayValue.of(PgType.INT4, out.toArray());
    }

    /** array_remove (drop elements not distinct from v) and array_replace. */
    private static ArrayValue replace(ArrayValue a, Object v, Object with, boolean remove, EvalContext c) {
        if (a == null) {
            return null;
        }
        if (remove && a.ndims() > 1) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "removing elements from multidimensional arrays is not supported");
        }
        List<Object> out = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < a.size(); i++) {
            Object e = a.element(i);
            boolean match = e == null ? v == null : equal(a.elementType(), e, v, c);
            if (match) {
                changed = true;
                if (!remove) {
                    out.add(with);
                }
            } else {
                out.add(e);
            }
        }
        if (!changed) {
            return a;
        }
        if (!remove) {
            return a.withElements(a.elementType(), out.toArray());
        }
        if (out.isEmpty()) {
            return ArrayValue.empty(a.elementType());
        }
        return new ArrayValue(a.elementType(), new int[] {out.size()}, new int[] {a.lowerBound(0)}, out.toArray());
    }

    private static String toText(ArrayValue a, String delim, String nullString, EvalContext c) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < a.size(); i++) {
            Object e = a.element(i);
            if (e == null && nullString == null) {
                continue;
            }
            if (!first) {
                sb.append(delim);
            }
            first = false;
            sb.append(e == null ? nullString : TextFormat.output(a.elementType(), e, CastFunctions.typeContext(c)));
        }
        return sb.toString();
    }

    /** string_to_array: NULL delimiter splits into characters, '' keeps the whole string; fields equal to nullString are NULL. */
    static ArrayValue fromText(String s, String delim, String nullString) {
        if (s.isEmpty()) {
            return ArrayValue.empty(PgType.TEXT);
        }
        List<Object> out = new ArrayList<>();
        if (delim == null) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        } else if (delim.isEmpty()) {
            out.add(s);
        } else {
            int start = 0;
            while (true) {
                int k = s.indexOf(delim, start);
                if (k < 0) {
                    out.add(s.substring(start));
                    break;
                }
                out.add(s.substring(start, k));
                start = k + delim.length();
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (nullString != null && nullString.equals(out.get(i))) {
                out.set(i, null);
            }
        }
        return ArrayValue.of(PgType.TEXT, out.toArray());
    }
}
