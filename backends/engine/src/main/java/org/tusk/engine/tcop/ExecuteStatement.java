package org.tusk.engine.tcop;

import java.util.List;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.engine.analyze.ExecuteParams;
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
            entry.countExecution(session.setting("plan_cache_mode"));
            return new TuskPortal(session, entry.statement, values, own.columns());
        });
    }
}
