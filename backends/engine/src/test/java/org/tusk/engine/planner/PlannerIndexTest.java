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
import org.tusk.engine.func.Comparisons;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TypeContext;

/** The planner's use of BaseRelation: index scans for column op value, seq scans otherwise, joins of base relations. */
class PlannerIndexTest {
    /**
     * t(a int4, b text) with 100 rows a = 1..100, b = 'v' || a % 10; a btree index on a.
     * The planner is told the table is 1000 pages of 100000 rows with a in physical
     * order (correlation 1), so that index paths win on cost as they would in PostgreSQL.
     */
    static final class FakeTable implements BaseRelation {
        final List<Object[]> rows = new ArrayList<>();
        final List<String> scans = new ArrayList<>();
        final IndexInfo index = new IndexInfo(9001, "t_a_idx", List.of(1), List.of(false), List.of(false), true, 300, 100000);

        FakeTable() {
            for (int i = 1; i <= 100; i++) {
                rows.add(new Object[] {i, "v" + (i % 10)});
            }
        }

        @Override public long oid() { return 9000; }
        @Override public String schemaName() { return "public"; }
        @Override public String name() { return "t"; }
        @Override public List<RelationColumn> columns() {
            return List.of(new RelationColumn("a", PgType.INT4, -1), new RelationColumn("b", PgType.TEXT, -1));
        }
        @Override public RelationSize size() { return new RelationSize(1000, 100000); }
        @Override public ColumnStatistics statistics(int attnum) {
            return attnum != 1 ? null : new ColumnStatistics(0, 4, -1, List.of(), List.of(),
                    List.of(1, 25, 50, 75, 100), 1.0);
        }
        @Override public List<IndexInfo> indexes() { return List.of(index); }

        @Override
        public PlanState openSeqScan(EState estate) {
            PlanState all = list(rows);
            return new PlanState() {
                boolean started;

                @Override
                public Object[] next() {
                    if (!started) {
                        started = true;
                        scans.add("seq");
                    }
                    return all.next();
                }

                @Override
                public void rescan() {
                    all.rescan();
                }
            };
        }

        @Override
        public PlanState openIndexScan(IndexInfo idx, List<IndexScanKey> keys, boolean backward, boolean indexOnly,
                EState estate) {
            return new PlanState() {
                PlanState inner;

                @Override
                public Object[] next() {
                    if (inner == null) {
                        List<Object[]> out = new ArrayList<>();
                        StringBuilder desc = new StringBuilder("index");
                        List<Object> values = new ArrayList<>();
                        for (IndexScanKey k : keys) {
                            values.add(k.value().eval(estate.ctx()));
                            desc.append(' ').append(k.strategy()).append(' ').append(values.get(values.size() - 1));
                        }
                        scans.add(desc.toString());
                        for (Object[] r : rows) {
                            boolean ok = true;
                            for (int i = 0; i < keys.size(); i++) {
                                int c = Comparisons.compare(r[0], values.get(i));
                                switch (keys.get(i).strategy()) {
                                    case EQUAL: ok &= c == 0; break;
                                    case LESS: ok &= c < 0; break;
                                    case LESS_EQUAL: ok &= c <= 0; break;
                                    case GREATER: ok &= c > 0; break;
                                    default: ok &= c >= 0; break;
                                }
                            }
                            if (ok) {
                                out.add(r);
                            }
                        }
                        out.sort((x, y) -> Comparisons.compare(x[0], y[0]));   // index order
                        if (backward) {
                            java.util.Collections.reverse(out);
                        }
                        inner = list(out);
                    }
                    return inner.next();
                }

                @Override
                public void rescan() {
                    inner = null;
                }
            };
        }

        private static PlanState list(List<Object[]> rows) {
            return new PlanState() {
                int i;

                @Override
                public Object[] next() {
                    return i < rows.size() ? rows.get(i++) : null;
                }

                @Override
                public void rescan() {
                    i = 0;
                }
            };
        }
    }

    private final FakeTable t = new FakeTable();

    private Planned plan(String sql) {
        SelectStmt stmt = (SelectStmt) Parser.parse(sql).get(0).stmt();
        Query q = new SelectAnalyzer((schema, name) -> name.equals("t") ? t : null, TypeContext.DEFAULT)
                .analyze(stmt, new ParseState(null));
        EState es = new EState(new EvalContext(null, new Object[0]), 1 << 20, new TempFiles(null, 1));
        es.ctx().attach(EState.class, es);
        return Planner.plan(q, es);
    }

    private static String rows(Planned p) {
        StringBuilder sb = new StringBuilder();
        Object[] r;
        while ((r = p.state().next()) != null) {
            sb.append(r[0]).append(r.length > 1 ? "|" + r[1] : "").append('\n');
        }
        return sb.toString();
    }

