package org.tusk.engine.executor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.types.PgType;

/** Test helpers: in-memory inputs, column references and draining. */
final class Rows {
    private Rows() {}

    static PlanState of(List<Object[]> rows) {
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

    static List<Object[]> drain(PlanState p) {
        List<Object[]> out = new ArrayList<>();
        Object[] r;
        while ((r = p.next()) != null) {
            out.add(r);
        }
        return out;
    }

    static EState estate(Path dir, long workMemBytes) {
        return new EState(new EvalContext(null, new Object[0]), workMemBytes, new TempFiles(dir, 4242));
    }

    static Expr col(int i, PgType t) {
        return new VarExpr(i, t, -1, "t", "c" + i);
    }

    static Expr col(int i) {
        return col(i, PgType.INT4);
    }

    /** a = b with SQL's NULL semantics. */
    static Expr eq(Expr a, Expr b) {
        return new Expr() {
            @Override
            public PgType type() {
                return PgType.BOOL;
            }

            @Override
            public Object eval(EvalContext ctx) {
                Object[] saved = ctx.row();
                Object x = a.eval(ctx);
                ctx.setRow(saved);
                Object y = b.eval(ctx);
                return x == null || y == null ? null : SortColumn.compareNonNull(x, y) == 0;
            }
        };
    }

    static String show(Object[] row) {
        return java.util.Arrays.toString(row);
    }

    static List<String> show(List<Object[]> rows) {
        List<String> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(show(r));
        }
        return out;
    }

    static List<String> sorted(List<Object[]> rows) {
        List<String> s = show(rows);
        java.util.Collections.sort(s);
        return s;
    }
}
