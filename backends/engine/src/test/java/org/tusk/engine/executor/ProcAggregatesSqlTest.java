package org.tusk.engine.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.engine.EngineFixture;

/**
 * Aggregates the executor has no built-in for, run through func.agg's
 * pg_aggregate implementations (ProcAggregate) in plain, grouped, ordered,
 * DISTINCT, FILTER and window use. Expected values are PostgreSQL 15's.
 */
class ProcAggregatesSqlTest {
    @TempDir
    static Path tmp;

    static EngineFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new EngineFixture(tmp, Map.of("TimeZone", "UTC"));
    }

    private static List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        for (String line : f.simpleQuery(sql).split("\n")) {
            if (line.startsWith("R: ") || line.startsWith("E: ")) {
                out.add(line.substring(3));
            }
        }
        return out;
    }

    @Test
    void arrayAgg() {
        assertEquals(List.of("{1,2,3,4,5}"), rows("select array_agg(x) from generate_series(1,5) x"));
        assertEquals(List.of("{5,4,3,2,1}"), rows("select array_agg(x order by x desc) from generate_series(1,5) x"));
        assertEquals(List.of("\\N"), rows("select array_agg(x) from generate_series(1,0) x"));
        assertEquals(List.of("{0,1,2}"), rows("select array_agg(distinct x % 3) from generate_series(1,10) x"));
        assertEquals(List.of("{a,NULL,c}"), rows("select array_agg(t) from (values ('a'),(null),('c')) v(t)"));
        assertEquals(List.of("{{1,2},{3,4}}"), rows("select array_agg(a) from (values (array[1,2]),(array[3,4])) v(a)"));
        assertEquals(List.of("0|{2,4,6}", "1|{1,3,5}"),
                rows("select x % 2, array_agg(x order by x) from generate_series(1,6) x group by 1 order by 1"));
        assertEquals(List.of("{3,4,5}"), rows("select array_agg(x) filter (where x > 2) from generate_series(1,5) x"));
        assertEquals(List.of("1|{1}", "2|{1,2}", "3|{1,2,3}"),
                rows("select x, array_agg(x) over (order by x) from generate_series(1,3) x"));
    }

    @Test
    void bitAndStatisticalAggregates() {
        assertEquals(List.of("0|7|0"), rows("select bit_and(x), bit_or(x), bit_xor(x) from generate_series(1,7) x"));
        assertEquals(List.of("3.0276503540974917|9.1666666666666667|2.8722813232690143"),
                rows("select stddev(x), variance(x), stddev_pop(x::float8) from generate_series(1,10) x"));
        assertEquals(List.of("1|2|8.25"),
                rows("select corr(x, x*2), regr_slope(x*2, x), covar_pop(x, x) from generate_series(1,10) x"));
    }
}