    @Test
    void equalityOnIndexedColumnUsesTheIndex() {
        Planned p = plan("select a, b from t where a = 42 and b like 'v%'");
        assertEquals(List.of("Index Scan using t_a_idx on t", "  Index Cond: (a = 42)", "  Filter: (b ~~ 'v%'::text)"),
                p.explain().format(false));
        assertEquals("42|v2\n", rows(p));
        assertEquals(List.of("index EQUAL 42"), t.scans);
    }

    @Test
    void exactIndexConditionIsNotCheckedAgainAboveTheScan() {
        Planned eq = plan("select a, b from t where a = 42");
        assertEquals(List.of("Index Scan using t_a_idx on t", "  Index Cond: (a = 42)"), eq.explain().format(false));
        assertEquals("42|v2\n", rows(eq));
        org.junit.jupiter.api.Assertions.assertFalse(filters(eq.state()),
                "an equality the btree bounds apply exactly is not evaluated again above the scan");
        Planned filtered = plan("select a, b from t where a = 42 and b like 'x%'");
        assertEquals("", rows(filtered));
        Planned range = plan("select a from t where a > 98");
        org.junit.jupiter.api.Assertions.assertTrue(filters(range.state()), "a range is rechecked");
        assertEquals("99\n100\n", rows(range));
    }

    /** Whether a Result with a qualification sits among the Results on top of the plan. */
    private static boolean filters(PlanState s) {
        while (s instanceof org.tusk.engine.executor.Result r) {
            if (r.qual() != null) {
                return true;
            }
            s = r.child();
        }
        return false;
    }

    @Test
    void equalityPrefixIsOneEqualityOnEachLeadingColumn() {
        org.tusk.engine.expr.Expr v = new org.tusk.engine.expr.ConstExpr(PgType.INT4, -1, 1);
        IndexScanKey.Strategy eq = IndexScanKey.Strategy.EQUAL;
        org.junit.jupiter.api.Assertions.assertTrue(IndexScanKey.equalityPrefix(List.of(new IndexScanKey(1, eq, v))));
        org.junit.jupiter.api.Assertions.assertTrue(IndexScanKey.equalityPrefix(
                List.of(new IndexScanKey(2, eq, v), new IndexScanKey(1, eq, v))));
        org.junit.jupiter.api.Assertions.assertFalse(IndexScanKey.equalityPrefix(List.of()));
        org.junit.jupiter.api.Assertions.assertFalse(IndexScanKey.equalityPrefix(List.of(new IndexScanKey(2, eq, v))));
        org.junit.jupiter.api.Assertions.assertFalse(IndexScanKey.equalityPrefix(
                List.of(new IndexScanKey(1, eq, v), new IndexScanKey(1, eq, v))));
        org.junit.jupiter.api.Assertions.assertFalse(IndexScanKey.equalityPrefix(
                List.of(new IndexScanKey(1, eq, v), new IndexScanKey(2, IndexScanKey.Strategy.GREATER, v))));
    }

    @Test
    void rangeWithCommutedOperandsAndSeqScanWithoutIndexableQual() {
        Planned p = plan("select a, b from t where 97 < a order by a desc");
        assertEquals("100|v0\n99|v9\n98|v8\n", rows(p));
        assertEquals(List.of("index GREATER 97"), t.scans);
        Planned seq = plan("select count(*) from t where b = 'v3'");
        assertEquals("10\n", rows(seq));
        assertEquals("seq", t.scans.get(1));
    }

    @Test
    void selfJoinOfABaseRelation() {
        Planned p = plan("select x.a, y.a from t x join t y on x.a = y.a + 1 where y.a < 3 order by 1");
        assertEquals("2|1\n3|2\n", rows(p));
    }

    @Test
    void smallOuterSideDrivesAParameterizedIndexScan() {
        Planned p = plan("select v.x, t.b from (values (5), (17), (500)) v(x) join t on t.a = v.x order by 1");
        assertEquals(List.of("Sort", "  Sort Key: v.x", "  ->  Nested Loop", "        ->  Values Scan on \"*VALUES*\"",
                "        ->  Index Scan using t_a_idx on t", "              Index Cond: (t.a = v.x)"), p.explain().format(false));
        assertEquals("5|v5\n17|v7\n", rows(p));
        assertEquals(List.of("index EQUAL 5", "index EQUAL 17", "index EQUAL 500"), t.scans);
        Planned left = plan("select v.x, t.b from (values (5), (500)) v(x) left join t on t.a = v.x and t.b <> 'v5' order by 1");
        assertEquals("5|null\n500|null\n", rows(left));
    }
}
