package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;

/**
 * Subscripted assignment against PostgreSQL 15's answers (UPDATE t SET b[..] = ..
 * on the values shown, printed by array_out).
 */
class ArrayAssignmentTest {
    private static ArrayValue ints(int lb, Object... v) {
        return new ArrayValue(PgType.INT4, new int[] {v.length}, new int[] {lb}, v);
    }

    private static String out(ArrayValue a) {
        return ArrayFormat.output(a, TypeContext.DEFAULT);
    }

    @Test
    void elementGrowsOneDimensionalArraysWithNulls() {
        // '{1,2}' SET b[5] = 9 -> {1,2,NULL,NULL,9}
        assertEquals("{1,2,NULL,NULL,9}", out(ArrayAssignment.setElement(ints(1, 1, 2), PgType.INT4, new int[] {5}, 9)));
        // NULL SET b[3] = 7 -> [3:3]={7}
        assertEquals("[3:3]={7}", out(ArrayAssignment.setElement(null, PgType.INT4, new int[] {3}, 7)));
    }

    @Test
    void sliceBelowTheLowerBoundMovesIt() {
        // '{1,2}' SET b[0:1] = '{7,8}' -> [0:2]={7,8,2}
        assertEquals("[0:2]={7,8,2}", out(ArrayAssignment.setSlice(ints(1, 1, 2), PgType.INT4,
                new Integer[] {0}, new Integer[] {1}, ints(1, 7, 8))));
    }

    @Test
    void errorsAsPostgres() {
        PgException small = assertThrows(PgException.class, () -> ArrayAssignment.setSlice(ints(1, 1, 2), PgType.INT4,
                new Integer[] {1}, new Integer[] {2}, ints(1, 1)));
        assertEquals("source array too small", small.getMessage());
        PgException bounds = assertThrows(PgException.class, () -> ArrayAssignment.setSlice(ArrayValue.empty(PgType.INT4),
                PgType.INT4, new Integer[] {1}, new Integer[] {null}, ints(1, 1)));
        assertEquals("array slice subscript must provide both boundaries", bounds.getMessage());
        assertEquals("2202E", bounds.sqlState());
        ArrayValue twoD = new ArrayValue(PgType.INT4, new int[] {2, 2}, new int[] {1, 1}, new Object[] {1, 2, 3, 4});
        PgException range = assertThrows(PgException.class,
                () -> ArrayAssignment.setElement(twoD, PgType.INT4, new int[] {3, 1}, 5));
        assertEquals("array subscript out of range", range.getMessage());
        // '{{1,2},{3,4}}' SET a[2][1] = 9 -> {{1,2},{9,4}}
        assertEquals("{{1,2},{9,4}}", out(ArrayAssignment.setElement(twoD, PgType.INT4, new int[] {2, 1}, 9)));
    }

    @Test
    void oversizedResultsAre54000() {
        // '[-2147483648:-2147483647]={1,2}': SET f1[2147483647] = 42, SET f1[2147483646:2147483647] = array[4,2]
        ArrayValue low = ints(Integer.MIN_VALUE, 1, 2);
        PgException element = assertThrows(PgException.class,
                () -> ArrayAssignment.setElement(low, PgType.INT4, new int[] {Integer.MAX_VALUE}, 42));
        assertEquals("54000", element.sqlState());
        assertEquals("array size exceeds the maximum allowed (134217727)", element.getMessage());
        PgException slice = assertThrows(PgException.class, () -> ArrayAssignment.setSlice(low, PgType.INT4,
                new Integer[] {Integer.MAX_VALUE - 1}, new Integer[] {Integer.MAX_VALUE}, ints(1, 4, 2)));
        assertEquals("54000", slice.sqlState());
        // INSERT (f1[0:2147483647]) / (f1[-2147483648:2147483647]) VALUES ('{}'): before "source array too small"
        for (int lower : new int[] {0, Integer.MIN_VALUE}) {
            PgException empty = assertThrows(PgException.class, () -> ArrayAssignment.setSlice(null, PgType.INT4,
                    new Integer[] {lower}, new Integer[] {Integer.MAX_VALUE}, ArrayValue.empty(PgType.INT4)));
            assertEquals("54000", empty.sqlState());
        }
    }

    @Test
    void lowerBoundPlusLengthMustFitInInt4() {
        // NULL SET a[2147483647] = 1 / SET a[2147483646:2147483647] = '{1,2}'; '[2147483647:2147483647]={1}'::int[]
        PgException one = assertThrows(PgException.class,
                () -> ArrayAssignment.setElement(null, PgType.INT4, new int[] {Integer.MAX_VALUE}, 1));
        assertEquals("array lower bound is too large: 2147483647", one.getMessage());
        assertEquals("54000", one.sqlState());
        PgException two = assertThrows(PgException.class, () -> ArrayAssignment.setSlice(null, PgType.INT4,
                new Integer[] {Integer.MAX_VALUE - 1}, new Integer[] {Integer.MAX_VALUE}, ints(1, 1, 2)));
        assertEquals("array lower bound is too large: 2147483646", two.getMessage());
        PgException literal = assertThrows(PgException.class,
                () -> TextFormat.input(PgType.INT4_ARRAY, -1, "[2147483647:2147483647]={1}", TypeContext.DEFAULT));
        assertEquals("array lower bound is too large: 2147483647", literal.getMessage());
        assertEquals("[2147483646:2147483646]={1}", out((ArrayValue) TextFormat.input(PgType.INT4_ARRAY, -1,
                "[2147483646:2147483646]={1}", TypeContext.DEFAULT)));
    }
}
