package org.tusk.engine.executor.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/** array_ops keys: byte order is array_cmp's order. */
class IndexKeyEncodingArrayTest {
    /** PostgreSQL 15: SELECT a FROM (VALUES ...) v(a) ORDER BY a, for these int[] values. */
    private static final List<String> PG_ORDER = List.of("{}", "{-5}", "{1,2}", "{1,2,3}", "[0:3]={1,2,3,4}",
            "{1,2,3,4}", "{{1,2,3,4}}", "{{1,2},{3,4}}", "{1,2,10}", "{1,5,3}", "{1,NULL}", "{2}", "{NULL}");

    private static byte[] key(String literal) {
        Object v = TextFormat.input(PgType.INT4_ARRAY, -1, literal, TypeContext.DEFAULT);
        return IndexKeyEncoding.encode(List.of(PgType.INT4_ARRAY), new Object[] {v});
    }

    @Test
    void keysSortAsArrayCmp() {
        List<String> shuffled = new ArrayList<>(PG_ORDER);
        Collections.reverse(shuffled);
        shuffled.sort((a, b) -> Arrays.compareUnsigned(key(a), key(b)));
        assertEquals(PG_ORDER, shuffled);
    }

    @Test
    void equalArraysHaveEqualKeys() {
        assertEquals(0, Arrays.compareUnsigned(key("{1,2,3}"), key("{ 1 , 2 , 3 }")));
        assertEquals(true, IndexKeyEncoding.supports(PgType.INT4_ARRAY));
        assertEquals(true, IndexKeyEncoding.supports(PgType.TEXT_ARRAY));
    }

    @Test
    void numericSpecialsSortAroundTheFiniteValues() {
        // numeric_cmp: -Infinity < every finite value < Infinity < NaN (NaN = NaN)
        List<String> order = List.of("-Infinity", "-1e10", "-1", "0", "0.5", "1.50", "1e10", "Infinity", "NaN");
        List<String> sorted = new ArrayList<>(order);
        Collections.reverse(sorted);
        sorted.sort((a, b) -> Arrays.compareUnsigned(numericKey(a), numericKey(b)));
        assertEquals(order, sorted);
        assertEquals(0, Arrays.compareUnsigned(numericKey("NaN"), numericKey("nan")));
        assertEquals(0, Arrays.compareUnsigned(numericKey("1.5"), numericKey("1.50")));
    }

    private static byte[] numericKey(String literal) {
        Object v = TextFormat.input(PgType.NUMERIC, -1, literal, TypeContext.DEFAULT);
        return IndexKeyEncoding.encode(List.of(PgType.NUMERIC), new Object[] {v});
    }
}
