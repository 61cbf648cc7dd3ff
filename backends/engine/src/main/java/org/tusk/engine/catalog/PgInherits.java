package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;

/**
 * pg_inherits (PostgreSQL's catalog/pg_inherits.c): who inherits from whom.
 * A row (inhrelid, inhparent, inhseqno) says that {@code inhrelid}'s
 * {@code inhseqno}-th parent is {@code inhparent}; partitions are children of
 * their partitioned table like any other.
 *
 * <p>Children come in OID order, as find_inheritance_children returns them, so
 * an Append over a hierarchy lists its members in a stable order.
 */
public final class PgInherits {

    public static final int OID = 2611;

    private PgInherits() {
    }

    /** The direct children of {@code parent}, in OID order (find_inheritance_children). */
    public static List<Integer> children(CatalogAccess access, int parent) {
        SystemCatalogs.Catalog inh = SystemCatalogs.require(OID);
        int parentCol = inh.columnIndex("inhparent");
        int relCol = inh.columnIndex("inhrelid");
        List<Integer> out = new ArrayList<>();
        for (CatalogTuple t : access.scan(OID, r -> ((Long) r[parentCol]).intValue() == parent)) {
            out.add(((Long) t.values()[relCol]).intValue());
        }
        out.sort((a, b) -> Integer.compareUnsigned(a, b));
        return out;
    }

    /** {@code rel} and every descendant, breadth first (find_all_inheritors); each once. */
    public static List<Integer> allInheritors(CatalogAccess access, int rel) {
        LinkedHashSet<Integer> seen = new LinkedHashSet<>();
        seen.add(rel);
        List<Integer> queue = new ArrayList<>(List.of(rel));
        for (int i = 0; i < queue.size(); i++) {
            for (int child : children(access, queue.get(i))) {
                if (seen.add(child)) {
                    queue.add(child);
                }
            }
        }
        return new ArrayList<>(seen);
    }

    /** The direct parents of {@code child}, in inhseqno order. */
    public static List<Integer> parents(CatalogAccess access, int child) {
        SystemCatalogs.Catalog inh = SystemCatalogs.require(OID);
        int parentCol = inh.columnIndex("inhparent");
        int relCol = inh.columnIndex("inhrelid");
        int seqCol = inh.columnIndex("inhseqno");
        List<CatalogTuple> rows = new ArrayList<>(access.scan(OID, r -> ((Long) r[relCol]).intValue() == child));
        rows.sort((a, b) -> Integer.compare((Integer) a.values()[seqCol], (Integer) b.values()[seqCol]));
        List<Integer> out = new ArrayList<>();
        for (CatalogTuple t : rows) {
            out.add(((Long) t.values()[parentCol]).intValue());
        }
        return out;
    }

    /** The pg_inherits row linking {@code child} to {@code parent}, or null. */
    public static CatalogTuple link(CatalogAccess access, int child, int parent) {
        SystemCatalogs.Catalog inh = SystemCatalogs.require(OID);
        int parentCol = inh.columnIndex("inhparent");
        int relCol = inh.columnIndex("inhrelid");
        List<CatalogTuple> rows = access.scan(OID,
                r -> ((Long) r[relCol]).intValue() == child && ((Long) r[parentCol]).intValue() == parent);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The row for a new link (StoreCatalogInheritance1). */
    public static Map<String, Object> row(int child, int parent, int seqno) {
        return Map.of("inhrelid", Integer.toUnsignedLong(child), "inhparent", Integer.toUnsignedLong(parent),
                "inhseqno", seqno, "inhdetachpending", false);
    }
}
