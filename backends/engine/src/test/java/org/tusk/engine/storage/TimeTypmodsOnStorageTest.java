package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tusk.api.error.PgException;

/**
 * Typmods of interval, time and timestamp as PostgreSQL 15 has them (answers recorded from it):
 * interval's field range and seconds precision encoded as (range mask << 16) | precision, values
 * truncated to the range and rounded to the precision; precisions above 6 reduced to 6 with a
 * WARNING, which CREATE TABLE sends twice (parse analysis, then DefineRelation without a position).
 */
@Timeout(90)
class TimeTypmodsOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void postgresStyle() {
        query(s, "SET intervalstyle = postgres");
    }

    /** The statement's result (or error) followed by the WARNINGs it sent, with their positions. */
    private static List<String> run(String sql) {
        host.notices.clear();
        List<String> out = new ArrayList<>(query(s, sql));
        for (PgException n : host.notices) {
            out.add("W: " + n.sqlState() + " " + n.getMessage() + " @" + n.position());
        }
        return out;
    }

    @Test
    void intervalTypmodsTruncateAndRound() {
        assertEquals(List.of("1 day 02:03:04.57"), run("SELECT '1 day 02:03:04.56789'::interval(2)"));
        String v = "'1 year 2 months 3 days 04:05:06.789'";
        assertEquals(List.of("1 year 2 mons 3 days 04:05:00"), run("SELECT " + v + "::interval hour to minute"));
        assertEquals(List.of("1 year 2 mons 3 days 04:05:06.8"), run("SELECT " + v + "::interval day to second(1)"));
        assertEquals(List.of("1 year"), run("SELECT " + v + "::interval year"));
        assertEquals(List.of("1 year 2 mons"), run("SELECT " + v + "::interval month"));
        assertEquals(List.of("1 year 2 mons 3 days"), run("SELECT " + v + "::interval day"));
        assertEquals(List.of("1 year 2 mons 3 days 04:05:07"), run("SELECT " + v + "::interval minute to second(0)"));
        assertEquals(List.of("-1 days -02:03:00"), run("SELECT '-1 day -02:03:04.5'::interval hour to minute"));
        assertEquals(List.of("101:00:00"), run("SELECT '100 hours 65 minutes'::interval hour"));
        assertEquals(List.of("00:00:01.235"), run("SELECT interval(3) '1.23456 sec'"));
        assertEquals(List.of("00:00:01", "W: 22023 INTERVAL(7) precision reduced to maximum allowed, 6 @17"),
                run("SELECT '1 sec'::interval(7)"));
    }

    @Test
    void columnTypmodsAndTheirWarnings() {
        List<String> created = run("CREATE TABLE ti (a interval(3), b interval hour to minute, "
                + "c interval day to second(2), d interval year to month, e interval second, f timestamp(7), "
                + "g time(9), h interval(8), i timestamptz(6), j interval minute to second)");
        assertEquals(List.of(
                "W: 22023 TIMESTAMP(7) precision reduced to maximum allowed, 6 @136",
                "W: 22023 TIME(9) precision reduced to maximum allowed, 6 @152",
                "W: 22023 INTERVAL(8) precision reduced to maximum allowed, 6 @163",
                "W: 22023 TIMESTAMP(7) precision reduced to maximum allowed, 6 @0",
                "W: 22023 TIME(9) precision reduced to maximum allowed, 6 @0",
                "W: 22023 INTERVAL(8) precision reduced to maximum allowed, 6 @0"), created);
        assertEquals(List.of("a|2147418115|interval(3)", "b|201392127|interval hour to minute",
                "c|470286338|interval day to second(2)", "d|458751|interval year to month",
                "e|268500991|interval second", "f|6|timestamp(6) without time zone", "g|6|time(6) without time zone",
                "h|2147418118|interval(6)", "i|6|timestamp(6) with time zone", "j|402718719|interval minute to second"),
                run("SELECT attname, atttypmod, format_type(atttypid, atttypmod) FROM pg_attribute "
                        + "WHERE attrelid = 'ti'::regclass AND attnum > 0 ORDER BY attnum"));
        run("INSERT INTO ti (a, b, c) VALUES ('1.23456 sec', '3 days 04:05:06', '1 day 00:00:01.239')");
        assertEquals(List.of("00:00:01.235|3 days 04:05:00|1 day 00:00:01.24"), run("SELECT a, b, c FROM ti"));
        assertEquals(List.of("2020-01-01 12:00:00.123457",
                "W: 22023 TIMESTAMP(7) precision reduced to maximum allowed, 6 @39"),
                run("SELECT '2020-01-01 12:00:00.1234567'::timestamp(7)"));
        assertEquals(List.of("E: 42601 syntax error at or near \"-\""), run("SELECT '12:00'::time(-1)"));
        run("DROP TABLE ti");
    }
}
