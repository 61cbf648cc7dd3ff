package org.tusk.engine.tcop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.engine.Column;
import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.ParseState;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.SelectAnalyzer;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.ConstantFolder;
import org.tusk.engine.executor.Executor;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.nodes.ClosePortalStmt;
import org.tusk.engine.nodes.DeclareCursorStmt;
import org.tusk.engine.nodes.FetchStmt;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.planner.ExplainNode;
import org.tusk.engine.planner.Planned;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.PgType;

/**
 * The session's cursors (portalcmds.c, and portalmem.c's transaction-end rules):
 * DECLARE, FETCH/MOVE, CLOSE; at commit, cursors without HOLD close and WITH HOLD
 * ones declared in the transaction are materialized; at abort, every cursor the
 * transaction declared closes (held ones from earlier transactions stay).
 */
final class Cursors {
    private final TuskSession session;
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();

    Cursors(TuskSession session) {
        this.session = session;
    }

    /** Whether any cursor is open (ThereAreNoReadyPortals' question, for COPY FREEZE). */
    boolean anyOpen() {
        return !cursors.isEmpty();
    }

    /** PerformCursorOpen. */
    String declare(DeclareCursorStmt stmt, String queryString, SystemRelations relations) {
        return declare(stmt, queryString, relations, new ParseState(null), new Object[0], true);
    }

