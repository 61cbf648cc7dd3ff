package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.expr.*;
import org.tusk.engine.types.PgType;

/**
 * eval_const_expressions: the planner evaluates immutable function calls whose
 * arguments are all constants, so errors like "integer out of range" in
 * {@code select 2147483647 + 1} surface at planning time, before any row
 * description, as in PostgreSQL. Applied to the target list of the top level.
 */
public final class ConstantFolder {
    /** Functions that are volatile or stable (their value depends on time, session or settings). */
    private static final Set<String> NOT_IMMUTABLE = Set.of("now", "transaction_timestamp", "statement_timestamp",
            "clock_timestamp", "pg_sleep", "current_setting", "set_config", "pg_backend_pid", "pg_cancel_backend",
            "pg_terminate_backend", "current_database", "current_schema", "current_user", "session_user", "user",
            "current_role", "current_catalog", "current_timestamp", "localtimestamp", "current_date", "version",
            "pg_is_in_recovery", "random", "nextval", "currval", "setval", "txid_current", "timeofday");

    private final EvalContext ctx;

    private ConstantFolder(EvalContext ctx) {
        this.ctx = ctx;
    }

    public static Query fold(Query q, EvalContext ctx) {
        ConstantFolder f = new ConstantFolder(ctx);
        List<TargetEntry> targets = new ArrayList<>();
        for (TargetEntry t : q.targetList) {
            targets.add(new TargetEntry(t.name(), f.fold(t.expr()), t.tableOid(), t.attnum()));
        }
        q.targetList.clear();
        q.targetList.addAll(targets);
        // plan once now, so planning errors (an unsupported FULL JOIN) come before the row description
        Executor.start(q, new EvalContext(ctx.session(), new Object[0])).close();
        return q;
    }

    private static boolean timeDependent(PgType t) {
        return t == PgType.TIMESTAMPTZ || t == PgType.TIMESTAMP || t == PgType.DATE;
    }

    Expr fold(Expr e) {
        if (e == null) {
            return null;
        }
        if (e instanceof FuncExpr f) {
            List<Expr> args = foldAll(f.args());
            boolean allConst = !NOT_IMMUTABLE.contains(f.name()) && !timeDependent(f.type());
            for (Expr a : args) {
                if (!(a instanceof ConstExpr) || timeDependent(a.type()) || a.type() == PgType.UNKNOWN) {
                    allConst = false;
                }
            }
            FuncExpr rebuilt = new FuncExpr(f.name(), f.body(), args, f.type(), f.typmod(), f.strict());
            if (allConst) {
                return new ConstExpr(f.type(), f.typmod(), rebuilt.eval(ctx));
            }
            return rebuilt;
        }
        if (e instanceof BoolExpr b) {
            return new BoolExpr(b.op(), foldAll(b.args()));
        }
        if (e instanceof NullTestExpr n) {
            return new NullTestExpr(fold(n.arg()), n.isNot());
        }
        if (e instanceof BoolTestExpr b) {
            return new BoolTestExpr(fold(b.arg()), b.kind());
        }
        if (e instanceof CaseExpr c) {
            return new CaseExpr(foldAll(c.conditions()), foldAll(c.results()), fold(c.defaultResult()), c.type(), c.typmod());
        }
        if (e instanceof CoalesceExpr c) {
            return new CoalesceExpr(foldAll(c.args()), c.type());
        }
        return e;
    }

    private List<Expr> foldAll(List<Expr> in) {
        List<Expr> out = new ArrayList<>(in.size());
        for (Expr x : in) {
            out.add(fold(x));
        }
        return out;
    }
}
