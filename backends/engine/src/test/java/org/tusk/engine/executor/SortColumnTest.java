package org.tusk.engine.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Sort keys order values as PostgreSQL's btree operators do, whatever path the comparison takes. */
class SortColumnTest {

    private static List<Object> sorted(List<SortColumn> keys, Object... values) {
        List<Object[]> rows = new ArrayList<>();
        for (Object v : values) {
            rows.add(new Object[] {v});
        }
        rows.sort(SortColumn.comparator(keys));
        return rows.stream().map(r -> r[0]).toList();
    }

    @Test
    void integersAndLongsOrderNumericallyWithNullsWhereAsked() {
        assertEquals(Arrays.asList(Integer.MIN_VALUE, -7, 0, 3, Integer.MAX_VALUE, null),
                sorted(List.of(SortColumn.asc(0)), 3, null, Integer.MAX_VALUE, -7, Integer.MIN_VALUE, 0));
        assertEquals(Arrays.asList(null, Long.MAX_VALUE, 5L, -1L, Long.MIN_VALUE),
                sorted(List.of(SortColumn.desc(0)), -1L, Long.MIN_VALUE, null, Long.MAX_VALUE, 5L));
        // an int4 beside an int8 (cross-type btree order) still compares by value
        assertEquals(List.of(-2L, 1, 4_000_000_000L), sorted(List.of(SortColumn.asc(0)), 4_000_000_000L, 1, -2L));
    }
}
