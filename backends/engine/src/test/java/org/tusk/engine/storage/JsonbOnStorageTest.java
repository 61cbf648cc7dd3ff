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

    @Test
    void subscriptAssignmentAsPostgres() {
        // expected values from PL/pgSQL subscript assignments on PostgreSQL 15 (same setPath code)
        query(a, "CREATE TABLE sa (id int, j jsonb)");
        query(a, "INSERT INTO sa VALUES (1, NULL), (2, NULL), (3, '[1]'), (4, '[1,2,3]'), (5, '{\"a\":[1]}'), "
                + "(6, '{}'), (7, '[]'), (8, '{\"a\":{\"b\":1}}')");
        query(a, "UPDATE sa SET j['a']['b'] = '1' WHERE id = 1");
        query(a, "UPDATE sa SET j[2] = '\"x\"' WHERE id = 2");
        query(a, "UPDATE sa SET j[3] = '5' WHERE id = 3");
        query(a, "UPDATE sa SET j[-1] = '9' WHERE id = 4");
        query(a, "UPDATE sa SET j['a'][2]['x'][1] = '\"v\"' WHERE id = 5");
        query(a, "UPDATE sa SET j[1] = '2' WHERE id = 6");
        query(a, "UPDATE sa SET j[0][1] = '1' WHERE id = 7");
        query(a, "UPDATE sa SET j['a']['c'] = NULL WHERE id = 8");
        assertEquals(List.of("1|{\"a\": {\"b\": 1}}", "2|[null, null, \"x\"]", "3|[1, null, null, 5]", "4|[1, 2, 9]",
                "5|{\"a\": [1, null, {\"x\": [null, \"v\"]}]}", "6|{\"1\": 2}", "7|[[null, 1]]",
                "8|{\"a\": {\"b\": 1, \"c\": null}}"), query(b, "SELECT id, j FROM sa ORDER BY id"));
        assertEquals(List.of("E: 22023 path element at position 1 is out of range: -9"),
                query(a, "UPDATE sa SET j[-9] = '9' WHERE id = 3"));
        assertEquals(List.of("E: 22023 cannot replace existing key"), query(a, "UPDATE sa SET j[0]['b'] = '2' WHERE id = 3"));
        assertEquals(List.of("E: 22P02 path element at position 1 is not an integer: \"x\""),
                query(a, "UPDATE sa SET j['x'] = '2' WHERE id = 3"));
        assertEquals(List.of("E: 22004 jsonb subscript in assignment must not be null"),
                query(a, "UPDATE sa SET j[NULL::int] = '2' WHERE id = 3"));
    }
}
