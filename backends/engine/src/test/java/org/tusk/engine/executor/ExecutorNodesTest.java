package org.tusk.engine.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.error.PgException;
import org.tusk.engine.expr.ConstExpr;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.ExecParamExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.types.PgType;

/** Executor nodes over in-memory inputs; window results as recorded from PostgreSQL 15. */
class ExecutorNodesTest {
    @TempDir
    Path dir;

    private static Object[] r(Object... v) {
        return v;
    }

    private static String fmt(List<Object[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v instanceof Double d && d == Math.rint(d)) {
                    v = d.longValue();
                }
                sb.append(i == 0 ? "" : "|").append(v == null ? "" : v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static Expr c(long v) {
        return new ConstExpr(PgType.INT8, -1, v);
    }

    @Test
    void windowFunctionsMatchPostgres() {
        EState es = Rows.estate(dir, 1 << 20);
        List<Object[]> input = List.of(r(1, 10), r(1, 20), r(1, 20), r(1, 30), r(2, 5), r(2, null), r(1, null));
        PlanState sorted = new Sort(Rows.of(input), List.of(SortColumn.asc(0), SortColumn.asc(1)), es);
        Expr x = Rows.col(1);
        WindowAgg w = new WindowAgg(sorted, new int[] {0}, List.of(SortColumn.asc(1)), WindowFrame.DEFAULT, List.of(
                WindowCall.of(WindowCall.Kind.ROW_NUMBER), WindowCall.of(WindowCall.Kind.RANK),
                WindowCall.of(WindowCall.Kind.DENSE_RANK), WindowCall.of(WindowCall.Kind.PERCENT_RANK),
                WindowCall.of(WindowCall.Kind.CUME_DIST), WindowCall.of(WindowCall.Kind.NTILE, c(3)),
                WindowCall.of(WindowCall.Kind.LAG, x), WindowCall.of(WindowCall.Kind.LEAD, x, c(2), c(-1)),
                WindowCall.aggregate(BuiltinAggregates.lookup("sum", PgType.INT4), x),
                WindowCall.of(WindowCall.Kind.FIRST_VALUE, x), WindowCall.of(WindowCall.Kind.LAST_VALUE, x)),
                es.ctx());
        assertEquals("""
                1|10|1|1|1|0|0.2|1||20|10|10|10
                1|20|2|2|2|0.25|0.6|1|10|30|50|10|20
                1|20|3|2|2|0.25|0.6|2|20||50|10|20
                1|30|4|4|3|0.75|0.8|2|20|-1|80|10|30
                1||5|5|4|1|1|3|30|-1|80|10|
                2|5|1|1|1|0|0.5|1||-1|5|5|5
                2||2|2|2|1|1|2|5|-1|5|5|
                """, fmt(Rows.drain(w)));
    }

    @Test
    void windowFramesRowsRangeGroupsAndExclusion() {
        EState es = Rows.estate(dir, 1 << 20);
        List<Object[]> input = List.of(r(10), r(20), r(20), r(30), r(45));
        Expr x = Rows.col(0);
        List<SortColumn> order = List.of(SortColumn.asc(0));
        WindowAgg rows = new WindowAgg(Rows.of(input), new int[0], order, WindowFrame.rows(
                WindowFrame.Bound.OFFSET_PRECEDING, c(1), WindowFrame.Bound.OFFSET_FOLLOWING, c(1)),
                List.of(WindowCall.aggregate(BuiltinAggregates.lookup("sum", PgType.INT4), x)), es.ctx());
        WindowAgg range = new WindowAgg(rows, new int[0], order, new WindowFrame(WindowFrame.Mode.RANGE,
                WindowFrame.Bound.OFFSET_PRECEDING, c(10), WindowFrame.Bound.CURRENT_ROW, null,
                WindowFrame.Exclusion.NO_OTHERS),
                List.of(WindowCall.aggregate(BuiltinAggregates.lookup("sum", PgType.INT4), x)), es.ctx());
        WindowAgg groups = new WindowAgg(range, new int[0], order, new WindowFrame(WindowFrame.Mode.GROUPS,
                WindowFrame.Bound.OFFSET_PRECEDING, c(1), WindowFrame.Bound.OFFSET_FOLLOWING, c(1),
                WindowFrame.Exclusion.CURRENT_ROW), List.of(WindowCall.aggregate(BuiltinAggregates.countStar())),
                es.ctx());
        WindowAgg ties = new WindowAgg(groups, new int[0], order, new WindowFrame(WindowFrame.Mode.ROWS,
                WindowFrame.Bound.UNBOUNDED_PRECEDING, null, WindowFrame.Bound.UNBOUNDED_FOLLOWING, null,
                WindowFrame.Exclusion.TIES), List.of(WindowCall.of(WindowCall.Kind.NTH_VALUE, x, c(2))), es.ctx());
        assertEquals("""
                10|30|10|2|20
                20|50|50|3|20
                20|70|50|3|20
                30|95|70|3|20
                45|75|45|1|20
                """, fmt(Rows.drain(ties)));
    }

    @Test
    void ntileRejectsZero() {
        EState es = Rows.estate(dir, 1 << 20);
        WindowAgg w = new WindowAgg(Rows.of(List.<Object[]>of(r(1))), new int[0], List.of(), WindowFrame.DEFAULT,
                List.of(WindowCall.of(WindowCall.Kind.NTILE, c(0))), es.ctx());
        PgException e = assertThrows(PgException.class, w::next);
        assertEquals("argument of ntile must be greater than zero", e.getMessage());
    }

    @Test
    void groupingSetsRollup() {
        EState es = Rows.estate(dir, 1 << 20);
        List<Object[]> input = List.of(r("a", 1, 10L), r("a", 2, 20L), r("b", 1, 5L));
        Agg agg = new Agg(Agg.Strategy.HASHED, Rows.of(input), new int[] {0, 1},
                List.of(new int[] {0, 1}, new int[] {0}, new int[0]),
                List.of(AggCall.simple(BuiltinAggregates.lookup("sum", PgType.INT8), List.of(Rows.col(2, PgType.INT8)))),
                es, 2, null);
        assertEquals("""
                a|1|0|10
                a|2|0|20
                b|1|0|5
                a||1|30
                b||1|5
                ||3|35
                """, fmt(Rows.drain(agg)));
    }

    @Test
    void plainAggOverNothingGivesOneRowAndSortedAggGroups() {
        EState es = Rows.estate(dir, 1 << 20);
        Agg plain = new Agg(Agg.Strategy.PLAIN, Rows.of(List.<Object[]>of()), new int[0], null, List.of(
                AggCall.simple(BuiltinAggregates.countStar(), List.of()),
                AggCall.simple(BuiltinAggregates.lookup("max", PgType.INT4), List.of(Rows.col(0)))), es, 0, null);
        assertEquals("0|0|\n", fmt(Rows.drain(plain)));
        List<Object[]> input = List.of(r(1, 1), r(1, 3), r(2, null), r(3, 4));
        AggCall avg = AggCall.simple(BuiltinAggregates.lookup("avg", PgType.INT4), List.of(Rows.col(1)));
        AggCall distinctCount = new AggCall(BuiltinAggregates.lookup("count", PgType.INT4), List.of(Rows.col(0)), true,
                null, List.of(), List.of());
        Agg sorted = new Agg(Agg.Strategy.SORTED, Rows.of(input), new int[] {0}, null, List.of(avg, distinctCount), es, 1, null);
        assertEquals("1|0|2.0000000000000000|1\n2|0||1\n3|0|4.0000000000000000|1\n", fmt(Rows.drain(sorted)));
    }

    @Test
    void orderedStringAgg() {
        EState es = Rows.estate(dir, 1 << 20);
        List<Object[]> input = List.of(r("b", 2), r("a", 3), r(null, 1), r("c", 1));
        AggCall sa = new AggCall(BuiltinAggregates.stringAgg(), List.of(Rows.col(0, PgType.TEXT),
                new ConstExpr(PgType.TEXT, -1, ",")), false, null, List.of(Rows.col(1)), List.of(SortColumn.desc(0)));
        assertEquals("0|a,b,c\n", fmt(Rows.drain(new Agg(Agg.Strategy.PLAIN, Rows.of(input), new int[0], null, List.of(sa), es,
                0, null))));
    }

    @Test
    void mergeJoinAndNestLoopAgreeWithReference() {
        Random rnd = new Random(9);
        List<Object[]> outer = new ArrayList<>();
        List<Object[]> inner = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            outer.add(r(rnd.nextInt(10) == 0 ? null : rnd.nextInt(60), "o" + i));
            inner.add(r(rnd.nextInt(10) == 0 ? null : rnd.nextInt(60), "i" + i));
        }
        for (JoinType t : JoinType.values()) {
            EState es = Rows.estate(dir, 1 << 20);
            List<String> expected = ReferenceJoin.join(t, outer, inner, 2, 2, 0, 0);
            MergeJoin mj = new MergeJoin(t, new Sort(Rows.of(outer), List.of(SortColumn.asc(0)), es), 2,
                    new Sort(Rows.of(inner), List.of(SortColumn.asc(0)), es), 2, List.of(Rows.col(0)),
                    List.of(Rows.col(0)), null, null, es.ctx());
            assertEquals(expected, Rows.sorted(Rows.drain(mj)), "merge " + t);
            if (t != JoinType.RIGHT && t != JoinType.FULL) {
                NestLoop nl = new NestLoop(t, Rows.of(outer), 2, Rows.of(inner), 2, Rows.eq(Rows.col(0), Rows.col(2)),
                        null, List.of(), es.ctx());
                assertEquals(expected, Rows.sorted(Rows.drain(nl)), "nestloop " + t);
            }
        }
    }

    @Test
    void nestLoopParamsDriveALateralFunctionScan() {
        EState es = Rows.estate(dir, 1 << 20);
        // select * from (values (1), (3)) v(n), lateral generate_series(1, n)
        FunctionScan fs = new FunctionScan(List.of(new FunctionScan.Call(new GenerateSeries(PgType.INT4),
                List.of(new ConstExpr(PgType.INT4, -1, 1), new ExecParamExpr(0, PgType.INT4, -1)))), true, es.ctx());
        NestLoop nl = new NestLoop(JoinType.INNER, Rows.of(List.of(r(1), r(3), r(0))), 1, fs, 2, null, null,
                List.of(new NestLoop.NestParam(0, Rows.col(0))), es.ctx());
        assertEquals("1|1|1\n3|1|1\n3|2|2\n3|3|3\n", fmt(Rows.drain(nl)));
    }

    @Test
    void setOperationsAndUniqueAndLimitWithTies() {
        EState es = Rows.estate(dir, 1 << 20);
        List<Object[]> left = List.of(r(1), r(1), r(2), r(3), r((Object) null), r((Object) null));
        List<Object[]> right = List.of(r(1), r(3), r(3), r((Object) null));
        assertEquals("1\n3\n\n", fmt(Rows.drain(new SetOp(SetOp.Command.INTERSECT, Rows.of(left), Rows.of(right), es))));
        assertEquals("1\n3\n\n", fmt(Rows.drain(new SetOp(SetOp.Command.INTERSECT_ALL, Rows.of(left), Rows.of(right), es))));
        assertEquals("2\n", fmt(Rows.drain(new SetOp(SetOp.Command.EXCEPT, Rows.of(left), Rows.of(right), es))));
        assertEquals("1\n2\n\n", fmt(Rows.drain(new SetOp(SetOp.Command.EXCEPT_ALL, Rows.of(left), Rows.of(right), es))));
        PlanState union = new Unique(new Sort(new Append(List.of(Rows.of(left), Rows.of(right))),
                List.of(SortColumn.asc(0)), es), new int[] {0});
        assertEquals("1\n2\n3\n\n", fmt(Rows.drain(union)));
        List<Object[]> scores = List.of(r(5), r(4), r(4), r(4), r(3));
        Limit ties = new Limit(Rows.of(scores), null, c(2), SortColumn.comparator(List.of(SortColumn.desc(0))), es.ctx());
        assertEquals("5\n4\n4\n4\n", fmt(Rows.drain(ties)));
        Limit plain = new Limit(Rows.of(scores), c(1), c(2), null, es.ctx());
        assertEquals("4\n4\n", fmt(Rows.drain(plain)));
        PgException e = assertThrows(PgException.class, () -> new Limit(Rows.of(scores), null, c(-1), null, es.ctx()).next());
        assertEquals("LIMIT must not be negative", e.getMessage());
    }

    @Test
    void recursiveUnionStopsUnderLimitAndDeduplicates() {
        EState es = Rows.estate(dir, 1 << 20);
        // with recursive t(n) as (select 1 union all select n + 1 from t) select * from t limit 5
        WorkTable wt = new WorkTable();
        Expr plusOne = new Expr() {
            @Override public PgType type() { return PgType.INT4; }
            @Override public Object eval(EvalContext ctx) { return (Integer) ctx.row()[0] + 1; }
        };
        RecursiveUnion ru = new RecursiveUnion(new Result(null, null, List.of(new ConstExpr(PgType.INT4, -1, 1)), es.ctx()),
                new Result(new WorkTableScan(wt), null, List.of(plusOne), es.ctx()), wt, false, es);
        assertEquals("1\n2\n3\n4\n5\n", fmt(Rows.drain(new Limit(ru, null, c(5), null, es.ctx()))));
        // union (distinct) of n % 3 terminates: 0, 1, 2
        WorkTable wt2 = new WorkTable();
        Expr mod = new Expr() {
            @Override public PgType type() { return PgType.INT4; }
            @Override public Object eval(EvalContext ctx) { return ((Integer) ctx.row()[0] + 1) % 3; }
        };
        RecursiveUnion cyc = new RecursiveUnion(new Result(null, null, List.of(new ConstExpr(PgType.INT4, -1, 0)), es.ctx()),
                new Result(new WorkTableScan(wt2), null, List.of(mod), es.ctx()), wt2, true, es);
        assertEquals("0\n1\n2\n", fmt(Rows.drain(cyc)));
    }

    @Test
    void cteIsComputedOnceForAllReaders() {
        EState es = Rows.estate(dir, 1 << 20);
        int[] produced = {0};
        PlanState counting = new PlanState() {
            @Override
            public Object[] next() {
                return produced[0] < 3 ? r(++produced[0]) : null;
            }
        };
        CteState cte = new CteState(counting, es);
        CteScan a = new CteScan(cte, true);
        CteScan b = new CteScan(cte, false);
        assertEquals("1|1\n", fmt(List.<Object[]>of(new Object[] {a.next()[0], b.next()[0]})));
        assertEquals("2\n3\n", fmt(Rows.drain(a)));
        assertEquals("2\n3\n", fmt(Rows.drain(b)));
        assertEquals(3, produced[0]);
    }

    @Test
    void subPlansExistsScalarAnyAll() {
        EState es = Rows.estate(dir, 1 << 20);
        EvalContext ctx = es.ctx();
        List<Object[]> sub = List.of(r(1), r(2), r((Object) null));
        Expr lhsEq = Rows.eq(Rows.col(0), new ExecParamExpr(5, PgType.INT4, -1));
        SubPlanExpr in = new SubPlanExpr(SubPlanExpr.Kind.ANY, Rows.of(sub), List.of(), lhsEq, new int[] {5}, PgType.BOOL);
        SubPlanExpr all = new SubPlanExpr(SubPlanExpr.Kind.ALL, Rows.of(sub), List.of(), lhsEq, new int[] {5}, PgType.BOOL);
        List<String> got = new ArrayList<>();
        for (Object v : new Object[] {1, 3}) {
            ctx.setRow(r(v));
            got.add(in.eval(ctx) + "/" + all.eval(ctx) + "/" + Arrays.toString(ctx.row()));
        }
        assertEquals(List.of("true/false/[1]", "null/false/[3]"), got);
        // correlated scalar subquery: (select x * 10 from (values (outer.n)) s(x))
        Expr times10 = new Expr() {
            @Override public PgType type() { return PgType.INT4; }
            @Override public Object eval(EvalContext c) { return (Integer) c.execParam(7) * 10; }
        };
        SubPlanExpr scalar = new SubPlanExpr(SubPlanExpr.Kind.EXPR, new Result(null, null, List.of(times10), ctx),
                List.of(new SubPlanExpr.Param(7, Rows.col(0))), null, new int[0], PgType.INT4);
        Result outer = new Result(Rows.of(List.of(r(1), r(2))), null, List.of(Rows.col(0), scalar), ctx);
        assertEquals("1|10\n2|20\n", fmt(Rows.drain(outer)));
        SubPlanExpr tooMany = new SubPlanExpr(SubPlanExpr.Kind.EXPR, Rows.of(sub), List.of(), null, new int[0], PgType.INT4);
        PgException e = assertThrows(PgException.class, () -> tooMany.eval(ctx));
        assertEquals("21000", e.sqlState());
        SubPlanExpr exists = new SubPlanExpr(SubPlanExpr.Kind.EXISTS, Rows.of(List.<Object[]>of()), List.of(), null, new int[0], null);
        assertTrue(Boolean.FALSE.equals(exists.eval(ctx)));
    }
}
