package org.tusk.engine.tcop;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.engine.Column;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.RawStatement;
import org.tusk.api.engine.SessionHost;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.ParseState;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.SelectAnalyzer;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.guc.GucSettings;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.nodes.TransactionKind;
import org.tusk.engine.nodes.TransactionStmt;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TypeContext;

/**
 * One client session (postgres.c's per-backend state for a session): settings,
 * transaction block state, and the parse/analyze/bind/execute entry points.
 * Any error thrown out of an entry point aborts the current transaction first.
 */
final class TuskSession implements EngineSession, SessionServices {
    private static final Logger LOG = LoggerFactory.getLogger(TuskSession.class);

    private final SessionHost host;
    private final SystemRelations relations;
    private final String user;
    private final String database;
    private final GucSettings guc;
    private final UtilityCommands utility = new UtilityCommands(this);
    private final PreparedStatements preparedStatements = new PreparedStatements();
    private final Cursors cursors = new Cursors(this);
    private TransactionBlockState state = TransactionBlockState.DEFAULT;
    private final List<String> savepoints = new ArrayList<>();
    private long transactionStart;
    private long statementStart;

    TuskSession(SessionHost host, SystemRelations relations, String user, String database, GucSettings guc) {
        this.host = host;
        this.relations = relations;
        this.user = user;
        this.database = database;
        this.guc = guc;
        this.guc.changedReported();
        relations.addSessionView(new PgPreparedStatementsView());
        relations.addSessionView(new PgCursorsView());
    }

    PreparedStatements preparedStatements() { return preparedStatements; }
    Cursors cursors() { return cursors; }
    SystemRelations relations() { return relations; }

    /** PreCommit_Portals / AtAbort_Portals: cursors at the end of the transaction. */
    private void portalsAtTransactionEnd(boolean commit) {
        if (commit) {
            cursors.atCommit();
        } else {
            cursors.atAbort();
        }
    }

    GucSettings guc() { return guc; }
    UtilityCommands utility() { return utility; }

    // ---- error discipline ----

    interface Body<T> {
        T run();
    }

    interface IoBody<T> {
        T run() throws IOException;
    }

    <T> T guarded(Body<T> body) {
        try {
            return body.run();
        } catch (RuntimeException e) {
            throw abortFor(e);
        }
    }

    <T> T guardedIo(IoBody<T> body) throws IOException {
        try {
            return body.run();
        } catch (IOException e) {
            abortCurrent();
            throw e;
        } catch (RuntimeException e) {
            throw abortFor(e);
        }
    }

    /** Aborts the current transaction for an error; anything not already a PgException becomes XX000. */
    private PgException abortFor(RuntimeException e) {
        abortCurrent();
        if (e instanceof PgException pg) {
            return pg;
        }
        LOG.error("internal error in engine", e);
        return new PgException(Severity.ERROR, SqlState.INTERNAL_ERROR, String.valueOf(e), null, null, 0, e);
    }

    /** AbortCurrentTransaction: a block goes to the failed state; an implicit transaction waits for sync. */
    private void abortCurrent() {
        switch (state) {
            case INPROGRESS: state = TransactionBlockState.ABORT; break;
            case STARTED: state = TransactionBlockState.IMPLICIT_ABORT; break;
            default: break;
        }
    }

    // ---- transactions ----

    private void startTransactionCommand() {
        if (state == TransactionBlockState.DEFAULT) {
            state = TransactionBlockState.STARTED;
            transactionStart = DateTimes.toPgMicros(Instant.now());
            guc.beginTransaction();
        }
    }

    /** Marks the start of a statement (statement_timestamp) and makes sure a transaction is open. */
    void beginStatement() {
        startTransactionCommand();
    }

    boolean inTransactionBlock() {
        return state == TransactionBlockState.INPROGRESS || state == TransactionBlockState.ABORT;
    }

    private static boolean isTransactionExit(ParsedStatement p) {
        if (p.stmt() instanceof TransactionStmt t) {
            return t.kind() == TransactionKind.COMMIT || t.kind() == TransactionKind.ROLLBACK
                    || t.kind() == TransactionKind.ROLLBACK_TO;
        }
        return false;
    }

