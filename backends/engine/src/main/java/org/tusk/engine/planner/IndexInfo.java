package org.tusk.engine.planner;

import java.util.List;

/**
 * A btree index the planner may use (IndexOptInfo): its pg_class OID and name,
 * the table columns it covers (1-based attnums, in index key order), per-column
 * DESC / NULLS FIRST options, uniqueness, and its size.
 */
public record IndexInfo(long oid, String name, List<Integer> attnums, List<Boolean> descending,
        List<Boolean> nullsFirst, boolean unique, long pages, double tuples) {}
