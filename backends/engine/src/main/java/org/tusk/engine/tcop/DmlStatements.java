package org.tusk.engine.tcop;

import org.tusk.engine.analyze.ModifyAnalyzer;
import org.tusk.engine.analyze.ParseState;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.commands.DmlCommand;
import org.tusk.engine.commands.copy.CopyCommand;
import org.tusk.engine.nodes.CopyStmt;
import org.tusk.engine.nodes.RawStmt;

/**
 * The traffic cop's door to data modification: INSERT, UPDATE, DELETE
 * (ModifyAnalyzer) and COPY (CopyCommand) are analyzed at prepare time into
 * a {@link DmlCommand} the portal runs; VACUUM/ANALYZE take the same path.
 */
final class DmlStatements {

    private DmlStatements() {
    }

    /** The analyzed command, or null when {@code stmt} is not a DML statement. */
    static DmlCommand prepare(TuskSession session, SystemRelations relations, RawStmt stmt, ParseState pstate) {
        if (stmt instanceof org.tusk.engine.nodes.VacuumStmt vacuum && session.storage() != null) {
            return new org.tusk.engine.commands.vacuum.VacuumCommand(session, vacuum, session::inTransactionBlockOrImplicit);
        }
        if (!ModifyAnalyzer.handles(stmt) && !(stmt instanceof CopyStmt)) {
            return null;
        }
        ModifyAnalyzer analyzer = new ModifyAnalyzer(session, relations, session.typeContext());
        if (stmt instanceof CopyStmt copy) {
            return new CopyCommand(session, copy, analyzer);
        }
        allowModifyingCtes(session, relations, pstate, stmt.commandName());
        DmlCommand command = analyzer.analyze(stmt, pstate);
        org.tusk.engine.relcache.RelationDesc target = analyzer.target();
        if (target == null || isTemp(target)) {
            return command;
        }
        return readOnlyChecked(session, command, stmt.commandName());
    }

    /**
     * Lets the statement's WITH queries be INSERT/UPDATE/DELETE: each is analyzed like a statement of its
     * own and checked against a read-only transaction under the outer statement's command name
     * (ExecCheckXactReadOnly names the whole statement: "cannot execute SELECT in a read-only transaction").
     */
    static void allowModifyingCtes(TuskSession session, SystemRelations relations, ParseState pstate,
            String commandName) {
        if (session.storage() == null || pstate.modifyingCtesAllowed()) {
            return;
        }
        pstate.allowModifyingCtes((cte, level) -> {
            ModifyAnalyzer analyzer = new ModifyAnalyzer(session, relations, session.typeContext());
            DmlCommand command = analyzer.analyze(cte, level);
            org.tusk.engine.relcache.RelationDesc target = analyzer.target();
            return target == null || isTemp(target) ? command : readOnlyChecked(session, command, commandName);
        });
    }

    /** rd_islocaltemp: a relation of a temporary schema, which a read-only transaction may change. */
    static boolean isTemp(org.tusk.engine.relcache.RelationDesc rel) {
        return rel.namespaceName() != null && rel.namespaceName().startsWith("pg_temp");
    }

    /**
     * ExecCheckXactReadOnly: changing a permanent table fails in a read-only transaction, checked when
     * the statement runs (a PREPAREd UPDATE is fine, its EXECUTE in a read-only transaction is not).
     */
    private static DmlCommand readOnlyChecked(TuskSession session, DmlCommand command, String commandName) {
        return new DmlCommand() {
            @Override
            public java.util.List<org.tusk.api.engine.Column> resultColumns() {
                return command.resultColumns();
            }

            @Override
            public Result execute(org.tusk.engine.expr.EvalContext ctx, org.tusk.api.engine.RowReceiver receiver) {
                session.preventCommandIfReadOnly(commandName);
                return command.execute(ctx, receiver);
            }

            @Override
            public java.util.List<String> explainAnalyze(org.tusk.engine.expr.EvalContext ctx,
                    org.tusk.engine.planner.Explain.Options options) {
                session.preventCommandIfReadOnly(commandName);
                return command.explainAnalyze(ctx, options);
            }

            @Override
            public Explained explained() {
                return command.explained();
            }
        };
    }
}
