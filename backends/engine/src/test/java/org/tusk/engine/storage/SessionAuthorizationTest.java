package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SET SESSION AUTHORIZATION and SET ROLE as PostgreSQL 15 answers them: who may
 * switch, current_user/session_user/is_superuser after it, SET LOCAL and
 * rollback undoing it, RESET ALL leaving it alone, privileges checked as the
 * new user; and the planner settings the regression tests SET.
 */
@Timeout(90)
class SessionAuthorizationTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        for (String sql : List.of("CREATE ROLE regress_u1", "CREATE ROLE regress_u2 SUPERUSER", "CREATE TABLE priv (a int)")) {
            assertEquals(List.of(), query(s, sql), sql);
        }
    }

    private static String who() {
        return query(s, "SELECT current_user, session_user").get(0) + "|" + query(s, "SHOW is_superuser").get(0);
    }

    @Test
    void sessionAuthorizationAndRole() {
        assertEquals(List.of("postgres"), query(s, "SHOW session_authorization"));
        assertEquals(List.of("none"), query(s, "SHOW role"));
        query(s, "SET SESSION AUTHORIZATION regress_u1");
        assertEquals("regress_u1|regress_u1|off", who());
        assertEquals(List.of("E: 42501 permission denied for table priv"), query(s, "SELECT * FROM priv"));
        assertEquals(List.of("E: 42501 permission denied to set role \"postgres\""), query(s, "SET ROLE postgres"));
        // the authenticated user is a superuser, so switching on is allowed
        assertEquals(List.of(), query(s, "SET SESSION AUTHORIZATION regress_u2"));
        assertEquals(List.of(), query(s, "SET SESSION AUTHORIZATION postgres"));
        query(s, "SET ROLE regress_u1");
        assertEquals("regress_u1|postgres|off", who());
        assertEquals(List.of("regress_u1"), query(s, "SHOW role"));
        query(s, "SET ROLE NONE");
        assertEquals("postgres|postgres|on", who());
        assertEquals(List.of("E: 42704 role \"nosuch\" does not exist"), query(s, "SET SESSION AUTHORIZATION nosuch"));
        assertEquals(List.of("E: 42704 role \"nosuch\" does not exist"), query(s, "SET ROLE nosuch"));
    }

    @Test
    void transactionsUndoAndResetAllKeeps() {
        query(s, "BEGIN");
        query(s, "SET LOCAL SESSION AUTHORIZATION regress_u1");
        assertEquals("regress_u1|regress_u1|off", who());
        query(s, "COMMIT");
        assertEquals("postgres|postgres|on", who());
        query(s, "BEGIN");
        query(s, "SET SESSION AUTHORIZATION regress_u1");
        query(s, "ROLLBACK");
        assertEquals("postgres|postgres|on", who());
        query(s, "SET SESSION AUTHORIZATION regress_u1");
        query(s, "RESET ALL");
        assertEquals("regress_u1|regress_u1|off", who());
        query(s, "RESET SESSION AUTHORIZATION");
        assertEquals("postgres|postgres|on", who());
    }

    @Test
    void plannerSettingsAreAcceptedAndShown() {
        for (String name : List.of("enable_seqscan", "enable_bitmapscan", "enable_indexscan", "enable_indexonlyscan",
                "enable_hashjoin", "enable_mergejoin", "enable_nestloop", "enable_hashagg", "enable_sort",
                "enable_material")) {
            assertEquals(List.of("on"), query(s, "SHOW " + name));
            assertEquals(List.of(), query(s, "SET " + name + " = off"));
            assertEquals(List.of("off"), query(s, "SHOW " + name));
            query(s, "RESET " + name);
        }
        query(s, "SET random_page_cost = 1.1");
        assertEquals(List.of("1.1"), query(s, "SHOW random_page_cost"));
        assertEquals(List.of("8MB"), query(s, "SHOW min_parallel_table_scan_size"));
        assertEquals(List.of("E: 22023 parameter \"enable_sort\" requires a Boolean value"), query(s, "SET enable_sort = 'x'"));
    }
}
