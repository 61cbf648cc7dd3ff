package org.tusk.engine.tcop;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.engine.storage.StorageTransaction;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.relcache.RelationCache;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.StoredRelation;
import org.tusk.xact.IsolationLevel;
import org.tusk.lmgr.InterruptCheck;
import org.tusk.lmgr.StatementTimeout;

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
import org.tusk.engine.guc.SettingDerivedValue;
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
final class TuskSession implements EngineSession, SessionServices, StorageSession, SearchPathProvider,
        org.tusk.engine.expr.CurrentOfCheck.CursorPositions,
        org.tusk.engine.acl.PrivilegeSession, org.tusk.engine.executor.modify.TriggerFunctions {
    private static final Logger LOG = LoggerFactory.getLogger(TuskSession.class);

    private final SessionHost host;
    private final SystemRelations relations;
    private final String user;
    private final String database;
    private final GucSettings guc;
    /** search_path parsed, "$user" resolved (a copy is handed out: callers may change theirs). */
    private final SettingDerivedValue<List<String>> parsedSearchPath;
    private final SettingDerivedValue<IsolationLevel> isolationLevel;
    private final SettingDerivedValue<Boolean> transactionReadOnly;
    private final SettingDerivedValue<String> currentUser;
    /** statement_timeout in ms: every Execute asks (pgbench -S: once per transaction). */
    private final SettingDerivedValue<Long> statementTimeoutMillis;
    /** plan_cache_mode: every Bind of a statement with parameters asks. */
    private final SettingDerivedValue<String> planCacheMode;
    private final SettingDerivedValue<String> workMem;
    private final UtilityCommands utility = new UtilityCommands(this);
    private final PreparedStatements preparedStatements = new PreparedStatements();
    private final Cursors cursors = new Cursors(this);
    private TransactionBlockState state = TransactionBlockState.DEFAULT;
    private final List<String> savepoints = new ArrayList<>();
    /** PushOverrideSearchPath: the path CREATE SCHEMA's elements run with, else null. */
    private List<String> searchPathOverride;
    /** transaction_read_only when each savepoint was set (a subtransaction's end restores XactReadOnly). */
    private final List<String> savepointReadOnly = new ArrayList<>();
    private long transactionStart;
    private long statementStart;
    /** The storage transaction, or null for a session without storage (engine tests without a cluster). */
    private final StorageTransaction storage;
    /** This session's reports to pg_stat_database's counters. */
    private final DatabaseStatsReport statsReport;
    private final RelationCache relcache;
    /** pg_authid / pg_auth_members as the engine was given them; null: privileges are not checked. */
    private org.tusk.api.auth.RoleStore roleStore;
    private long userOid;
    /** The shared LISTEN/NOTIFY queue of this backend, or null (no cluster: a session hears only itself). */
    private volatile org.tusk.storage.AsyncNotifyQueue notifyQueue;
    private final AsyncNotifications notifications;

    TuskSession(SessionHost host, SystemRelations relations, String user, String database, GucSettings guc) {
        this(host, relations, user, database, guc, null);
    }

    TuskSession(SessionHost host, SystemRelations relations, String user, String database, GucSettings guc,
            StorageTransaction storage) {
        this.host = host;
        this.storage = storage;
        this.statsReport = new DatabaseStatsReport(storage,
                host == null || host.backend() == null || host.backend().countsInStatistics());
        this.relcache = storage == null ? null
                : new RelationCache(() -> new CatalogAccess(storage, isolationLevel()));
        if (relcache != null) {
            storage.setCacheInvalidation(relcache);
            relations.useStoredRelations((schema, name) -> {
                org.tusk.engine.catalog.VirtualRelation r = StoredRelation.lookup(this, schema, name);
                // a relation in FROM is read: SELECT on it (ExecCheckRTPerms)
                if (r instanceof StoredRelation stored) {
                    if (!org.tusk.engine.analyze.SelectAnalyzer.insideView()) {
                        org.tusk.engine.acl.AccessChecks.checkRelation(this, stored.relation(),
                                org.tusk.engine.acl.AclMode.SELECT);
                    }
                    if (stored.relation().kind() == 'v') {
                        // a view: the analyzer expands its _RETURN rule's SELECT
                        return new org.tusk.engine.catalog.ViewRelation(stored.relation(),
                                org.tusk.engine.catalog.ViewRelation.definition(catalogAccess(), stored.relation().oid()));
                    }
                }
                return org.tusk.engine.executor.scan.StorageBaseRelation.resolve(r, this);
            });
        }
        this.relations = relations;
        this.user = user;
        this.database = database;
        this.guc = guc;
        this.parsedSearchPath = new SettingDerivedValue<>(guc, this::parseSearchPath);
        this.statementTimeoutMillis = new SettingDerivedValue<>(guc, () -> {
            Long ms = org.tusk.api.setting.GucUnit.MS.parse(String.valueOf(guc.get("statement_timeout")));
            return ms == null ? 0L : ms;
        });
        this.planCacheMode = new SettingDerivedValue<>(guc, () -> guc.get("plan_cache_mode"));
        this.workMem = new SettingDerivedValue<>(guc, () -> guc.get("work_mem"));
        this.isolationLevel = new SettingDerivedValue<>(guc,
                () -> StorageTransaction.isolationLevel(guc.show("transaction_isolation")));
        this.transactionReadOnly = new SettingDerivedValue<>(guc, () -> "on".equals(guc.show("transaction_read_only")));
        this.currentUser = new SettingDerivedValue<>(guc, () -> {
            String role = guc.get("role");
            return role == null || role.isEmpty() || role.equals("none") ? sessionUser() : role;
        });
        this.guc.changedReported();
        this.notifications = new AsyncNotifications(() -> notifyQueue, host,
                storage == null ? 0 : storage.databaseOid());
        this.procs = new SessionProcs(this);
        this.regprocResolver = procs.regprocResolver();
        this.types = new SessionTypes(this);
        relations.addSessionView(new PgPreparedStatementsView());
        relations.addSessionView(new PgCursorsView());
    }

    PreparedStatements preparedStatements() { return preparedStatements; }
    Cursors cursors() { return cursors; }

    @Override
    public boolean hasOpenCursors() {
        return cursors.anyOpen();
    }

    @Override
    public Object currentTupleId(String cursor, long relOid, String relName) {
        return cursors.currentTupleId(cursor, relOid, relName);
    }
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

    /** Checks privileges against {@code store} from now on, as the role it names {@code user}. */
    void useRoleStore(org.tusk.api.auth.RoleStore store) {
        this.roleStore = store;
        org.tusk.api.auth.RoleRecord r = store == null ? null : store.byName(user);
        this.userOid = r == null ? 0 : r.oid();
    }

    @Override
    public org.tusk.api.auth.RoleStore roleStore() { return roleStore; }

    @Override
    public long currentUserOid() {
        String current = currentUser();
        if (roleStore == null || current.equals(user)) {
            return userOid;
        }
        org.tusk.api.auth.RoleRecord r = roleStore.byName(current);
        return r == null ? 0 : r.oid();
    }

    @Override
    public CatalogAccess catalogAccess() {
        return storage == null ? null : new CatalogAccess(storage, isolationLevel());
    }

    /** The session's storage transaction (null without storage). */
    @Override
    public StorageTransaction storage() { return storage; }

    @Override
    public RelationCache relcache() { return relcache; }

    /** The schemas of search_path, in order ("$user" becomes the session user's name). */
    @Override
    public List<String> searchPath() {
        if (searchPathOverride != null) {
            return new ArrayList<>(searchPathOverride);
        }
        return new ArrayList<>(parsedSearchPath.get());
    }

    private List<String> parseSearchPath() {
        List<String> out = new ArrayList<>();
        String path = guc.get("search_path");
        if (path == null) {
            path = "\"$user\", public";
        }
        for (String part : path.split(",")) {
            String p = part.trim();
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
                p = p.substring(1, p.length() - 1).replace("\"\"", "\"");
            } else {
                p = p.toLowerCase(java.util.Locale.ROOT);
            }
            out.add(p.equals("$user") ? currentUser() : p);
        }
        return List.copyOf(out);
    }

    /** The isolation level the storage transaction starts with (transaction_isolation). */
    public IsolationLevel isolationLevel() {
        return isolationLevel.get();
    }

    /** The transaction as access methods take it (starts the storage transaction). */
    @Override
    public TransactionContext transactionContext() {
        return requireStorage().context(isolationLevel());
    }

    /** The current statement's MVCC snapshot. */
    @Override
    public Snapshot snapshot() {
        return requireStorage().snapshot(isolationLevel());
    }

    private StorageTransaction requireStorage() {
        if (storage == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "this session has no storage");
        }
        return storage;
    }

    /** End of a statement: the next one sees its changes (CommandCounterIncrement) with a new snapshot. */
    void endStatement() {
        if (storage != null) {
            storage.endStatement();
        }
    }
    UtilityCommands utility() { return utility; }

    // ---- error discipline ----

    interface Body<T> {
        T run();
    }

    interface IoBody<T> {
        T run() throws IOException;
    }

    /**
     * The per-thread hooks through which type I/O and function resolution reach this session's
     * catalogs (reg* names, user functions and types); set on entry because a backend's thread
     * may serve another session next.
     */
    private void installSessionLookups() {
        InstalledLookups last = installedLookups;
        Thread thread = Thread.currentThread();
        if (last != null && last.thread() == thread && last.session() == this) {
            // the most recent installation on any thread was this session's on this one: the five
            // thread-locals still hold its look-ups (several guarded calls per statement set them)
            return;
        }
        org.tusk.engine.types.RegclassIo.install(regclassResolver);
        org.tusk.engine.types.RegprocIo.install(regprocResolver);
        org.tusk.engine.func.UserProcs.install(procs);
        org.tusk.engine.types.UserTypes.install(types);
        org.tusk.engine.error.NoticeSink.install(host::notice);
        installedLookups = new InstalledLookups(thread, this);
    }

    /** Which session last installed its look-ups, on which thread (a backend runs one session on one thread). */
    private record InstalledLookups(Thread thread, TuskSession session) {}

    private static InstalledLookups installedLookups;

    <T> T guarded(Body<T> body) {
        installSessionLookups();
        try {
            return body.run();
        } catch (RuntimeException e) {
            throw abortFor(e);
        }
    }

    <T> T guardedIo(IoBody<T> body) throws IOException {
        installSessionLookups();
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
            if (SqlState.DEADLOCK_DETECTED.equals(pg.sqlState())) {
                statsReport.deadlock();
            }
            return pg;
        }
        LOG.error("internal error in engine", e);
        return new PgException(Severity.ERROR, SqlState.INTERNAL_ERROR, String.valueOf(e), null, null, 0, e);
    }

    /** AbortCurrentTransaction: a block goes to the failed state; an implicit transaction waits for sync. */
    private void abortCurrent() {
        // AbortTransaction releases locks at once; with savepoints the work is undone by ROLLBACK TO or ROLLBACK
        if (storage != null && (state == TransactionBlockState.STARTED || savepoints.isEmpty())) {
            abortStorage();
        }
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
            // StartTransaction: xactStartTimestamp = stmtStartTimestamp, the statement that opens it
            transactionStart = statementStart;
            guc.beginTransaction();
            applyTransactionCharacteristics(null);
        }
    }

    /** The transaction's isolation level, read-only and deferrable settings, in that order. */
    private static final List<String> TRANSACTION_CHARACTERISTICS =
            List.of("transaction_isolation", "transaction_read_only", "transaction_deferrable");

    /**
     * StartTransaction's XactIsoLevel = DefaultXactIsoLevel and friends: a new transaction takes the
     * default_transaction_* settings, or with {@code chained} (COMMIT/ROLLBACK AND CHAIN) the values
     * the previous transaction ended with.
     */
    private void applyTransactionCharacteristics(List<String> chained) {
        if (chained == null && characteristicsDefaultVersion == guc.version()) {
            return;   // no setting changed since they were found at their defaults: six look-ups saved per transaction
        }
        for (int i = 0; i < TRANSACTION_CHARACTERISTICS.size(); i++) {
            String name = TRANSACTION_CHARACTERISTICS.get(i);
            String value = chained != null ? chained.get(i) : guc.show("default_" + name);
            // usually the value is the default already: no SET LOCAL, so the transaction changes no setting
            if (value != null && !value.equals(guc.show(name))) {
                guc.set(name, value, true);
            }
        }
        // a SET LOCAL above bumped the version, so only a transaction that set nothing is remembered
        characteristicsDefaultVersion = chained == null ? guc.version() : -1;
    }

    /**
     * The settings version at which the transaction characteristics were last found equal to their
     * default_transaction_* values (with no SET LOCAL needed); -1 when not known.
     */
    private long characteristicsDefaultVersion = -1;

    /** Runs {@code body} with {@code path} as the search path (PushOverrideSearchPath / PopOverrideSearchPath). */
    void withSearchPath(List<String> path, Runnable body) {
        List<String> saved = searchPathOverride;
        searchPathOverride = List.copyOf(path);
        try {
            body.run();
        } finally {
            searchPathOverride = saved;
        }
    }

    /** XactReadOnly: the current transaction is read-only (SET TRANSACTION READ ONLY or its default). */
    public boolean transactionReadOnly() {
        return transactionReadOnly.get();
    }

    /** Whether a savepoint is open (IsSubTransaction). */
    boolean inSubtransaction() {
        return !savepoints.isEmpty();
    }

    /**
     * PreventCommandIfReadOnly: 25006 {@code cannot execute <command> in a read-only transaction}
     * when the current transaction is read-only.
     */
    public void preventCommandIfReadOnly(String command) {
        if (transactionReadOnly()) {
            throw Ereport.error(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + command
                    + " in a read-only transaction");
        }
    }

    /** COMMIT/ROLLBACK AND CHAIN: a new transaction block with the characteristics of the one that ended. */
    private void chainTransaction(List<String> characteristics) {
        state = TransactionBlockState.INPROGRESS;
        transactionStart = DateTimes.toPgMicros(Instant.now());
        guc.beginTransaction();
        applyTransactionCharacteristics(characteristics);
    }

    private List<String> currentCharacteristics() {
        List<String> out = new ArrayList<>();
        for (String name : TRANSACTION_CHARACTERISTICS) {
            out.add(guc.show(name));
        }
        return out;
    }

    /** Makes sure a transaction is open for a statement about to run (Execute of a bound portal). */
    void beginStatement() {
        startTransactionCommand();
    }

    /**
     * A Bind message: as PostgresMain does for Parse and Bind, sets statement_timestamp() (a prepared
     * statement is parsed once and bound per execution), then makes sure a transaction is open.
     */
    void beginBoundStatement() {
        statementStart = DateTimes.toPgMicros(Instant.now());
        startTransactionCommand();
    }

    /** The query string being run holds several statements (use_implicit_block); until the next sync. */
    private boolean multiStatementQuery;

    /** How many savepoints are open: the subtransaction nesting a new cursor belongs to. */
    int subtransactionDepth() {
        return savepoints.size();
    }

    boolean inTransactionBlock() {
        return state == TransactionBlockState.INPROGRESS || state == TransactionBlockState.ABORT;
    }

    /**
     * PreventInTransactionBlock's test: an explicit block, or the implicit block that
     * exec_simple_query opens around each statement of a query string holding more than one
     * (so "SELECT 1; VACUUM" fails as in PostgreSQL).
     */
    boolean inTransactionBlockOrImplicit() {
        return inTransactionBlock() || multiStatementQuery;
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
            case COMMIT: case ROLLBACK:
                if (t.chain()) {
                    if (!inTransactionBlock()) {
                        throw Ereport.error(SqlState.NO_ACTIVE_SQL_TRANSACTION, t.kind().tag()
                                + " AND CHAIN can only be used in transaction blocks");
                    }
                    List<String> characteristics = currentCharacteristics();
                    boolean commit = t.kind() == TransactionKind.COMMIT && state == TransactionBlockState.INPROGRESS;
                    endTransaction(commit);
                    chainTransaction(characteristics);
                    return commit ? "COMMIT" : "ROLLBACK";
                }
                break;
            default:
                break;
        }
        switch (t.kind()) {
            case BEGIN: case START:
                throw new IllegalStateException("handled above");
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
                if (state == TransactionBlockState.STARTED) {
                    // EndTransactionBlock in an implicit block: what the query string did so far commits,
                    // its next statement starts a new transaction
                    endTransaction(true);
                }
                return "COMMIT";
            case ROLLBACK:
                if (inTransactionBlock()) {
                    endTransaction(false);
                } else {
                    host.notice(Ereport.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
                    if (state == TransactionBlockState.STARTED) {
                        endTransaction(false);      // UserAbortTransactionBlock in an implicit block
                    }
                }
                return "ROLLBACK";
            case SAVEPOINT:
                requireBlock("SAVEPOINT");
                if (storage != null) {
                    storage.savepoint(isolationLevel());
                }
                while (savepointReadOnly.size() > savepoints.size()) {
                    savepointReadOnly.remove(savepointReadOnly.size() - 1);
                }
                savepointReadOnly.add(guc.show("transaction_read_only"));
                savepoints.add(t.savepointName());
                guc.savepoint();
                return "SAVEPOINT";
            case RELEASE: {
                requireBlock("RELEASE SAVEPOINT");
                int level = findSavepoint(t.savepointName());
                while (savepoints.size() > level) {
                    savepoints.remove(savepoints.size() - 1);
                    if (storage != null && storage.isStarted()) {
                        storage.releaseSavepoint();
                    }
                }
                guc.releaseSavepoint(level);
                cursors.atSubCommit(level);
                if (level < savepointReadOnly.size()) {
                    guc.set("transaction_read_only", savepointReadOnly.get(level), true);
                }
                return "RELEASE";
            }
            case ROLLBACK_TO: {
                requireBlock("ROLLBACK TO SAVEPOINT");
                int level = findSavepoint(t.savepointName());
                while (savepoints.size() > level + 1) {
                    savepoints.remove(savepoints.size() - 1);
                    if (storage != null && storage.isStarted()) {
                        storage.abortSubtransaction();
                    }
                }
                if (storage != null && storage.isStarted()) {
                    storage.rollbackToSavepoint();
                }
                guc.rollbackToSavepoint(level);
                cursors.atSubAbort(level + 1);
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
            try {
                commitStorage();
            } catch (RuntimeException e) {
                // a deferred check failed: the transaction is rolled back and over, as COMMIT's error says
                guc.abort();
                savepoints.clear();
                state = TransactionBlockState.DEFAULT;
                statsReport.transactionEnd(false);
                throw e;
            }
            guc.commit();
        } else {
            abortStorage();
            guc.abort();
        }
        statsReport.transactionEnd(commit);
        savepoints.clear();
        state = TransactionBlockState.DEFAULT;
    }

    private void commitStorage() {
        try {
            if (!deferredConstraints.isEmpty() && storage != null) {
                // AfterTriggerFireDeferred: the deferred foreign key checks see the whole transaction
                storage.commandCounterIncrement();
                deferredConstraints.fireAll(new org.tusk.engine.expr.EvalContext(this, new Object[0]));
            }
            // PreCommit_on_commit_actions: after the deferred checks, as in CommitTransaction
            if (relcache != null && !relcache.onCommitActions().isEmpty()) {
                org.tusk.engine.commands.TempNamespaces.preCommit(ddlContext());
            }
            notifications.preCommit();
        } catch (RuntimeException e) {
            abortStorage();
            throw e;
        }
        deferredConstraints.reset();
        if (storage != null) {
            storage.commit();   // the relcache lives on: invalidation messages keep it current
        }
        notifications.atCommit();
    }

    /** The session connected (pgstat_report_connect): one more session for its database. */
    void reportConnect() {
        statsReport.connect();
    }

    /** A DdlContext for work the session does by itself (no statement). */
    private org.tusk.engine.commands.DdlContext ddlContext() {
        return new org.tusk.engine.commands.DdlContext(storage, new CatalogAccess(storage, isolationLevel()), relcache,
                searchPath(), "", currentUser(), null);
    }

    /**
     * RemoveTempRelations in a transaction of its own (at session end): drops
     * every object of the session's temporary schema; the schema stays.
     */
    private void removeTempRelations() {
        if (relcache.tempNamespace() == 0) {
            return;
        }
        try {
            org.tusk.engine.commands.TempNamespaces.dropContents(ddlContext(), relcache.tempNamespace());
            storage.commit();
        } catch (RuntimeException e) {
            LOG.error("could not drop the temporary relations of the session", e);
            abortStorage();
        } finally {
            relcache.setTempNamespace(0, 0);
            relcache.onCommitActions().clear();
        }
    }

    /** DISCARD TEMP (ResetTempTableNamespace): drops the temporary objects in the current transaction. */
    void discardTemp() {
        if (relcache != null && relcache.tempNamespace() != 0) {
            org.tusk.engine.commands.TempNamespaces.dropContents(ddlContext(), relcache.tempNamespace());
        }
    }

    /** Deferred constraint checks and SET CONSTRAINTS state of the current transaction. */
    private final org.tusk.engine.executor.modify.DeferredConstraints deferredConstraints =
            new org.tusk.engine.executor.modify.DeferredConstraints();

    @Override
    public org.tusk.engine.executor.modify.DeferredConstraints deferredConstraints() {
        return deferredConstraints;
    }

    /** Aborts the storage transaction; failing to abort is logged, never thrown over the original error. */
    private void abortStorage() {
        deferredConstraints.reset();
        notifications.atAbort();
        if (storage != null) {
            try {
                storage.abort();
            } catch (RuntimeException e) {
                LOG.error("could not abort the storage transaction", e);
            }
        }
    }

    // ---- internal subtransactions (PL/pgSQL exception blocks) ----

    /** BeginInternalSubTransaction: a savepoint level without a name. */
    void beginInternalSubtransaction() {
        if (storage != null) {
            storage.savepoint(isolationLevel());
        }
    }

    void releaseInternalSubtransaction() {
        if (storage != null && storage.isStarted()) {
            storage.releaseSavepoint();
        }
    }

    void rollbackInternalSubtransaction() {
        if (storage != null && storage.isStarted()) {
            storage.abortSubtransaction();
        }
    }

    /** CommandCounterIncrement inside a statement (a PL/pgSQL statement changed data or catalogs). */
    @Override
    public Object[] callTrigger(long funcOid, org.tusk.engine.pl.TriggerData data) {
        return procs().callTrigger((int) funcOid, data);
    }

    @Override
    public void commandCounterIncrement() {
        storageCommandCounterIncrement();
    }

    void storageCommandCounterIncrement() {
        if (storage != null) {
            storage.commandCounterIncrement();
        }
    }

    /**
     * PushActiveSnapshot: until {@link #popActiveSnapshots} statements read with {@code snapshot}
     * (null: a fresh snapshot, taken at first need). Returns the depth to pop back to (-1 without
     * storage).
     */
    int pushActiveSnapshot(Snapshot snapshot) {
        return storage == null ? -1 : storage.pushActiveSnapshot(snapshot);
    }

    /** PopActiveSnapshot back to what {@link #pushActiveSnapshot} returned. */
    void popActiveSnapshots(int depth) {
        if (storage != null && depth >= 0) {
            storage.popActiveSnapshots(depth);
        }
    }

    /** The snapshot statements read with now, or null without storage (a cursor keeps its DECLARE's). */
    Snapshot activeSnapshotIfStorage() {
        return storage == null ? null : snapshot();
    }

    /** User-defined functions (pg_proc rows of CREATE FUNCTION), installed for the thread at every entry. */
    private SessionProcs procs;
    private SessionTypes types;

    SessionProcs procs() {
        return procs;
    }

    /** regclassin/regclassout's catalog lookups in this session (installed for the thread at every entry). */
    private final org.tusk.engine.types.RegclassIo.Resolver regclassResolver =
            org.tusk.engine.commands.sequence.SequenceFunctions.resolver(this);

    /** regprocin/regprocout's function lookups in this session (installed with the regclass ones). */
    private org.tusk.engine.types.RegprocIo.Resolver regprocResolver;

    void discardAll() {
        discardTemp();
        notifications.reset();   // DISCARD ALL includes UNLISTEN *
        org.tusk.engine.commands.sequence.SequenceFunctions.discard(this);
        setAuthorization("session_authorization", null, false);   // DISCARD ALL: SET SESSION AUTHORIZATION DEFAULT
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
            boolean previous = org.tusk.engine.parser.Lexer.setStandardConformingStrings(
                    !"off".equals(guc.get("standard_conforming_strings")));
            List<PgException> escapeWarnings = "off".equals(guc.get("escape_string_warning")) ? null
                    : new ArrayList<>();
            List<PgException> previousSink = org.tusk.engine.parser.Lexer.setEscapeStringWarnings(escapeWarnings);
            try {
                for (ParsedStatement p : Parser.parse(sql)) {
                    out.add(new TuskRawStatement(p));
                }
                multiStatementQuery = out.size() > 1;
            } finally {
                org.tusk.engine.parser.Lexer.setStandardConformingStrings(previous);
                org.tusk.engine.parser.Lexer.setEscapeStringWarnings(previousSink);
                if (escapeWarnings != null) {
                    // the scanner's WARNINGs reach the client before anything the statements say
                    escapeWarnings.forEach(host::notice);
                }
            }
            return out;
        });
    }

    @Override
    public PreparedStatement prepare(RawStatement statement, int[] parameterTypeOids) {
        // parse analysis opens (locks) relations: statement_timeout covers it, as start_xact_command does
        startStatementTimeout();
        try {
            return prepareStatement(statement, parameterTypeOids);
        } finally {
            stopStatementTimeout();
        }
    }

    private PreparedStatement prepareStatement(RawStatement statement, int[] parameterTypeOids) {
        return guarded(() -> {
            startTransactionCommand();
            ParsedStatement parsed = ((TuskRawStatement) statement).parsed();
            checkNotAborted(parsed);
            if (parsed.stmt() instanceof org.tusk.engine.nodes.ExecuteStmt execute) {
                return ExecuteStatement.prepare(this, parsed, execute, new ParseState(parameterTypeOids));
            }
            ParseState pstate = new ParseState(parameterTypeOids);
            org.tusk.engine.commands.DmlCommand dml = CreateTableAsCommand.prepare(this, relations, parsed, pstate);
            AnalyzedDml analyzedDml = null;
            if (dml == null && org.tusk.engine.analyze.ModifyAnalyzer.handles(parsed.stmt())) {
                analyzedDml = analyzeDml(parsed.stmt(), pstate);
                dml = analyzedDml.command();
            }
            if (dml == null) {
                dml = DmlStatements.prepare(this, relations, parsed.stmt(), pstate);
            }
            if (dml != null) {
                TuskPreparedStatement prepared = new TuskPreparedStatement(this, parsed, null,
                        pstate.resolvedParamTypes(), dml.resultColumns(), dml);
                if (analyzedDml != null) {
                    prepared.dmlAnalyzedWith(analyzedDml.searchPath(), analyzedDml.relationLocks(), analyzedDml.epoch());
                }
                return prepared;
            }
            if (parsed.stmt() instanceof SelectStmt select) {
                AnalyzedSelect analyzed = analyzeSelect(select, pstate);
                TuskPreparedStatement prepared = new TuskPreparedStatement(this, parsed, analyzed.query(),
                        pstate.resolvedParamTypes(), columnsOf(analyzed.query()));
                prepared.analyzedWith(analyzed.searchPath(), analyzed.relationLocks(), analyzed.epoch());
                return prepared;
            }
            List<Column> columns = utility.describe(parsed.stmt());
            return new TuskPreparedStatement(this, parsed, null, pstate.resolvedParamTypes(), columns);
        });
    }

    /** A SELECT's analysis with what it depended on (a plan source revalidates against these). */
    record AnalyzedSelect(Query query, List<String> searchPath, Map<Integer, org.tusk.lmgr.LockMode> relationLocks,
            long epoch) {}

    /**
     * Parse analysis of a SELECT (with eval_const_expressions' folding and a trial plan), recording
     * the search_path, the relations it opened with their lock modes, and the relcache epoch before it.
     */
    AnalyzedSelect analyzeSelect(SelectStmt select, ParseState pstate) {
        List<String> path = searchPath();
        // a session without storage (tests of the parser and executor alone) has no relcache to record from
        long epoch = relcache == null ? 0 : relcache.invalidationEpoch();
        Map<Integer, org.tusk.lmgr.LockMode> locks = new java.util.HashMap<>();
        Map<Integer, org.tusk.lmgr.LockMode> previous = relcache == null ? null : relcache.recordOpens(locks);
        Query query;
        try {
            DmlStatements.allowModifyingCtes(this, relations, pstate, "SELECT");
            query = new SelectAnalyzer(relations, typeContext()).analyze(select, pstate);
            query = org.tusk.engine.executor.ConstantFolder.fold(query, new org.tusk.engine.expr.EvalContext(this, new Object[0]));
        } finally {
            if (relcache != null) {
                relcache.recordOpens(previous);
            }
            if (previous != null) {
                locks.forEach((oid, mode) -> previous.merge(oid, mode, (a, b) -> a.ordinal() >= b.ordinal() ? a : b));
            }
        }
        return new AnalyzedSelect(query, path, Map.copyOf(locks), epoch);
    }

    /** An INSERT/UPDATE/DELETE's analysis with what it depended on (a plan source revalidates against these). */
    record AnalyzedDml(org.tusk.engine.commands.DmlCommand command, List<String> searchPath,
            Map<Integer, org.tusk.lmgr.LockMode> relationLocks, long epoch) {}

    /**
     * Parse analysis of an INSERT/UPDATE/DELETE (DmlStatements.prepare), recording the search_path,
     * the relations it opened with their lock modes, and the relcache epoch before it, so that a
     * prepared one is analyzed again after DDL on them (its result relation's indexes, its plan).
     */
    AnalyzedDml analyzeDml(org.tusk.engine.nodes.RawStmt stmt, ParseState pstate) {
        List<String> path = searchPath();
        long epoch = relcache == null ? 0 : relcache.invalidationEpoch();
        Map<Integer, org.tusk.lmgr.LockMode> locks = new java.util.HashMap<>();
        Map<Integer, org.tusk.lmgr.LockMode> previous = relcache == null ? null : relcache.recordOpens(locks);
        org.tusk.engine.commands.DmlCommand command;
        try {
            command = DmlStatements.prepare(this, relations, stmt, pstate);
        } finally {
            if (relcache != null) {
                relcache.recordOpens(previous);
            }
            if (previous != null) {
                locks.forEach((oid, mode) -> previous.merge(oid, mode, (a, b) -> a.ordinal() >= b.ordinal() ? a : b));
            }
        }
        return new AnalyzedDml(command, path, Map.copyOf(locks), epoch);
    }

    /** The RowDescription columns of an analyzed SELECT (text format). */
    static List<Column> columnsOf(Query query) {
        List<Column> columns = new ArrayList<>();
        for (TargetEntry t : query.targets()) {
            PgType type = t.expr().type();
            columns.add(new Column(t.name(), t.tableOid(), t.attnum(), type.oid(), type.typlen(),
                    t.expr().typmod(), (short) 0));
        }
        return columns;
    }

    /**
     * The plan under a Materialize (PerformCursorOpen's materialize_finished_plan for SCROLL
     * cursors): the top node's InitPlans move up to the Materialize, the node becomes its child.
     */
    static List<String> underMaterialize(List<String> lines) {
        List<String> out = new ArrayList<>();
        out.add("Materialize");
        List<String> child = new ArrayList<>();
        out.addAll(splitOffInitPlans(lines, child));
        out.add("  ->  " + lines.get(0));
        for (String l : child) {
            out.add("      " + l);
        }
        return out;
    }

    /**
     * The top node's InitPlan blocks of a plan's lines (as they print under the top node, which is
     * how they print under a new parent too); the top node's other lines but its first go to {@code rest}.
     */
    private static List<String> splitOffInitPlans(List<String> lines, List<String> rest) {
        List<String> initPlans = new ArrayList<>();
        boolean inInitPlan = false;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("  InitPlan ")) {
                inInitPlan = true;
            } else if (l.startsWith("  ") && !l.startsWith("    ")) {
                inInitPlan = false;
            }
            (inInitPlan ? initPlans : rest).add(l);
        }
        return initPlans;
    }

    /**
     * EXPLAIN (without ANALYZE or VERBOSE) of an UPDATE or DELETE: the ModifyTable node ("Update on t",
     * one line per result relation of an inheritance set, costs as its source's with rows=0 width=0 as
     * create_modifytable_path gives them) over the plan of the rows to change. Null when not explainable here.
     */
    private List<Object[]> explainModify(org.tusk.engine.nodes.ExplainStmt e, org.tusk.engine.nodes.RawStmt stmt) {
        org.tusk.engine.planner.Explain.Options options = org.tusk.engine.planner.Explain.options(e);
        if (options.analyze() && storage() != null) {
            org.tusk.engine.commands.DmlCommand command = DmlStatements.prepare(this, relations, stmt,
                    new ParseState(null));
            List<String> lines = command == null ? null
                    : command.explainAnalyze(new org.tusk.engine.expr.EvalContext(this, new Object[0]), options);
            return lines == null ? null : lines.stream().map(l -> new Object[] {l}).collect(
                    java.util.stream.Collectors.toCollection(ArrayList::new));
        }
        if (options.analyze() || storage() == null) {
            return null;
        }
        org.tusk.engine.commands.DmlCommand command = DmlStatements.prepare(this, relations, stmt,
                new ParseState(null));
        org.tusk.engine.commands.DmlCommand.Explained explained = command == null ? null : command.explained();
        if (explained == null || options.verbose() && explained.targets() == null) {
            return null;
        }
        org.tusk.engine.expr.EvalContext ctx = new org.tusk.engine.expr.EvalContext(this, new Object[0]);
        org.tusk.engine.executor.ConstantFolder.foldWhere(explained.source(), ctx);
        List<String> lines = explainModifySource(explained, options, ctx);
        String label = options.verbose() ? explained.verboseLabel() : explained.label();
        if (options.costs()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("  \\(cost=([0-9.]+\\.\\.[0-9.]+) rows=")
                    .matcher(lines.get(0));
            if (m.find()) {
                label += "  (cost=" + m.group(1) + " rows=0 width=0)";
            }
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {label});
        for (String member : explained.resultRelations()) {
            rows.add(new Object[] {"  " + member});
        }
        // SS_finalize_plan puts the statement's InitPlans on the top plan node, the ModifyTable
        List<String> rest = new ArrayList<>();
        for (String initPlan : splitOffInitPlans(lines, rest)) {
            rows.add(new Object[] {initPlan});
        }
        rest.add(0, lines.get(0));
        lines = rest;
        if (explained.projected()) {
            List<String> below = new ArrayList<>();
            below.add("Result");
            for (int i = 0; i < lines.size(); i++) {
                below.add((i == 0 ? "  ->  " : "      ") + lines.get(i));
            }
            lines = below;
        }
        for (int i = 0; i < lines.size(); i++) {
            rows.add(new Object[] {(i == 0 ? "  ->  " : "      ") + lines.get(i)});
        }
        return rows;
    }

    /**
     * The plan under an UPDATE's or DELETE's ModifyTable: the source query's, computing the target
     * list PostgreSQL's plan computes (new values, multiple-assignment SubPlans, ctid) in place of
     * the whole rows Tusk's source returns; the list is swapped in only while EXPLAIN plans it.
     */
    private static List<String> explainModifySource(org.tusk.engine.commands.DmlCommand.Explained explained,
            org.tusk.engine.planner.Explain.Options options, org.tusk.engine.expr.EvalContext ctx) {
        Query source = explained.source();
        List<org.tusk.engine.expr.Expr> targets = explained.targets();
        if (targets == null) {
            return org.tusk.engine.planner.Explain.explain(source, options, ctx);
        }
        List<org.tusk.engine.analyze.TargetEntry> rows = new ArrayList<>(source.targetList);
        source.targetList.clear();
        for (org.tusk.engine.expr.Expr t : targets) {
            source.targetList.add(new org.tusk.engine.analyze.TargetEntry("?column?", t, 0, (short) 0));
        }
        try {
            return org.tusk.engine.planner.Explain.explain(source, org.tusk.engine.planner.SubPlans.describe(source),
                    options, ctx);
        } finally {
            source.targetList.clear();
            source.targetList.addAll(rows);
        }
    }

    @Override
    public String unprettyViewDefinition(int viewOid, String storedQuery) {
        org.tusk.engine.relcache.RelationDesc view = relcache == null ? null
                : relcache.open(viewOid, org.tusk.lmgr.LockMode.ACCESS_SHARE);
        if (view == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (org.tusk.engine.relcache.AttributeDesc a : view.liveAttributes()) {
            names.add(a.name());
        }
        try {
            List<org.tusk.engine.parser.ParsedStatement> parsed = Parser.parse(storedQuery);
            if (parsed.size() != 1 || !(parsed.get(0).stmt() instanceof SelectStmt select)) {
                return null;
            }
            ParseState pstate = new ParseState(new int[0]);
            pstate.keepSubLinks();          // only deparsed, as CREATE VIEW analyzes it
            Query query = new SelectAnalyzer(relations, typeContext()).analyze(select, pstate);
            if (query.targets().size() != names.size()) {
                return null;
            }
            return org.tusk.engine.rewrite.QueryDeparser.viewDefinition(query, names, pstate::isExplicitCast, false);
        } catch (org.tusk.engine.rewrite.QueryDeparser.Unsupported | PgException e) {
            return null;   // the stored text (a shape the deparser does not know, or names no longer resolving)
        }
    }

    /** EXPLAIN of a SELECT: the planner's QUERY PLAN lines as rows. */
    List<Object[]> explain(org.tusk.engine.nodes.ExplainStmt e) {
        if (e.query() instanceof org.tusk.engine.nodes.ExecuteStmt execute) {
            return ExecuteStatement.explain(this, e, execute);
        }
        boolean scrollCursor = false;
        org.tusk.engine.nodes.RawStmt explained = e.query();
        if (explained instanceof org.tusk.engine.nodes.DeclareCursorStmt d && d.query() instanceof SelectStmt) {
            // EXPLAIN DECLARE: the cursor's plan, under a Materialize when SCROLL needs one
            scrollCursor = (d.options() & org.tusk.engine.nodes.DeclareCursorStmt.CURSOR_OPT_SCROLL) != 0;
            explained = d.query();
        }
        if (explained instanceof org.tusk.engine.nodes.UpdateStmt || explained instanceof org.tusk.engine.nodes.DeleteStmt
                || explained instanceof org.tusk.engine.nodes.MergeStmt) {
            List<Object[]> rows = explainModify(e, explained);
            if (rows != null) {
                return rows;
            }
        }
        if (!(explained instanceof SelectStmt select)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN of " + e.query().commandName()
                    + " is not supported yet");
        }
        org.tusk.engine.planner.Explain.Options options = org.tusk.engine.planner.Explain.options(e);
        Query query = new SelectAnalyzer(relations, typeContext()).analyze(select, new ParseState(null));
        org.tusk.engine.expr.EvalContext ctx = new org.tusk.engine.expr.EvalContext(this, new Object[0]);
        org.tusk.engine.executor.ConstantFolder.foldWhere(query, ctx);
        List<String> lines = org.tusk.engine.planner.Explain.explain(query, options, ctx);
        if (scrollCursor && !options.costs() && !options.analyze()) {
            org.tusk.engine.planner.Planned[] planned = new org.tusk.engine.planner.Planned[1];
            org.tusk.engine.executor.PlanState plan = org.tusk.engine.executor.Executor.start(
                    new SelectAnalyzer(relations, typeContext()).analyze(select, new ParseState(null)), ctx, planned);
            plan.close();
            if (!Cursors.supportsBackwardScan(planned[0].explain())) {
                lines = underMaterialize(lines);
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (String line : lines) {
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
        multiStatementQuery = false;
        refreshIsSuperuser();   // a rollback may have undone SET ROLE / SESSION AUTHORIZATION
        if (state == TransactionBlockState.STARTED || state == TransactionBlockState.IMPLICIT_ABORT) {
            portalsAtTransactionEnd(state == TransactionBlockState.STARTED);
        }

        switch (state) {
            case STARTED:
                state = TransactionBlockState.DEFAULT;
                try {
                    commitStorage();
                } catch (RuntimeException e) {
                    guc.abort();
                    savepoints.clear();
                    statsReport.transactionEnd(false);
                    throw e;
                }
                guc.commit();
                statsReport.transactionEnd(true);
                break;
            case IMPLICIT_ABORT:
                abortStorage();
                guc.abort();
                state = TransactionBlockState.DEFAULT;
                statsReport.transactionEnd(false);
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

    /** plan_cache_mode's value (auto, force_generic_plan, force_custom_plan). */
    String planCacheMode() {
        return planCacheMode.get();
    }

    @Override
    public Map<String, String> reportedSettings() {
        return guc.reported();
    }

    @Override
    public void close() {
        abortStorage();
        if (state != TransactionBlockState.DEFAULT) {
            guc.abort();
            statsReport.transactionEnd(false);
        }
        if (relcache != null) {
            // RemoveTempRelationsCallback: the session's temporary objects go with it
            try {
                removeTempRelations();
            } finally {
                BackendIds.release(relcache.backendId());
                relcache.setBackendId(0);
            }
        }
        state = TransactionBlockState.DEFAULT;
        savepoints.clear();
        guc.resetAll();

        // DISCARD ALL's session state: cursors and prepared statements, listened channels
        cursors.closeAll();
        preparedStatements.dropAll();
        notifications.reset();
    }

    /** The shared LISTEN/NOTIFY queue of this backend (set by the engine service right after opening). */
    void useNotifyQueue(org.tusk.storage.AsyncNotifyQueue queue) {
        this.notifyQueue = queue;
    }

    AsyncNotifications notifications() {
        return notifications;
    }

    @Override
    public void processNotifications() {
        try {
            notifications.deliver();
        } catch (RuntimeException e) {
            LOG.warn("could not deliver notifications", e);
        }
    }

    @Override
    public List<String> listeningChannels() {
        return notifications.listeningChannels();
    }

    @Override
    public void notify(String channel, String payload) {
        SessionUtilityCommands.checkNotify(channel, payload);
        notifications.notify(channel, payload);
    }

    void backendCheckForInterrupts() {
        checkForInterrupts();
    }

    // ---- interrupts and statement_timeout ----

    /** Cancel and termination requests of the backend (the session-level check). */
    private final InterruptCheck sessionInterrupts = this::checkBackendInterrupts;
    /** The running statement's check: the session's, plus statement_timeout's deadline while one runs. */
    private InterruptCheck statementInterrupts = sessionInterrupts;

    /**
     * enable_timeout(STATEMENT_TIMEOUT): from now the statement may run for
     * statement_timeout (0: no limit). The check is also installed in the
     * lock manager, so lock and row-lock waits end with 57014 (or a cancel)
     * instead of sleeping on.
     */
    void startStatementTimeout() {
        statementInterrupts = StatementTimeout.start(statementTimeoutMillis.get(), sessionInterrupts);
        if (storage != null) {
            storage.storage().locks().setInterruptCheck(statementInterrupts);
        }
    }

    /** disable_timeout: back to the session-level check between statements. */
    void stopStatementTimeout() {
        statementInterrupts = sessionInterrupts;
        if (storage != null) {
            storage.storage().locks().setInterruptCheck(sessionInterrupts);
        }
    }

    private void checkBackendInterrupts() {
        if (host.backend() != null) {
            host.backend().checkForInterrupts();
        }
    }

    @Override
    public void checkForInterrupts() {
        statementInterrupts.check();
    }

    @Override
    public long statementDeadlineNanos() {
        return statementInterrupts.deadlineNanos();
    }

    // ---- SessionServices ----

    @Override
    public SessionHost host() {
        return host;
    }

    @Override
    public TypeContext typeContext() {
        TypeContext known = typeContext;
        if (known != null && typeContextVersion == guc.version()) {
            if (known.nowMicros() == transactionStart) {
                return known;   // no setting changed since it was built
            }
            // a new transaction, same settings: only now() moved, so no look-ups and no zone parsing
            known = new TypeContext(known.timeZone(), known.extraFloatDigits(), transactionStart, known.byteaOutputEscape(),
                    known.intervalStyle(), known.dateStyle());
            typeContext = known;
            return known;
        }
        String extraDigits = guc.show("extra_float_digits");
        String timeZone = guc.show("TimeZone");
        String byteaOutput = guc.show("bytea_output");
        String intervalStyle = guc.show("IntervalStyle");
        String dateStyle = guc.show("DateStyle");
        TypeContext cached = typeContext;
        // asked for per column of every row sent: the same object while the transaction and its settings last
        if (cached != null && cached.nowMicros() == transactionStart && extraDigits.equals(typeContextKey[0])
                && timeZone.equals(typeContextKey[1]) && byteaOutput.equals(typeContextKey[2])
                && intervalStyle.equals(cached.intervalStyle()) && dateStyle.equals(cached.dateStyle())) {
            return cached;
        }
        int extra = 1;
        try {
            extra = Integer.parseInt(extraDigits);
        } catch (NumberFormatException e) {
            // keep the default
        }
        ZoneId zone = cached != null && timeZone.equals(typeContextKey[1]) ? cached.timeZone() : zoneOf(timeZone);
        cached = new TypeContext(zone, extra, transactionStart, "escape".equals(byteaOutput), intervalStyle, dateStyle);
        typeContext = cached;
        typeContextKey = new String[] {extraDigits, timeZone, byteaOutput};
        typeContextVersion = guc.version();
        return cached;
    }

    /** The last {@link #typeContext()} and the settings it was built from (parsing the zone is the costly part). */
    private TypeContext typeContext;
    private String[] typeContextKey;
    private long typeContextVersion = -1;

    private static ZoneId zoneOf(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    @Override
    public String workMem() {
        return workMem.get();
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
        org.tusk.engine.guc.GucVariable v = guc.find(name);
        if (v != null && (v.name().equals("session_authorization") || v.name().equals("role"))) {
            return setAuthorization(v.name(), value, isLocal);
        }
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

    /** current_user: the role of SET ROLE, else the session user. */
    @Override
    public String currentUser() {
        return currentUser.get();
    }

    /** session_user: SET SESSION AUTHORIZATION's role, else the authenticated user. */
    @Override
    public String sessionUser() {
        String auth = guc.get("session_authorization");
        return auth == null || auth.isEmpty() ? user : auth;
    }

    /**
     * SET [LOCAL] SESSION AUTHORIZATION / SET [LOCAL] ROLE (and set_config of either): {@code value}
     * null for DEFAULT/RESET/NONE. As check_session_authorization and check_role: the role must
     * exist; only a superuser as authenticated user may become another session user, and SET ROLE
     * needs the session user to be a superuser or a member of the role. A new session user also
     * ends SET ROLE. The values live in the GUCs, so rollback and SET LOCAL undo them as any setting.
     */
    String setAuthorization(String name, String value, boolean local) {
        boolean session = name.equals("session_authorization");
        String target = value == null || !session && value.equals("none") ? (session ? user : "none") : value;
        if (roleStore != null && !target.equals("none")) {
            org.tusk.api.auth.RoleRecord r = roleStore.byName(target);
            if (r == null) {
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "role \"" + target + "\" does not exist");
            }
            if (session) {
                org.tusk.api.auth.RoleRecord login = roleStore.byName(user);
                if (!target.equals(user) && (login == null || !login.superuser())) {
                    throw Ereport.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set session authorization");
                }
            } else {
                org.tusk.api.auth.RoleRecord me = roleStore.byName(sessionUser());
                if (me == null || !me.superuser()
                        && !org.tusk.engine.acl.RoleGraph.of(roleStore).isMemberOfRole(me.oid(), r.oid())) {
                    throw Ereport.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set role \"" + target + "\"");
                }
            }
        }
        if (session) {
            guc.set("session_authorization", target, local);
            guc.set("role", "none", local);
        } else {
            guc.set("role", target, local);
        }
        superuserCheckedFor = null;     // SET ROLE / SESSION AUTHORIZATION: read the role again
        refreshIsSuperuser();
        return target;
    }

    /** The user whose superuser flag {@link #currentUserIsSuperuser} holds (null: not read yet). */
    private String superuserCheckedFor;
    private boolean currentUserIsSuperuser;
    /** The settings version is_superuser was last made to follow the current user at (-1: never). */
    private long superuserRefreshedAt = -1;

    /** is_superuser follows the current user (SetSessionAuthorization/SetCurrentRoleId set it). */
    void refreshIsSuperuser() {
        if (roleStore == null || guc.version() == superuserRefreshedAt) {
            // every Sync asks; the current user and is_superuser can only have changed with a setting
            return;
        }
        String user = currentUser();
        if (!user.equals(superuserCheckedFor)) {
            // the role store is read only when the current user changes (at every Sync it cost a
            // file read per transaction); as in PostgreSQL, ALTER ROLE does not change is_superuser
            org.tusk.api.auth.RoleRecord r = roleStore.byName(user);
            superuserCheckedFor = user;
            currentUserIsSuperuser = r != null && r.superuser();
        }
        String v = currentUserIsSuperuser ? "on" : "off";
        if (!v.equals(guc.get("is_superuser"))) {
            guc.setInternal("is_superuser", v);
        }
        superuserRefreshedAt = guc.version();
    }

    @Override
    public String databaseName() {
        return database;
    }
}
