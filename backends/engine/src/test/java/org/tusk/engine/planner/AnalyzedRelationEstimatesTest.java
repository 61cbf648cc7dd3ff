package org.tusk.engine.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.engine.analyze.ParseState;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.SelectAnalyzer;
import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.executor.EState;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.executor.TempFiles;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TypeContext;

/**
 * Estimates from ANALYZE's numbers: a relation reporting what PostgreSQL 15's
 * pg_class and pg_stats hold after
 * {@code create table u (a int primary key, c int); insert into u select i, i % 10 from generate_series(1, 1000) i; analyze u}
 * (relpages 5, reltuples 1000; a: n_distinct -1, 101 histogram bounds, correlation 1;
 * c: ten MCVs of frequency 0.1) must give PostgreSQL's EXPLAIN lines, recorded from it.
 */
class AnalyzedRelationEstimatesTest {
    static final class AnalyzedU implements BaseRelation {
        final IndexInfo pkey = new IndexInfo(9101, "u_pkey", List.of(1), List.of(false), List.of(false), true, 5, 1000);

        @Override public long oid() { return 9100; }
        @Override public String schemaName() { return "public"; }
        @Override public String name() { return "u"; }
        @Override public List<RelationColumn> columns() {
            return List.of(new RelationColumn("a", PgType.INT4, -1), new RelationColumn("c", PgType.INT4, -1));
        }
        @Override public RelationSize size() { return new RelationSize(5, 1000); }
        @Override public List<IndexInfo> indexes() { return List.of(pkey); }

        @Override
        public ColumnStatistics statistics(int attnum) {
            if (attnum == 1) {
                List<Object> bounds = new ArrayList<>();
                bounds.add(1);
                for (int b = 10; b <= 1000; b += 10) {
                    bounds.add(b);
                }
                return new ColumnStatistics(0, 4, -1, List.of(), List.of(), bounds, 1.0);
            }
            List<Object> mcv = new ArrayList<>();
            List<Double> freqs = new ArrayList<>();
            for (int v = 0; v < 10; v++) {
                mcv.add(v);
                freqs.add(0.1);
            }
            return new ColumnStatistics(0, 4, 10, mcv, freqs, List.of(), 0.1044901);
        }

        @Override
        public PlanState openSeqScan(EState estate) {
            return () -> null;
        }

        @Override
        public PlanState openIndexScan(IndexInfo index, List<IndexScanKey> keys, boolean backward, boolean indexOnly,
                EState estate) {
            return () -> null;
        }
    }

    private final AnalyzedU u = new AnalyzedU();

    private List<String> explain(String sql) {
        SelectStmt stmt = (SelectStmt) Parser.parse(sql).get(0).stmt();
        Query q = new SelectAnalyzer((schema, name) -> name.equals("u") ? u : null, TypeContext.DEFAULT)
                .analyze(stmt, new ParseState(null));
        EState es = new EState(new EvalContext(null, new Object[0]), 4096 * 1024, new TempFiles(null, 1));
        es.ctx().attach(EState.class, es);
        return Planner.plan(q, es).explain().format(true);
    }

    @Test
    void uniqueKeyEqualityUsesTheIndex() {
        assertEquals(List.of("Index Scan using u_pkey on u  (cost=0.28..8.29 rows=1 width=8)", "  Index Cond: (a = 1)"),
                explain("select * from u where a = 1"));
    }

    @Test
    void histogramGivesRangeRowsAndCorrelationMakesTheIndexCheap() {
        assertEquals(List.of("Index Scan using u_pkey on u  (cost=0.28..10.01 rows=99 width=8)", "  Index Cond: (a < 100)"),
                explain("select * from u where a < 100"));
    }

    @Test
    void mostCommonValuesGiveEqualityAndRangeRows() {
        assertEquals(List.of("Seq Scan on u  (cost=0.00..17.50 rows=100 width=8)", "  Filter: (c = 3)"),
                explain("select * from u where c = 3"));
        assertEquals(List.of("Seq Scan on u  (cost=0.00..17.50 rows=300 width=8)", "  Filter: (c < 3)"),
                explain("select * from u where c < 3"));
    }

    @Test
    void distinctCountSizesTheHashAggregate() {
        assertEquals(List.of("HashAggregate  (cost=20.00..20.10 rows=10 width=12)", "  Group Key: c",
                "  ->  Seq Scan on u  (cost=0.00..15.00 rows=1000 width=4)"),
                explain("select c, count(*) from u group by c"));
    }

    @Test
    void limitOverABoundedSort() {
        assertEquals(List.of("Limit  (cost=36.61..36.63 rows=10 width=8)", "  ->  Sort  (cost=36.61..39.11 rows=1000 width=8)",
                "        Sort Key: c", "        ->  Seq Scan on u  (cost=0.00..15.00 rows=1000 width=8)"),
                explain("select * from u order by c limit 10"));
    }
}
