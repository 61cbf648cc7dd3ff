package org.tusk.engine.types;

import java.util.Arrays;

/**
 * An array value (ArrayType in PostgreSQL): element type, per-dimension length
 * and lower bound, and the elements flat in row-major order. An empty array has
 * zero dimensions. Instances are immutable; do not modify the arrays passed in.
 */
public final class ArrayValue {
    /** MAXDIM */
    public static final int MAX_DIMENSIONS = 6;
    /** SQLSTATE 2202E array_subscript_error (not in the api's SqlState list). */
    public static final String ARRAY_SUBSCRIPT_ERROR = "2202E";

    private final PgType elementType;
    private final int[] lengths;
    private final int[] lowerBounds;
    private final Object[] elements;

    public ArrayValue(PgType elementType, int[] lengths, int[] lowerBounds, Object[] elements) {
        if (lengths.length != lowerBounds.length) {
            throw new IllegalArgumentException("dimension and lower bound counts differ");
        }
        long n = lengths.length == 0 ? 0 : 1;
        for (int l : lengths) {
            n *= l;
        }
        if (n != elements.length) {
            throw new IllegalArgumentException("element count " + elements.length + " does not match dimensions " + n);
        }
        this.elementType = elementType;
        this.lengths = lengths;
        this.lowerBounds = lowerBounds;
        this.elements = elements;
    }

    /** A one-dimensional array with lower bound 1 (empty if there are no elements). */
    public static ArrayValue of(PgType elementType, Object... elements) {
        if (elements.length == 0) {
            return empty(elementType);
        }
        return new ArrayValue(elementType, new int[] {elements.length}, new int[] {1}, elements);
    }

    /**
     * ArrayCheckBounds: every dimension's lower bound plus its length must fit in int4
     * (54000 "array lower bound is too large"); returns the array.
     */
    public static ArrayValue checkBounds(ArrayValue a) {
        for (int d = 0; d < a.lengths.length; d++) {
            if ((long) a.lowerBounds[d] + a.lengths[d] > Integer.MAX_VALUE) {
                throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.PROGRAM_LIMIT_EXCEEDED,
                        "array lower bound is too large: " + a.lowerBounds[d]);
            }
        }
        return a;
    }

    public static ArrayValue empty(PgType elementType) {
        return new ArrayValue(elementType, new int[0], new int[0], new Object[0]);
    }

    public PgType elementType() { return elementType; }
    public int ndims() { return lengths.length; }
    /** Length of dimension {@code dim} (0-based). */
    public int length(int dim) { return lengths[dim]; }
    /** Lower bound of dimension {@code dim} (0-based). */
    public int lowerBound(int dim) { return lowerBounds[dim]; }
    public int[] lengths() { return lengths.clone(); }
    public int[] lowerBounds() { return lowerBounds.clone(); }
    public int size() { return elements.length; }
    public Object element(int flatIndex) { return elements[flatIndex]; }
    /** A copy of the flat element list. */
    public Object[] elements() { return elements.clone(); }
    public boolean isEmpty() { return elements.length == 0; }

    public boolean hasNulls() {
        for (Object e : elements) {
            if (e == null) {
                return true;
            }
        }
        return false;
    }

    /** The same array with another element type's label (e.g. after an element-wise cast). */
    public ArrayValue withElements(PgType newType, Object[] newElements) {
        return new ArrayValue(newType, lengths, lowerBounds, newElements);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ArrayValue a)) {
            return false;
        }
        return a.elementType == elementType && Arrays.equals(a.lengths, lengths)
                && Arrays.equals(a.lowerBounds, lowerBounds) && Arrays.deepEquals(a.elements, elements);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(elements) * 31 + Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
        return "ArrayValue(" + elementType + ", dims=" + Arrays.toString(lengths) + ", lb=" + Arrays.toString(lowerBounds)
                + ", " + Arrays.deepToString(elements) + ")";
    }
}
