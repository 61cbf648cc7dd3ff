package org.tusk.engine.tcop;

import java.nio.charset.StandardCharsets;

import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.ExecuteParams;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.CheckPointStmt;
import org.tusk.engine.nodes.ClosePortalStmt;
import org.tusk.engine.nodes.DeallocateStmt;
import org.tusk.engine.nodes.DeclareCursorStmt;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.DiscardStmt;
import org.tusk.engine.nodes.DoStmt;
import org.tusk.engine.nodes.FetchStmt;
import org.tusk.engine.nodes.ListenStmt;
import org.tusk.engine.nodes.LockStmt;
import org.tusk.engine.nodes.NotifyStmt;
import org.tusk.engine.nodes.PrepareStmt;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.UnlistenStmt;
import org.tusk.engine.parser.ParsedStatement;

/**
 * The utility commands about session state rather than the catalog (ProcessUtility's
 * first half): PREPARE/DEALLOCATE, DECLARE/FETCH/MOVE/CLOSE, DISCARD, LISTEN/NOTIFY/
 * UNLISTEN, LOCK, CHECKPOINT and DO. EXECUTE is not here: it is prepared as a
 * statement of its own ({@link ExecuteStatement}).
 */
final class SessionUtilityCommands {
    /** NAMEDATALEN - 1 */
    private static final int MAX_IDENTIFIER_LENGTH = 63;
    /** NOTIFY_PAYLOAD_MAX_LENGTH (BLCKSZ - NAMEDATALEN - 128), in bytes, exclusive */
    private static final int NOTIFY_PAYLOAD_MAX_LENGTH = 8192 - 64 - 128;

    private SessionUtilityCommands() {}

    /** Runs {@code parsed} if it is one of these commands; null otherwise. */
    static UtilityResult execute(TuskSession session, ParsedStatement parsed) {
        RawStmt stmt = parsed.stmt();
        if (stmt instanceof PrepareStmt p) {
            return UtilityResult.of(prepare(session, parsed, p));
        }
        if (stmt instanceof DeallocateStmt d) {
            if (d.name() == null) {
                session.preparedStatements().dropAll();
                return UtilityResult.of("DEALLOCATE ALL");
            }
            session.preparedStatements().drop(d.name());
            return UtilityResult.of("DEALLOCATE");
        }
        if (stmt instanceof DeclareCursorStmt d) {
            return UtilityResult.of(session.cursors().declare(d, parsed.queryString(), session.relations()));
        }
        if (stmt instanceof FetchStmt f) {
            return session.cursors().fetch(f);
        }
        if (stmt instanceof ClosePortalStmt c) {
            return UtilityResult.of(session.cursors().close(c));
        }
        if (stmt instanceof ListenStmt l) {
            session.notifications().listen(l.conditionname());
            return UtilityResult.of(stmt.commandName());
        }
        if (stmt instanceof UnlistenStmt u) {
            session.notifications().unlisten(u.conditionname());
            return UtilityResult.of(stmt.commandName());
        }
        if (stmt instanceof NotifyStmt n) {
            checkNotify(n.conditionname(), n.payload());
            session.notifications().notify(n.conditionname(), n.payload());
            return UtilityResult.of("NOTIFY");
        }
        if (stmt instanceof LockStmt l) {
            return UtilityResult.of(lock(session, l));
        }
        if (stmt instanceof org.tusk.engine.nodes.ConstraintsSetStmt c) {
            setConstraints(session, c);
            return UtilityResult.of("SET CONSTRAINTS");
        }
        if (stmt instanceof CheckPointStmt) {
            checkpoint(session);
            return UtilityResult.of("CHECKPOINT");
        }
        if (stmt instanceof DoStmt d) {
            return UtilityResult.of(doBlock(session, d));
        }
        return null;
    }

    /**
     * CHECKPOINT: superusers and members of pg_checkpoint ask the checkpointer for an immediate
     * checkpoint and wait until it is done, as RequestCheckpoint(CHECKPOINT_IMMEDIATE | CHECKPOINT_WAIT
     * | CHECKPOINT_FORCE) does. A session without a checkpointer (engine tests) has nothing to ask.
     */
    private static void checkpoint(TuskSession session) {
        org.tusk.engine.acl.AccessChecks.checkPredefinedRole(session, "pg_checkpoint",
                "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT");
        org.tusk.storage.CheckpointRequests requests = session.storage() == null ? null
                : session.storage().storage().checkpointRequests();
        if (requests != null) {
            requests.requestAndWait(session::checkForInterrupts);
        }
    }

