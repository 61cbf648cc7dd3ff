package org.tusk.engine.commands;

import java.util.List;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.RowReceiver;
import org.tusk.engine.expr.EvalContext;

/**
 * An analyzed data-modifying statement (INSERT, UPDATE, DELETE, COPY) as
 * the portal runs it: to completion on the first execute (PostgreSQL's
 * PORTAL_ONE_RETURNING keeps RETURNING rows in a tuplestore the same way),
 * its RETURNING rows then handed out like a utility command's.
 */
public interface DmlCommand {

    /** RETURNING's columns, or null when the statement returns no rows. */
    List<Column> resultColumns();

    /** The command's outcome: its tag ("INSERT 0 3") and RETURNING rows. */
    record Result(String tag, List<Object[]> rows) {
    }

    /**
     * Runs the statement with the portal's parameters in {@code ctx};
     * {@code receiver} is for COPY's sub-protocol only (rows come back in the result).
     */
    Result execute(EvalContext ctx, RowReceiver receiver);

    /**
     * What EXPLAIN shows of an UPDATE or DELETE (ModifyTable): the node's label ("Update on t"), one
     * line per result relation of an inheritance set ("Update on child t_1"), and the query whose plan
     * produces the rows to change. Null when the command cannot be explained yet.
     */
    default Explained explained() {
        return null;
    }

    /**
     * EXPLAIN ANALYZE: runs the statement with its plan instrumented and returns the QUERY PLAN lines;
     * null when the command cannot be explained so yet.
     */
    default List<String> explainAnalyze(EvalContext ctx, org.tusk.engine.planner.Explain.Options options) {
        return null;
    }

    /**
     * {@code projected}: a Result projects the source's rows (an UPDATE of a plain inheritance set).
     * For EXPLAIN VERBOSE: {@code verboseLabel} names the relation with its schema, and
     * {@code targets} is the target list PostgreSQL's plan computes (an UPDATE's new values of the
     * assigned columns in column order, its multiple-assignment SubPlans, then the row's ctid; a
     * DELETE's ctid), or null when Tusk cannot describe it (inheritance).
     */
    record Explained(String label, List<String> resultRelations, boolean projected,
            org.tusk.engine.analyze.Query source, String verboseLabel, List<org.tusk.engine.expr.Expr> targets) {
    }
}