    /**
     * PerformCursorOpen of a DECLARE whose query refers to parameters ({@code pstate} types them,
     * {@code params} are their values: a SQL function's arguments). The values are bound into the
     * cursor's portal, so it outlives the call that declared it. Only a top-level DECLARE must be
     * in a transaction block (RequireTransactionBlock); one in a function lives until the end of
     * the (possibly implicit) transaction.
     */
    String declare(DeclareCursorStmt stmt, String queryString, SystemRelations relations, ParseState pstate,
            Object[] params, boolean topLevel) {
        int options = stmt.options();
        boolean hold = (options & DeclareCursorStmt.CURSOR_OPT_HOLD) != 0;
        if (!hold && topLevel && !session.inTransactionBlock()) {
            throw Ereport.error(SqlState.NO_ACTIVE_SQL_TRANSACTION, "DECLARE CURSOR can only be used in transaction blocks");
        }
        if (cursors.containsKey(stmt.portalname())) {
            throw Ereport.error(SqlState.DUPLICATE_CURSOR, "cursor \"" + stmt.portalname() + "\" already exists");
        }
        if (!(stmt.query() instanceof SelectStmt select)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "DECLARE CURSOR of " + stmt.query().commandName()
                    + " is not supported");
        }
        pstate.cursorCtids = true;
        Query query = new SelectAnalyzer(relations, session.typeContext()).analyze(select, pstate);
        EvalContext ctx = new EvalContext(session, params);
        query = ConstantFolder.fold(query, ctx);
        List<Column> columns = new ArrayList<>();
        for (TargetEntry t : query.targets()) {
            PgType type = t.expr().type();
            columns.add(new Column(t.name(), t.tableOid(), t.attnum(), type.oid(), type.typlen(), t.expr().typmod(),
                    (short) 0));
        }
        int width = query.targets().size();
        // WHERE CURRENT OF: the tables' TupleIds ride along after the visible columns
        List<Cursor.ScannedTable> scanned = new ArrayList<>();
        boolean plain = query.aggregates.isEmpty() && query.windows.isEmpty() && !query.hasGroupBy
                && query.groupKeys.isEmpty() && !query.distinct && query.distinctOn == null && query.srfs.isEmpty();
        int scans = 0;
        boolean rowMarks = false;
        for (org.tusk.engine.analyze.RangeTblEntry rte : query.rtable) {
            if (rte.kind == org.tusk.engine.analyze.RangeTblEntry.Kind.SETOP) {
                plain = false;
            }
            if (rte.kind != org.tusk.engine.analyze.RangeTblEntry.Kind.JOIN) {
                scans++;
            }
            rowMarks |= rte.rowMark != null;
        }
        if (plain) {
            for (org.tusk.engine.analyze.RangeTblEntry rte : query.rtable) {
                if (rte.kind == org.tusk.engine.analyze.RangeTblEntry.Kind.RELATION && rte.ctidColumn >= 0
                        && rte.relation != null) {
                    int tidPosition = query.targetList.size();
                    query.targetList.add(new TargetEntry("ctid", new org.tusk.engine.expr.VarExpr(
                            rte.offset + rte.ctidColumn, PgType.TID, -1, rte.refname, "ctid"), 0, (short) 0));
                    int tableoidPosition = -1;
                    if (rte.tableoidColumn >= 0) {
                        // an inheritance set: which member the row came from
                        tableoidPosition = query.targetList.size();
                        query.targetList.add(new TargetEntry("tableoid", new org.tusk.engine.expr.VarExpr(
                                rte.offset + rte.tableoidColumn, PgType.OID, -1, rte.refname, "tableoid"), 0,
                                (short) 0));
                    }
                    scanned.add(new Cursor.ScannedTable(rte.relation.oid(), tidPosition, rte.rowMark != null,
                            tableoidPosition));
                }
            }
        }
        Planned[] planned = new Planned[1];
        PlanState plan = Executor.start(query, ctx, planned);
        boolean scroll;
        if ((options & DeclareCursorStmt.CURSOR_OPT_SCROLL) != 0) {
            scroll = true;
        } else if ((options & DeclareCursorStmt.CURSOR_OPT_NO_SCROLL) != 0) {
            scroll = false;
        } else {
            // neither given: scrollable when the plan could run backward (PerformCursorOpen)
            scroll = !rowMarks && supportsBackwardScan(planned[0].explain());   // FOR UPDATE: NO SCROLL
        }
        Cursor c = new Cursor(stmt.portalname(), queryString, hold, (options & DeclareCursorStmt.CURSOR_OPT_BINARY) != 0,
                scroll, DateTimes.toPgMicros(Instant.now()), columns, plan, width,
                session::backendCheckForInterrupts);
        c.session = session;
        c.snapshot = session.activeSnapshotIfStorage();
        c.scanned = scanned;
        c.hasRowMarks = rowMarks;
        c.simpleScan = plain && scans == 1 && !hasSort(planned[0].explain());
        c.subtransactionDepth = session.subtransactionDepth();
        cursors.put(c.name, c);
        return "DECLARE CURSOR";
    }

    /**
     * ExecSupportsBackwardScan over the plan as EXPLAIN shows it: scans, Sort and
     * Materialize can; Result, Limit, LockRows and Subquery Scan if their input can;
     * Append if all inputs can; joins, aggregation, Unique and window nodes cannot.
     */
    /** search_plan_tree does not look through a Sort: a sorted cursor is not a simply updatable scan. */
    private static boolean hasSort(ExplainNode node) {
        if (node.label.equals("Sort") || node.label.startsWith("Incremental Sort")) {
            return true;
        }
        for (ExplainNode c : node.children) {
            if (hasSort(c)) {
                return true;
            }
        }
        return false;
    }

    static boolean supportsBackwardScan(ExplainNode node) {
        String label = node.label;
        if (label.startsWith("Seq Scan") || label.startsWith("Index Scan") || label.startsWith("Index Only Scan")
                || label.startsWith("Function Scan") || label.startsWith("Values Scan") || label.startsWith("CTE Scan")
                || label.startsWith("Tid Scan") || label.equals("Materialize") || label.equals("Sort")) {
            return true;
        }
        if (label.equals("Result") || label.equals("Limit") || label.equals("LockRows")
                || label.startsWith("Subquery Scan") || label.equals("Append")) {
            if (node.children.isEmpty()) {
                return false;
            }
            for (ExplainNode c : node.children) {
                if (!supportsBackwardScan(c)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The cursor, or 34000. */
    Cursor get(String name) {
        Cursor c = cursors.get(name);
        if (c == null) {
            throw Ereport.error(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        }
        return c;
    }

    /** execCurrentOf for WHERE CURRENT OF: the cursor's current TupleId of the table. */
    Object currentTupleId(String name, long relOid, String relName) {
        Object tid = get(name).currentTupleId(relOid, relName);
        if (tid instanceof org.tusk.engine.expr.CurrentOfCheck.MemberRow member) {
            if (session.storage() == null) {
                return member;
            }
            org.tusk.engine.relcache.RelationDesc rel = session.relcache().open((int) member.tableOid(),
                    org.tusk.lmgr.LockMode.ROW_EXCLUSIVE);
            org.tusk.api.storage.TableAccessMethod am = session.storage().storage().tableAm(rel.amName());
            return new org.tusk.engine.expr.CurrentOfCheck.MemberRow(member.tableOid(),
                    am.latestTid(rel.locator(), (org.tusk.api.storage.TupleId) member.tid(), session.snapshot(), session.transactionContext()));
        }
        if (!(tid instanceof org.tusk.api.storage.TupleId current) || session.storage() == null) {
            return tid;
        }
        // TidNext's table_tuple_get_latest_tid: a row this transaction updated since the cursor
        // read it is reached at its newest version, as this statement sees it
        org.tusk.engine.relcache.RelationDesc rel = session.relcache().open((int) relOid,
                org.tusk.lmgr.LockMode.ROW_EXCLUSIVE);
        org.tusk.api.storage.TableAccessMethod am = session.storage().storage().tableAm(rel.amName());
        return am.latestTid(rel.locator(), current, session.snapshot(), session.transactionContext());
    }

    /** The cursor or null (FETCH's result description when it does not exist yet). */
    Cursor find(String name) {
        return cursors.get(name);
    }

    /** PerformPortalFetch: rows for FETCH, the tag ("FETCH 3", "MOVE 2"). */
    UtilityResult fetch(FetchStmt stmt) {
        Cursor c = get(stmt.portalname());
        List<Object[]> rows = new ArrayList<>();
        long n = c.fetch(stmt.direction(), stmt.howMany(), stmt.ismove() ? null : rows::add);
        return new UtilityResult((stmt.ismove() ? "MOVE " : "FETCH ") + n, rows);
    }

    /** PerformPortalClose: CLOSE name, or CLOSE ALL. */
    String close(ClosePortalStmt stmt) {
        if (stmt.portalname() == null) {
            closeAll();
            return "CLOSE CURSOR ALL";
        }
        get(stmt.portalname()).close();
        cursors.remove(stmt.portalname());
        return "CLOSE CURSOR";
    }

    void closeAll() {
        for (Cursor c : cursors.values()) {
            c.close();
        }
        cursors.clear();
    }

    /** PreCommit_Portals: hold what asks to be held, close the rest of this transaction's cursors. */
    void atCommit() {
        Iterator<Cursor> it = cursors.values().iterator();
        while (it.hasNext()) {
            Cursor c = it.next();
            if (!c.createdInTransaction) {
                continue;
            }
            if (c.holdable) {
                c.persist();
            } else {
                c.close();
                it.remove();
            }
        }
    }

    /**
     * AtSubCommit_Portals: RELEASE of the savepoint whose subtransactions are those deeper than
     * {@code depth}: their cursors now belong to the releasing level.
     */
    void atSubCommit(int depth) {
        for (Cursor c : cursors.values()) {
            if (c.createdInTransaction && c.subtransactionDepth > depth) {
                c.subtransactionDepth = depth;
            }
        }
    }

    /**
     * AtSubAbort_Portals / AtSubCleanup_Portals: ROLLBACK TO drops the cursors declared at
     * {@code depth} or deeper. Rows they or other cursors fetched stay fetched (portal
     * positions are not transactional); a cursor that failed stays failed.
     */
    void atSubAbort(int depth) {
        Iterator<Cursor> it = cursors.values().iterator();
        while (it.hasNext()) {
            Cursor c = it.next();
            if (c.createdInTransaction && c.subtransactionDepth >= depth) {
                c.close();
                it.remove();
            }
        }
    }

    /** AtAbort_Portals / AtCleanup_Portals: the transaction's cursors go away. */
    void atAbort() {
        Iterator<Cursor> it = cursors.values().iterator();
        while (it.hasNext()) {
            Cursor c = it.next();
            if (c.createdInTransaction) {
                c.close();
                it.remove();
            }
        }
    }

    List<Cursor> all() {
        return new ArrayList<>(cursors.values());
    }
}