    private void checkNotAborted(ParsedStatement p) {
        if (state == TransactionBlockState.ABORT && !isTransactionExit(p)) {
            throw Ereport.error(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    String transactionCommand(TransactionStmt t) {
        switch (t.kind()) {
            case BEGIN: case START:
                if (state == TransactionBlockState.INPROGRESS) {
                    host.notice(Ereport.warning(SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress"));
                } else {
                    state = TransactionBlockState.INPROGRESS;
                    savepoints.clear();
                }
                for (org.tusk.engine.nodes.DefElem mode : t.options()) {
                    org.tusk.engine.nodes.AConst v = (org.tusk.engine.nodes.AConst) mode.arg();
                    String value = v.kind() == org.tusk.engine.nodes.ConstKind.BOOLEAN ? (v.val().equals("t") ? "on" : "off") : v.val();
                    guc.set(mode.defname(), value, true);
                }
                return t.kind().tag();
            case COMMIT:
                if (state == TransactionBlockState.INPROGRESS) {
                    endTransaction(true);
                    return "COMMIT";
                }
                if (state == TransactionBlockState.ABORT) {
                    endTransaction(false);
                    return "ROLLBACK";
                }
                host.notice(Ereport.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
                return "COMMIT";
            case ROLLBACK:
                if (inTransactionBlock()) {
                    endTransaction(false);
                } else {
                    host.notice(Ereport.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
                }
                return "ROLLBACK";
            case SAVEPOINT:
                requireBlock("SAVEPOINT");
                savepoints.add(t.savepointName());
                guc.savepoint();
                return "SAVEPOINT";
            case RELEASE: {
                requireBlock("RELEASE SAVEPOINT");
                int level = findSavepoint(t.savepointName());
                while (savepoints.size() > level) {
                    savepoints.remove(savepoints.size() - 1);
                }
                guc.releaseSavepoint(level);
                return "RELEASE";
            }
            case ROLLBACK_TO: {
                requireBlock("ROLLBACK TO SAVEPOINT");
                int level = findSavepoint(t.savepointName());
                while (savepoints.size() > level + 1) {
                    savepoints.remove(savepoints.size() - 1);
                }
                guc.rollbackToSavepoint(level);
                state = TransactionBlockState.INPROGRESS;
                return "ROLLBACK";
            }
            default:
                throw new IllegalStateException(t.kind().toString());
        }
    }

    private void requireBlock(String what) {
        if (!inTransactionBlock()) {
            throw Ereport.error(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " can only be used in transaction blocks");
        }
    }

    private int findSavepoint(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).equals(name)) {
                return i;
            }
        }
        throw Ereport.error("3B001", "savepoint \"" + name + "\" does not exist");
    }

    /** Ends a block; the rest of the query string runs in a new implicit transaction. */
    private void endTransaction(boolean commit) {
        portalsAtTransactionEnd(commit);
        if (commit) {
            guc.commit();
        } else {
            guc.abort();
        }
        savepoints.clear();
        state = TransactionBlockState.DEFAULT;
    }

    void discardAll() {
        guc.resetAll();
        cursors.closeAll();
        preparedStatements.dropAll();
    }

    // ---- EngineSession ----

    @Override
    public List<RawStatement> parse(String sql) {
        return guarded(() -> {
            statementStart = DateTimes.toPgMicros(Instant.now());
            startTransactionCommand();
            List<RawStatement> out = new ArrayList<>();
            for (ParsedStatement p : Parser.parse(sql)) {
                out.add(new TuskRawStatement(p));
            }
            return out;
        });
    }

    @Override
    public PreparedStatement prepare(RawStatement statement, int[] parameterTypeOids) {
        return guarded(() -> {
            startTransactionCommand();
            ParsedStatement parsed = ((TuskRawStatement) statement).parsed();
            checkNotAborted(parsed);
            if (parsed.stmt() instanceof org.tusk.engine.nodes.ExecuteStmt execute) {
                return ExecuteStatement.prepare(this, parsed, execute, new ParseState(parameterTypeOids));
            }
            ParseState pstate = new ParseState(parameterTypeOids);
            if (parsed.stmt() instanceof SelectStmt select) {
                Query query = new SelectAnalyzer(relations, typeContext()).analyze(select, pstate);
                query = org.tusk.engine.executor.ConstantFolder.fold(query, new org.tusk.engine.expr.EvalContext(this, new Object[0]));
                List<Column> columns = new ArrayList<>();
                for (TargetEntry t : query.targets()) {
                    PgType type = t.expr().type();
                    columns.add(new Column(t.name(), t.tableOid(), t.attnum(), type.oid(), type.typlen(),
                            t.expr().typmod(), (short) 0));
                }
                return new TuskPreparedStatement(this, parsed, query, pstate.resolvedParamTypes(), columns);
            }
            List<Column> columns = utility.describe(parsed.stmt());
            return new TuskPreparedStatement(this, parsed, null, pstate.resolvedParamTypes(), columns);
        });
    }

    /** EXPLAIN of a SELECT: the planner's QUERY PLAN lines as rows. */
    List<Object[]> explain(org.tusk.engine.nodes.ExplainStmt e) {
        if (e.query() instanceof org.tusk.engine.nodes.ExecuteStmt execute) {
            return ExecuteStatement.explain(this, e, execute);
        }
        if (!(e.query() instanceof SelectStmt select)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN of " + e.query().commandName()
                    + " is not supported yet");
        }
        org.tusk.engine.planner.Explain.Options options = org.tusk.engine.planner.Explain.options(e);
        Query query = new SelectAnalyzer(relations, typeContext()).analyze(select, new ParseState(null));
        List<Object[]> rows = new ArrayList<>();
        for (String line : org.tusk.engine.planner.Explain.explain(query, options,
                new org.tusk.engine.expr.EvalContext(this, new Object[0]))) {
            rows.add(new Object[] {line});
        }
        return rows;
    }

    @Override
    public char transactionStatus() {
        return state.readyForQueryStatus();
    }

    @Override
    public void sync() {
        if (state == TransactionBlockState.STARTED || state == TransactionBlockState.IMPLICIT_ABORT) {
            portalsAtTransactionEnd(state == TransactionBlockState.STARTED);
        }

        switch (state) {
            case STARTED:
                guc.commit();
                state = TransactionBlockState.DEFAULT;
                break;
            case IMPLICIT_ABORT:
                guc.abort();
                state = TransactionBlockState.DEFAULT;
                break;
            default:
                break;
        }
        reportChangedSettings();
    }

    private void reportChangedSettings() {
        for (Map.Entry<String, String> e : guc.changedReported().entrySet()) {
            host.parameterStatus(e.getKey(), e.getValue());
            if (e.getKey().equals("application_name") && host.backend() != null) {
                host.backend().reportApplicationName(e.getValue());
            }
        }
    }

    @Override
    public String setting(String name) {
        return guc.get(name);
    }

    @Override
    public Map<String, String> reportedSettings() {
        return guc.reported();
    }

    @Override
    public void close() {
        if (state != TransactionBlockState.DEFAULT) {
            guc.abort();
        }
        state = TransactionBlockState.DEFAULT;
        savepoints.clear();
        guc.resetAll();

        // DISCARD ALL's session state: cursors and prepared statements
        cursors.closeAll();
        preparedStatements.dropAll();
    }

    void backendCheckForInterrupts() {
        if (host.backend() != null) {
            host.backend().checkForInterrupts();
        }
    }

    // ---- SessionServices ----

    @Override
    public SessionHost host() {
        return host;
    }

    @Override
    public TypeContext typeContext() {
        int extra = 1;
        try {
            extra = Integer.parseInt(guc.show("extra_float_digits"));
        } catch (NumberFormatException e) {
            // keep the default
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(guc.show("TimeZone"));
        } catch (RuntimeException e) {
            zone = ZoneId.of("UTC");
        }
        return new TypeContext(zone, extra, transactionStart);
    }

    @Override
    public String currentSetting(String name, boolean missingOk) {
        String v = guc.get(name);
        if (v == null && !missingOk) {
            throw GucSettings.unrecognized(name);
        }
        return v;
    }

    @Override
    public String setConfig(String name, String value, boolean isLocal) {
        return guc.set(name, value, isLocal);
    }

    @Override
    public long transactionStartMicros() {
        return transactionStart;
    }

    @Override
    public long statementStartMicros() {
        return statementStart;
    }

    @Override
    public String currentUser() {
        return user;
    }

    @Override
    public String sessionUser() {
        return user;
    }

    @Override
    public String databaseName() {
        return database;
    }
}
