package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.ExecuteParams;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.ExplainStmt;
import org.tusk.engine.planner.Explain;
import org.tusk.engine.analyze.ParseState;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.nodes.ExecuteStmt;
import org.tusk.engine.parser.ParsedStatement;

/**
 * SQL-level EXECUTE name(args) (commands/prepare.c's ExecuteQuery): its result
 * columns are the named statement's; binding evaluates the arguments (which may
 * use the EXECUTE statement's own $n) and opens a portal on the named statement,
 * so the rows stream as if the statement had been bound directly.
 */
final class ExecuteStatement implements PreparedStatement {
    private final TuskSession session;
    private final PreparedStatements.Entry entry;
    private final List<Expr> arguments;
    /** Decodes this statement's own parameters and applies the result formats. */
    private final TuskPreparedStatement outer;

    private ExecuteStatement(TuskSession session, PreparedStatements.Entry entry, List<Expr> arguments,
            TuskPreparedStatement outer) {
        this.session = session;
        this.entry = entry;
        this.arguments = arguments;
        this.outer = outer;
    }

    /** Analyzes EXECUTE: the statement must exist (26000), the arguments must fit its parameters. */
    static ExecuteStatement prepare(TuskSession session, ParsedStatement parsed, ExecuteStmt stmt, ParseState pstate) {
        PreparedStatements.Entry entry = session.preparedStatements().fetch(stmt.name());
        List<Expr> args = ExecuteParams.transform(stmt.name(), stmt.params(), entry.statement.parameterTypes(), pstate,
                session.typeContext());
        TuskPreparedStatement outer = new TuskPreparedStatement(session, parsed, null, pstate.resolvedParamTypes(),
                entry.statement.resultColumns());
        return new ExecuteStatement(session, entry, args, outer);
    }

    /** EXPLAIN EXECUTE name(args): the named statement's plan for these argument values (ExplainExecuteQuery). */
    static List<Object[]> explain(TuskSession session, ExplainStmt explain, ExecuteStmt stmt) {
        PreparedStatements.Entry entry = session.preparedStatements().fetch(stmt.name());
        if (entry.statement.query() == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN of EXECUTE of "
                    + entry.statement.parsed().stmt().commandName() + " is not supported yet");
        }
        Explain.Options options = Explain.options(explain);
        List<Expr> args = ExecuteParams.transform(stmt.name(), stmt.params(), entry.statement.parameterTypes(),
                new ParseState(null), session.typeContext());
        EvalContext none = new EvalContext(session, new Object[0]);
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = args.get(i).eval(none);
        }
        List<Object[]> rows = new ArrayList<>();
        for (String line : entry.statement.explainPlan(values, options)) {
            rows.add(new Object[] {line});
        }
        return rows;
    }

    @Override
    public int[] parameterTypes() {
        return outer.parameterTypes();
    }

    @Override
    public List<Column> resultColumns() {
        return entry.statement.resultColumns();
    }

    @Override
    public Portal bind(List<byte[]> parameterValues, short[] parameterFormats, short[] resultFormats) {
        TuskPortal own = (TuskPortal) outer.bind(parameterValues, parameterFormats, resultFormats);
        return session.guarded(() -> {
            EvalContext ctx = new EvalContext(session, own.params());
            Object[] values = new Object[arguments.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = arguments.get(i).eval(ctx);
            }
            entry.statement.revalidate();
            return new TuskPortal(session, entry.statement, values, own.columns());
        });
    }
}
