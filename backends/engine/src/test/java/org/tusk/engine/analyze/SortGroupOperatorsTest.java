package org.tusk.engine.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tusk.engine.types.PgType;

/** Which built-in types can be sorted and grouped: PostgreSQL 15's answers, type by type. */
class SortGroupOperatorsTest {

    /** Base types whose "SELECT NULL::t ORDER BY 1" PostgreSQL 15 refuses (no ordering operator). */
    private static final Set<String> NO_ORDERING = Set.of(
            "xid", "cid", "json", "xml", "_xml", "_json", "point", "lseg", "path", "box", "polygon",
            "line", "_line", "circle", "_circle", "_xid", "_cid", "_point", "_lseg", "_path",
            "_box", "_polygon", "aclitem", "_aclitem", "_cstring", "refcursor", "_refcursor",
            "_txid_snapshot", "txid_snapshot", "gtsvector", "_gtsvector", "jsonpath", "_jsonpath",
            "pg_brin_bloom_summary", "pg_brin_minmax_multi_summary", "pg_snapshot", "_pg_snapshot");

    /** Base types whose "SELECT DISTINCT NULL::t" PostgreSQL 15 refuses (no equality operator). */
    private static final Set<String> NO_EQUALITY = Set.of(
            "json", "xml", "_xml", "_json", "point", "lseg", "path", "box", "polygon", "line",
            "_line", "circle", "_circle", "_point", "_lseg", "_path", "_box", "_polygon",
            "_cstring", "refcursor", "_refcursor", "_txid_snapshot", "txid_snapshot", "gtsvector",
            "_gtsvector", "jsonpath", "_jsonpath", "pg_brin_bloom_summary",
            "pg_brin_minmax_multi_summary", "pg_snapshot", "_pg_snapshot");

    @Test
    void everyBuiltinBaseTypeAsPostgresql() {
        List<String> wrong = new ArrayList<>();
        for (PgType t : PgType.values()) {
            if (t.typtype() != 'b') {
                continue;
            }
            if (SortGroupOperators.hasOrdering(t) == NO_ORDERING.contains(t.typname())) {
                wrong.add("ordering " + t.typname());
            }
            if (SortGroupOperators.hasEquality(t) == NO_EQUALITY.contains(t.typname())) {
                wrong.add("equality " + t.typname());
            }
        }
        assertEquals(List.of(), wrong);
    }
}
