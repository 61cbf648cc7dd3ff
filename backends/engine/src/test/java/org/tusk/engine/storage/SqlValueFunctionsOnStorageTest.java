package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CURRENT_TIMESTAMP, CURRENT_USER and the other SQLValueFunctions as PostgreSQL 15 prints and
 * evaluates them, and the fractional-second precision of the time and timestamp types. Every
 * expected value was recorded from the reference server.
 */
@Timeout(90)
class SqlValueFunctionsOnStorageTest extends OneSessionOnStorage {

    static List<String> q(String sql) {
        return CatalogOnStorageTest.query(s, sql);
    }

    @BeforeAll
    static void tables() {
        q("create table svf (a timestamptz default current_timestamp, b text default current_user,"
                + " c date default current_date, d timestamp default localtimestamp(2), e time default localtime)");
        q("create view svf_v as select current_date as d, current_user as u from svf"
                + " where current_user = session_user");
        q("create table precise (t timestamp(0), u timestamptz(3), v time(2), w timetz(1))");
    }

    @Test
    void defaultsAreStoredAsTheKeyword() {
        assertEquals(List.of("CURRENT_TIMESTAMP", "CURRENT_USER", "CURRENT_DATE", "LOCALTIMESTAMP(2)", "LOCALTIME"),
                q("select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 'svf'::regclass order by adnum"));
    }

    @Test
    void viewsAndExplainPrintTheKeyword() {
        assertEquals(List.of(" SELECT CURRENT_DATE AS d,\n    CURRENT_USER AS u\n   FROM svf\n"
                + "  WHERE CURRENT_USER = SESSION_USER;"), q("select pg_get_viewdef('svf_v', true)"));
        assertEquals(List.of("Seq Scan on svf", "  Filter: (b = CURRENT_USER)"),
                q("explain (costs off) select * from svf where b = current_user"));
    }

    @Test
    void currentSchemaFollowsTheSearchPath() {
        q("create schema svf_first");
        q("set search_path = svf_first, public");
        try {
            assertEquals(List.of("svf_first|svf_first"), q("select current_schema, current_schema()"));
        } finally {
            q("reset search_path");
        }
    }

    @Test
    void theTimeOfDayFunctionsHaveTheirTypesAndPrecision() {
        assertEquals(List.of("time with time zone|time without time zone|t|t"),
                q("select pg_typeof(current_time), pg_typeof(localtime),"
                        + " current_timestamp(0) = date_trunc('second', current_timestamp(0)) or"
                        + " current_timestamp(0) = date_trunc('second', current_timestamp(0)) + interval '1 second',"
                        + " localtime(0) <= localtime(0)"));
        assertEquals(List.of("t|t"), q("select now()::time = localtime, now()::timetz = current_time"));
    }

    @Test
    void castsRoundToTheDeclaredPrecision() {
        assertEquals(List.of("2020-01-01 12:00:01|2020-01-01 12:00:00.123+00|10:00:00.56|24:00:00|10:00:00.56+03"
                + "|1999-12-31 23:59:59"),
                q("select '2020-01-01 12:00:00.5'::timestamp(0), '2020-01-01 12:00:00.123456+00'::timestamptz(3),"
                        + " '10:00:00.555'::time(2), '23:59:59.99'::time(1), '10:00:00.555+03'::timetz(2),"
                        + " '1999-12-31 23:59:59.5'::timestamp(0)"));
    }

    @Test
    void columnsRoundWhatIsStored() {
        q("insert into precise values ('2020-01-01 12:00:00.6', '2020-01-01 12:00:00.12345+00', '10:00:00.555',"
                + " '10:00:00.55+01')");
        assertEquals(List.of("2020-01-01 12:00:01|2020-01-01 12:00:00.123+00|10:00:00.56|10:00:00.6+01"),
                q("select * from precise"));
    }

    @Test
    void timeOfDayCastsAndTimetzComparison() {
        assertEquals(List.of("12:00:00|t|12:00:00+00|f|t|t"),
                q("select '12:00+02'::timetz::time, 'infinity'::timestamp::time is null, '12:00'::time::timetz,"
                        + " '12:00+02'::timetz = '11:00+01'::timetz, '12:00+02'::timetz < '11:00+00'::timetz,"
                        + " '2020-06-01 12:30+00'::timestamptz::timetz = '12:30+00'::timetz"));
    }
}