    /**
     * AfterTriggerSetState: SET CONSTRAINTS {ALL | name, ...} {DEFERRED | IMMEDIATE}. Names are
     * looked up among the constraints of the search path's schemas (or the given schema); one
     * that is not DEFERRABLE is 42809. IMMEDIATE fires the checks queued for them at once.
     */
    private static void setConstraints(TuskSession session, org.tusk.engine.nodes.ConstraintsSetStmt c) {
        org.tusk.engine.executor.modify.DeferredConstraints deferred = session.deferredConstraints();
        org.tusk.engine.expr.EvalContext ctx = new org.tusk.engine.expr.EvalContext(session, new Object[0]);
        if (!session.inTransactionBlock()) {
            session.host().notice(Ereport.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "SET CONSTRAINTS can only be used in transaction blocks"));
        }
        if (c.constraints() == null) {
            if (session.storage() != null) {
                session.storage().commandCounterIncrement();
            }
            deferred.setAll(c.deferred(), ctx);
            return;
        }
        java.util.List<Long> oids = new java.util.ArrayList<>();
        for (org.tusk.engine.nodes.RangeVar name : c.constraints()) {
            String schemaTest = name.schemaname() == null ? "n.nspname = ANY (pg_catalog.current_schemas(true))"
                    : "n.nspname = " + literal(name.schemaname());
            String sql = "SELECT c.oid, c.condeferrable FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_namespace n"
                    + " ON n.oid = c.connamespace WHERE c.conname = " + literal(name.relname()) + " AND " + schemaTest;
            java.util.List<Object[]> rows = session.utility().queryAll(sql);
            if (rows.isEmpty()) {
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + name.relname() + "\" does not exist");
            }
            for (Object[] row : rows) {
                if (!Boolean.TRUE.equals(row[1])) {
                    throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "constraint \"" + name.relname()
                            + "\" is not deferrable");
                }
                oids.add(((Number) row[0]).longValue());
            }
        }
        if (session.storage() != null) {
            session.storage().commandCounterIncrement();
        }
        deferred.set(oids, c.deferred(), ctx);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** PrepareQuery: analyzes the statement with the declared parameter types and stores it. */
    private static String prepare(TuskSession session, ParsedStatement parsed, PrepareStmt p) {
        int[] types = ExecuteParams.declaredTypes(p.argtypes(), session.typeContext());
        ParsedStatement inner = new ParsedStatement(p.query(), parsed.sourceText(), parsed.queryString(),
                parsed.location());
        TuskPreparedStatement statement = (TuskPreparedStatement) session.prepare(new TuskRawStatement(inner), types);
        session.preparedStatements().store(p.name(), statement, parsed.queryString(), true);
        return "PREPARE";
    }

    /** DiscardCommand. */
    static UtilityResult discard(TuskSession session, DiscardStmt d) {
        switch (d.target()) {
            case ALL:
                if (session.inTransactionBlock()) {
                    throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION, "DISCARD ALL cannot run inside a transaction block");
                }
                session.discardAll();
                break;
            case PLANS:
                // plans are made per execution: there is no plan cache to reset
            case SEQUENCES:
                org.tusk.engine.commands.sequence.SequenceFunctions.discard(session);
                break;
            case TEMP:
                session.discardTemp();
                break;
            default:
                break;
        }
        return UtilityResult.of(d.commandName());
    }

    /** Async_Notify's checks on the channel name and payload. */
    static void checkNotify(String channel, String payload) {
        if (channel == null || channel.isEmpty()) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "channel name cannot be empty");
        }
        if (channel.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_LENGTH) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "channel name too long");
        }
        if (payload != null && payload.getBytes(StandardCharsets.UTF_8).length >= NOTIFY_PAYLOAD_MAX_LENGTH) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "payload string too long");
        }
    }

    /** LockTableCommand: only inside a transaction block; every named relation must exist. */
    private static String lock(TuskSession session, LockStmt l) {
        if (!session.inTransactionBlock()) {
            throw Ereport.error(SqlState.NO_ACTIVE_SQL_TRANSACTION, "LOCK TABLE can only be used in transaction blocks");
        }
        org.tusk.lmgr.LockMode mode = org.tusk.lmgr.LockMode.values()[l.mode() - 1];
        for (RangeVar rv : l.relations()) {
            // the OID without a lock first: the relation is locked in the requested mode only
            Integer oid = session.storage() == null ? null
                    : session.relcache().relationOid(rv.schemaname(), rv.relname(), session.searchPath());
            if (oid == null) {
                if (session.relations().lookup(rv.schemaname(), rv.relname()) == null) {
                    String name = rv.schemaname() == null ? rv.relname() : rv.schemaname() + "." + rv.relname();
                    throw Ereport.error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
                }
                continue;   // a computed system view: nothing to lock
            }
            // held until the transaction ends (pg_locks shows it; others wait)
            if (!l.nowait()) {
                session.relcache().lock(oid, mode);
            } else {
                org.tusk.engine.catalog.SystemCatalogs.Catalog system = org.tusk.engine.catalog.SystemCatalogs.byOid(oid);
                if (!session.storage().tryLockRelation(oid, system != null && system.shared(), mode,
                        session.isolationLevel())) {
                    throw Ereport.error(SqlState.LOCK_NOT_AVAILABLE,
                            "could not obtain lock on relation \"" + rv.relname() + "\"");
                }
            }
        }
        return "LOCK TABLE";
    }

    /** ExecuteDoStmt: PL/pgSQL runs the block as a function named inline_code_block without arguments. */
    private static String doBlock(TuskSession session, DoStmt d) {
        String language = "plpgsql";
        String code = null;
        for (DefElem e : d.args()) {
            if (e.defname().equals("language") && e.arg() instanceof AConst c) {
                language = c.val();
            } else if (e.defname().equals("as") && e.arg() instanceof AConst c) {
                code = c.val();
            }
        }
        if (language.equals("plpgsql")) {
            org.tusk.engine.pl.PlFunction f;
            try {
                f = org.tusk.engine.pl.PlFunction.compile(code, "inline_code_block", java.util.List.of(),
                        java.util.List.of(), org.tusk.engine.types.PgType.VOID, false, true);
            } catch (org.tusk.api.error.PgException err) {
                throw err.position() > 0 ? err.withPosition(0) : err;
            }
            try {
                f.call(new PlSessionSpi(session), new Object[0]);
            } catch (org.tusk.api.error.PgException err) {
                throw err.position() > 0 ? err.withPosition(0) : err;
            }
            return "DO";
        }
        throw doLanguageError(language);
    }

    private static RuntimeException doLanguageError(String language) {
        switch (language) {
            case "sql": case "internal": case "c":
                return Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "language \"" + language
                        + "\" does not support inline code execution");
            default:
                return Ereport.error(SqlState.UNDEFINED_OBJECT, "language \"" + language + "\" does not exist")
                        .withHint("Use CREATE EXTENSION to load the language into the database.");
        }
    }
}
