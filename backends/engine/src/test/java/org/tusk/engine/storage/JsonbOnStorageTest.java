package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * json and jsonb columns on real storage: values stored and read back by another session,
 * jsonb's equality in GROUP BY and its order in ORDER BY, @> in WHERE, UPDATE with jsonb_set.
 * Answers as PostgreSQL 15 gives them.
 */
@Timeout(90)
class JsonbOnStorageTest extends TwoSessionsOnStorage {

    @BeforeAll
    static void load() throws Exception {
        query(a, "CREATE TABLE docs (id int, doc jsonb, raw json)");
        query(a, "CREATE INDEX docs_doc ON docs (doc)");
        query(a, "INSERT INTO docs VALUES (1, '{\"tag\": \"x\", \"n\": 2}', '{\"n\" : 2}'), "
                + "(2, '{\"tag\": \"y\", \"n\": 1.0}', '[1,  2]'), (3, '{\"n\": 2, \"tag\": \"x\"}', 'null')");
    }

    @Test
    void storedValuesQueryAsPostgres() {
        assertEquals(List.of("1|x|{\"n\" : 2}", "3|x|null"),
                query(b, "SELECT id, doc ->> 'tag', raw FROM docs WHERE doc @> '{\"tag\": \"x\"}' ORDER BY id"));
        assertEquals(List.of("{\"n\": 1.0, \"tag\": \"y\"}|1", "{\"n\": 2, \"tag\": \"x\"}|2"),
                query(b, "SELECT doc, count(*) FROM docs GROUP BY doc ORDER BY doc"));
        assertEquals(List.of("1", "3"), query(b, "SELECT id FROM docs WHERE doc = '{\"n\": 2.0, \"tag\": \"x\"}' ORDER BY id"));
        query(a, "UPDATE docs SET doc = jsonb_set(doc, '{n}', to_jsonb(id * 10)) WHERE id = 2");
        assertEquals(List.of("20|[1,  2]"), query(b, "SELECT (doc -> 'n')::int, raw FROM docs WHERE id = 2"));
    }
}
