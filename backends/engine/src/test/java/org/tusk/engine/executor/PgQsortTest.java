package org.tusk.engine.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link PgQsort} puts rows with equal keys in PostgreSQL's order: the expected
 * orders are PostgreSQL 15's answers to the queries in the comments.
 */
class PgQsortTest {

    private static List<Integer> sortedBy(int n, java.util.function.IntUnaryOperator key, boolean descending) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(i);
        }
        Comparator<Integer> c = Comparator.comparingInt(key::applyAsInt);
        PgQsort.sort(rows, descending ? c.reversed() : c);
        return rows;
    }

    @Test
    void tiesOfFiftyRowsComeOutAsPostgreSqlsSort() {
        // select string_agg(i::text, ',') from (select i % 5 k, i from generate_series(1,50) i order by k) s
        assertEquals("30,50,40,5,15,45,25,35,10,20,11,26,6,1,41,21,36,16,46,31,7,2,12,17,22,27,32,37,42,47,18,33,"
                + "43,48,8,38,3,28,13,23,9,34,14,39,19,49,44,24,4,29",
                String.join(",", sortedBy(50, i -> i % 5, false).stream().map(String::valueOf).toList()));
    }

    @Test
    void tiesOfTwelveRowsDescending() {
        // select string_agg(i::text, ',') from (select (i*31) % 4 k, i from generate_series(1,12) i order by k desc) s
        assertEquals("1,9,5,2,10,6,7,3,11,4,12,8",
                String.join(",", sortedBy(12, i -> (i * 31) % 4, true).stream().map(String::valueOf).toList()));
    }

    @Test
    void smallAndPresortedInputsKeepTheirOrder() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), sortedBy(10, i -> 0, false));
        assertEquals(List.of(2, 4, 6, 1, 3, 5), sortedBy(6, i -> i % 2, false));   // insertion sort is stable
    }

    @Test
    void sortsLargeRandomInputs() {
        Random r = new Random(42);
        for (int n : new int[] {0, 1, 7, 8, 41, 1000, 20000}) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(r.nextInt(n / 3 + 1));
            }
            List<Integer> expected = new ArrayList<>(rows);
            expected.sort(null);
            PgQsort.sort(rows, Comparator.naturalOrder());
            assertEquals(expected, rows);
        }
    }
}
