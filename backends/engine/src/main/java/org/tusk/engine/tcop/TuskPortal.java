package org.tusk.engine.tcop;

import java.io.IOException;
import java.util.List;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.RowReceiver;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;

/** A bound statement: runs a query plan (resumably) or a utility command once. */
final class TuskPortal implements Portal {
    private final TuskSession session;
    private final TuskPreparedStatement statement;
    private final Object[] params;
    private final List<Column> columns;
    private PlanState plan;
    /** The number of target columns of the query the plan was started for (rows may carry resjunk keys). */
    private int width;
    private UtilityResult utility;
    private int utilityRow;
    private long rowsSent;
    private boolean done;

    TuskPortal(TuskSession session, TuskPreparedStatement statement, Object[] params, List<Column> columns) {
        this.session = session;
        this.statement = statement;
        this.params = params;
        this.columns = columns;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public String execute(long maxRows, RowReceiver receiver) throws IOException {
        return session.guardedIo(() -> {
            session.startStatementTimeout();
            try {
                return run(maxRows, receiver);
            } finally {
                session.stopStatementTimeout();
            }
        });
    }

    private String run(long maxRows, RowReceiver receiver) throws IOException {
        if (done) {
            return statement.query() != null ? "SELECT " + rowsSent : utility.tag();
        }
        session.beginStatement();
        long sentNow = 0;
        if (statement.query() == null) {
            if (utility == null && statement.dml() != null) {
                statement.countDmlExecution();
                var result = statement.dml().execute(new EvalContext(session, params), receiver);
                utility = new UtilityResult(result.tag(), result.rows());
            }
            if (utility == null) {
                utility = session.utility().execute(statement.parsed());
            }
            while (utilityRow < utility.rows().size()) {
                if (maxRows > 0 && sentNow >= maxRows) {
                    return null;
                }
                receiver.row(ResultEncoder.encode(utility.rows().get(utilityRow++), columns, session.typeContext()));
                sentNow++;
            }
            done = true;
            session.endStatement();
            return utility.tag();
        }
        if (plan == null) {
            width = statement.query().targets().size();
            plan = statement.startPlan(params);
        }
        while (true) {
            if (maxRows > 0 && sentNow >= maxRows) {
                return null;
            }
            session.backendCheckForInterrupts();
            Object[] row = plan.next();
            if (row == null) {
                break;
            }
            Object[] out = row.length == width ? row : java.util.Arrays.copyOf(row, width);
            receiver.row(ResultEncoder.encode(out, columns, session.typeContext()));
            sentNow++;
            rowsSent++;
        }
        done = true;
        session.endStatement();
        return "SELECT " + rowsSent;
    }

    /** The bound parameter values (EXECUTE evaluates its arguments with them). */
    Object[] params() {
        return params;
    }

    @Override
    public void close() {
        if (plan != null) {
            // ExecutorEnd: releases the query's temp files when a portal is closed before its end
            plan.close();
        }
        plan = null;
        done = true;
    }
}
