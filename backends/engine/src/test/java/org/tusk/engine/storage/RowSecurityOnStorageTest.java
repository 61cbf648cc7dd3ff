package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Row-level security as PostgreSQL 15 answers the same statements (recorded from it):
 * pg_policy rows, USING quals on reads, updates and deletes, WITH CHECK on new rows
 * (permissive ones combined without a name, restrictive ones by name, checked where a
 * moved row lands after the partition's BEFORE ROW trigger), owners and superusers
 * bypassing unless FORCE, row_security off, ALTER and DROP POLICY.
 */
@Timeout(120)
class RowSecurityOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        for (String sql : List.of("CREATE ROLE rls_alice", "CREATE ROLE rls_bob",
                "CREATE TABLE docs (id int, owner text, body text)",
                "INSERT INTO docs VALUES (1, 'rls_alice', 'a1'), (2, 'rls_bob', 'b1'), (3, 'rls_alice', 'a2')",
                "GRANT ALL ON docs TO public", "ALTER TABLE docs ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY p_own ON docs USING (owner = current_user)",
                "CREATE POLICY p_r ON docs AS RESTRICTIVE FOR UPDATE USING (true) WITH CHECK (id < 100)")) {
            query(s, sql);
        }
    }

    @Test
    void policiesFilterAndCheckRows() {
        assertEquals(List.of("t|f"), query(s, "select relrowsecurity, relforcerowsecurity from pg_class where relname = 'docs'"));
        assertEquals(List.of("p_own|*|t|{0}", "p_r|w|f|{0}"),
                query(s, "select polname, polcmd, polpermissive, polroles from pg_policy order by polname"));
        try {
            query(s, "SET SESSION AUTHORIZATION rls_alice");
            assertEquals(List.of("1|rls_alice|a1", "3|rls_alice|a2"), query(s, "select * from docs order by id"));
            // the nullable side of an outer join is filtered before the join
            assertEquals(List.of("1|\\N", "3|\\N"),
                    query(s, "select d.id, o.id from docs d left join docs o on o.id = d.id + 1 order by 1"));
            assertEquals(List.of("E: 42501 new row violates row-level security policy \"p_r\" for table \"docs\""),
                    query(s, "update docs set id = 200 where id = 1"));
            assertEquals(List.of("E: 42501 new row violates row-level security policy for table \"docs\""),
                    query(s, "update docs set owner = 'rls_bob' where id = 1"));
            assertEquals(List.of("E: 42501 new row violates row-level security policy for table \"docs\""),
                    query(s, "insert into docs values (4, 'rls_bob', 'x')"));
            assertEquals(List.of("DELETE 0"), query(s, "delete from docs where id = 2"));
            assertEquals(List.of("UPDATE 2"), query(s, "update docs set body = body"));
        } finally {
            query(s, "RESET SESSION AUTHORIZATION");
        }
        // the superuser (and the owner, without FORCE) sees every row
        assertEquals(List.of("3"), query(s, "select count(*) from docs"));
        try {
            query(s, "SET row_security = off");
            query(s, "SET SESSION AUTHORIZATION rls_bob");
            assertEquals(List.of("E: 42501 query would be affected by row-level security policy for table \"docs\""),
                    query(s, "select * from docs"));
        } finally {
            query(s, "RESET SESSION AUTHORIZATION");
            query(s, "RESET row_security");
        }
    }

    @Test
    void alterAndDropPolicy() {
        query(s, "CREATE TABLE pol2 (a int)");
        assertEquals(List.of(), query(s, "CREATE POLICY p ON pol2 USING (a > 0)"));
        assertEquals(List.of("E: 42710 policy \"p\" for table \"pol2\" already exists"),
                query(s, "CREATE POLICY p ON pol2 USING (true)"));
        assertEquals(List.of(), query(s, "ALTER POLICY p ON pol2 RENAME TO q"));
        assertEquals(List.of("q|(a > 1)"), query(s, "ALTER POLICY q ON pol2 USING ((a > 1)); "
                + "select polname, polqual from pg_policy where polrelid = 'pol2'::regclass"));
        assertEquals(List.of(), query(s, "DROP POLICY q ON pol2"));
        assertEquals(List.of("E: 42704 policy \"q\" for table \"pol2\" does not exist"), query(s, "DROP POLICY q ON pol2"));
        query(s, "CREATE POLICY r ON pol2 USING (true)");
        query(s, "DROP TABLE pol2");
        assertEquals(List.of("0"), query(s, "select count(*) from pg_policy where polname = 'r'"));
    }
}
