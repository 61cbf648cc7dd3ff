package org.tusk.engine.planner;

import java.util.Iterator;
import java.util.List;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.executor.EState;
import org.tusk.engine.executor.PlanState;

/**
 * A computed relation (pg_stat_activity) seen as a base relation: no indexes, no
 * statistics, a size guess of one page of 100 rows, rows recomputed at each scan start.
 */
public final class VirtualBaseRelation implements BaseRelation {
    private final VirtualRelation relation;
    private final long oid;

    public VirtualBaseRelation(VirtualRelation relation, long oid) {
        this.relation = relation;
        this.oid = oid;
    }

    @Override public long oid() { return oid; }
    @Override public String schemaName() { return "pg_catalog"; }
    @Override public String name() { return relation.name(); }
    @Override public List<RelationColumn> columns() { return relation.columns(); }
    @Override public RelationSize size() { return new RelationSize(1, 100); }

    @Override
    public PlanState openSeqScan(EState estate) {
        return new PlanState() {
            private Iterator<Object[]> rows;

            @Override
            public Object[] next() {
                if (rows == null) {
                    rows = relation.scan(estate.ctx().session()).iterator();
                }
                estate.ctx().checkForInterrupts();
                return rows.hasNext() ? rows.next() : null;
            }

            @Override
            public void rescan() {
                rows = null;
            }
        };
    }
}
