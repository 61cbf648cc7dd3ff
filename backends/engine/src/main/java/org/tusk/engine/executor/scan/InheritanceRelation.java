package org.tusk.engine.executor.scan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.executor.Append;
import org.tusk.engine.executor.EState;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.planner.BaseRelation;
import org.tusk.engine.planner.RelationSize;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;

/**
 * A table named without ONLY that has descendants (expand_inherited_rtentry):
 * the parent and every inheritor, each scanned in turn and its rows mapped to
 * the parent's columns by name (a child may order its columns differently and
 * has extra ones), as an Append of their scans. Members are the parent first,
 * then descendants breadth first in OID order.
 *
 * <p>Each row ends in its member's OID (after the TupleId when the members emit
 * one), the value of the system column tableoid: rows of an Append come from
 * several tables, so unlike a plain scan's it is not a constant.
 */
public final class InheritanceRelation implements BaseRelation {

    private final StorageBaseRelation parent;
    private final List<StorageBaseRelation> members;
    /** Per member: for each parent column, the member's live column position. */
    private final List<int[]> maps = new ArrayList<>();

    public InheritanceRelation(StorageBaseRelation parent, List<StorageBaseRelation> all) {
        this.parent = parent;
        // a partitioned table holds no rows of its own: only its leaf partitions are scanned
        this.members = all.stream().filter(m -> m.desc().kind() != 'p').toList();
        List<AttributeDesc> cols = parent.desc().liveAttributes();
        for (StorageBaseRelation m : members) {
            List<AttributeDesc> live = m.desc().liveAttributes();
            int[] map = new int[cols.size()];
            for (int i = 0; i < map.length; i++) {
                map[i] = -1;
                for (int j = 0; j < live.size(); j++) {
                    if (live.get(j).name().equals(cols.get(i).name())) {
                        map[i] = j;
                        break;
                    }
                }
            }
            maps.add(map);
        }
    }

    /** The relations scanned, parent first. */
    public List<StorageBaseRelation> members() {
        return members;
    }

    @Override
    public List<BaseRelation> appendMembers() {
        return List.copyOf(members);
    }

    @Override
    public boolean hasNoStorageToScan() {
        return members.isEmpty();
    }

    public StorageBaseRelation parent() {
        return parent;
    }

    /** For member {@code i}: the member's live column position of each parent column. */
    public int[] columnMap(int i) {
        return maps.get(i);
    }

    @Override
    public long oid() {
        return parent.oid();
    }

    @Override
    public String schemaName() {
        return parent.schemaName();
    }

    @Override
    public String name() {
        return parent.name();
    }

    @Override
    public List<RelationColumn> columns() {
        return parent.columns();
    }

    @Override
    public RelationSize size() {
        long pages = 0;
        for (StorageBaseRelation m : members) {
            pages += Math.max(0, m.size().pages());
        }
        return RelationSize.unknown(pages);
    }

    @Override
    public PlanState openSeqScan(EState estate) {
        List<PlanState> scans = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            StorageBaseRelation m = members.get(i);
            PlanState scan = m.openSeqScan(estate);
            int[] map = maps.get(i);
            // a member with columns of its own (or in another order) is mapped; the Append's rows are all alike
            // (the trailing slots: a ctid, or a ctid and the header's xmin, cmin, xmax, cmax)
            int extra = m.emitsHeader() ? 5 : m.emitsCtid() ? 1 : 0;
            scan = m.columns().size() == map.length ? mapped(scan, map, extra) : mappedAlways(scan, map, extra);
            scans.add(tagged(scan, m.oid()));
        }
        return new Append(scans);
    }

    /** The rows of {@code scan} with {@code oid} (the tableoid) appended. */
    static PlanState tagged(PlanState scan, long oid) {
        Long tableoid = oid;
        return new PlanState() {
            @Override
            public Object[] next() {
                Object[] row = scan.next();
                if (row == null) {
                    return null;
                }
                Object[] out = java.util.Arrays.copyOf(row, row.length + 1);
                out[row.length] = tableoid;
                return out;
            }

            @Override
            public void rescan() {
                scan.rescan();
            }

            @Override
            public void close() {
                scan.close();
            }
        };
    }

    /** The member's rows in the parent's column order ({@code extra} trailing slots, e.g. a ctid, kept). */
    static PlanState mapped(PlanState scan, int[] map, int extra) {
        boolean identity = true;
        for (int i = 0; i < map.length; i++) {
            identity &= map[i] == i;
        }
        if (identity && extra == 0) {
            return scan;
        }
        return mappedAlways(scan, map, extra);
    }

    private static PlanState mappedAlways(PlanState scan, int[] map, int extra) {
        return new PlanState() {
            @Override
            public Object[] next() {
                Object[] row = scan.next();
                if (row == null) {
                    return null;
                }
                Object[] out = new Object[map.length + extra];
                for (int i = 0; i < map.length; i++) {
                    out[i] = map[i] < 0 ? null : row[map[i]];
                }
                for (int k = 0; k < extra; k++) {
                    out[map.length + k] = row[row.length - extra + k];
                }
                return out;
            }

            @Override
            public void rescan() {
                scan.rescan();
            }

            @Override
            public void close() {
                scan.close();
            }
        };
    }

    @Override
    public String toString() {
        return "InheritanceRelation[" + parent.name() + ", " + members.size() + " members]";
    }
}
