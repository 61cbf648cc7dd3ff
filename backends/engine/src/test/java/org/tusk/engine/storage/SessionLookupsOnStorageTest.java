package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The look-ups a session installs for the type input functions it runs (regclass, regproc,
 * user types and functions) follow the session, not the thread: two sessions taking turns on
 * one thread (as here) each resolve names in their own catalog view, although a session whose
 * look-ups are still installed skips installing them again.
 */
class SessionLookupsOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void regclassResolvesInTheSessionThatRunsTheStatement() {
        query(a, "CREATE TEMP TABLE only_in_a (x int)");
        assertEquals(List.of("only_in_a"), query(a, "SELECT 'only_in_a'::regclass"));
        assertEquals(List.of("only_in_a"), query(a, "SELECT 'only_in_a'::regclass"));
        assertEquals(List.of("E: 42P01 relation \"only_in_a\" does not exist"),
                query(b, "SELECT 'only_in_a'::regclass"));
        assertEquals(List.of("only_in_a"), query(a, "SELECT 'only_in_a'::regclass"));
        assertEquals(List.of("E: 42P01 relation \"only_in_a\" does not exist"),
                query(b, "SELECT 'only_in_a'::regclass"));
        query(a, "DROP TABLE only_in_a");
    }
}
