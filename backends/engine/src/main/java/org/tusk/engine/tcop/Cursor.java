package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.api.engine.Column;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.Snapshot;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.nodes.FetchDirection;
import org.tusk.engine.nodes.FetchStmt;

/**
 * A named portal made by DECLARE CURSOR (portalmem.c's Portal with cursorOptions,
 * run as pquery.c's PortalRunFetch). The executor only goes forward, so a
 * scrollable cursor keeps every row it has read (its hold store, filled lazily)
 * and scrolls over that; a NO SCROLL cursor keeps only the current row.
 *
 * <p>Position bookkeeping follows PostgreSQL exactly: {@code portalPos} is the
 * 1-based number of the current row (0 before the first), {@code atStart} and
 * {@code atEnd} say the cursor ran off either end; {@code executorPos} is where
 * the (emulated) executor stands: after forward-reading row k it is k, after
 * running off the end it is one past the last row.
 */
final class Cursor {
    final String name;
    /** The whole query string DECLARE came in (pg_cursors.statement). */
    final String statement;
    final boolean holdable;
    final boolean binary;
    final boolean scrollable;
    final long creationTime;
    final List<Column> columns;
    /** Dropped at abort: created in the current transaction (not yet held over a commit). */
    boolean createdInTransaction = true;
    /** The savepoint nesting it was declared at (0: outside any); ROLLBACK TO below that drops it. */
    int subtransactionDepth;
    /** MarkPortalFailed: an error escaped a FETCH/MOVE; the cursor cannot be run again. */
    private boolean failed;

    private PlanState plan;
    private final int width;
    private final List<Object[]> store = new ArrayList<>();
    /** How many rows came before store.get(0) (NO SCROLL cursors drop rows they passed). */
    private long storeBase;
    private boolean exhausted;
    private final Runnable interrupts;

    private long portalPos;
    private boolean atStart = true;
    private boolean atEnd;
    private long executorPos;

    Cursor(String name, String statement, boolean holdable, boolean binary, boolean scrollable, long creationTime,
            List<Column> columns, PlanState plan, int width, Runnable interrupts) {
        this.name = name;
        this.statement = statement;
        this.holdable = holdable;
        this.binary = binary;
        this.scrollable = scrollable;
        this.creationTime = creationTime;
        this.columns = columns;
        this.plan = plan;
        this.width = width;
        this.interrupts = interrupts;
    }

    /** Row {@code i} (1-based) of the result, reading ahead as needed; null past the last row. */
    private Object[] row(long i) {
        while (storeBase + store.size() < i) {
            if (exhausted) {
                return null;
            }
            interrupts.run();
            Object[] r = next();
            if (r == null) {
                exhausted = true;
                plan = null;
                return null;
            }
            if (!scrollable && !holdingRows) {
                storeBase += store.size();
                store.clear();
            }
            store.add(r);                                   // with the TupleId columns WHERE CURRENT OF reads
        }
        if (i <= storeBase) {
            throw new IllegalStateException("row " + i + " of cursor " + name + " was not kept");
        }
        return store.get((int) (i - storeBase - 1));
    }

    private boolean holdingRows;

    /**
     * The snapshot of the DECLARE and the session to make it active in while the executor
     * runs (PortalRunSelect's PushActiveSnapshot of queryDesc->snapshot): functions the
     * query calls read with it unless they are volatile. Null without storage.
     */
    Snapshot snapshot;
    TuskSession session;

    private Object[] next() {
        if (session == null || snapshot == null) {
            return plan.next();
        }
        int depth = session.pushActiveSnapshot(snapshot);
        try {
            return plan.next();
        } finally {
            session.popActiveSnapshots(depth);
        }
    }

    /**
     * PersistHoldablePortal: at the commit of the transaction that declared a WITH HOLD
     * cursor, read the rest of its rows into the store so it no longer needs the
     * transaction's snapshot; the position stays where it was.
     */
    void persist() {
        holdingRows = true;
        while (!exhausted) {
            row(storeBase + store.size() + 1);
        }
        createdInTransaction = false;
    }

    void close() {
        if (plan != null) {
            plan.close();
            plan = null;
        }
        exhausted = true;
        store.clear();
    }

    /**
     * PortalRunFetch: runs FETCH (rows to {@code dest}) or MOVE ({@code dest} null),
     * returning the row count for the command tag.
     */
    long fetch(FetchDirection direction, long count, Consumer<Object[]> dest) {
        if (failed) {
            throw Ereport.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "portal \"" + name + "\" cannot be run");
        }
        try {
            return run(direction, count, dest);
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    private long run(FetchDirection direction, long count, Consumer<Object[]> dest) {
        switch (direction) {
            case FORWARD:
                if (count < 0) {
                    direction = FetchDirection.BACKWARD;
                    count = -count;
                }
                break;
            case BACKWARD:
                if (count < 0) {
                    direction = FetchDirection.FORWARD;
                    count = -count;
                }
                break;
            case ABSOLUTE:
                if (count > 0) {
                    // rewind (or move from where we are, when that is shorter), then take row `count`
                    if (portalPos == FetchStmt.FETCH_ALL || count - 1 <= portalPos / 2) {
                        rewind();
                        if (count > 1) {
                            runSelect(true, count - 1, null);
                        }
                    } else {
                        long pos = portalPos;
                        if (atEnd) {
                            pos++;
                        }
                        if (count <= pos) {
                            runSelect(false, pos - count + 1, null);
                        } else if (count > pos + 1) {
                            runSelect(true, count - pos - 1, null);
                        }
                    }
                    return runSelect(true, 1, dest);
                } else if (count < 0) {
                    // to the end, back up abs(count)-1 rows, then take the row before
                    runSelect(true, FetchStmt.FETCH_ALL, null);
                    if (count < -1) {
                        runSelect(false, -count - 1, null);
                    }
                    return runSelect(false, 1, dest);
                } else {
                    rewind();
                    return runSelect(true, 0, dest);
                }
            case RELATIVE:
                if (count > 0) {
                    if (count > 1) {
                        runSelect(true, count - 1, null);
                    }
                    return runSelect(true, 1, dest);
                } else if (count < 0) {
                    if (count < -1) {
                        runSelect(false, -count - 1, null);
                    }
                    return runSelect(false, 1, dest);
                }
                direction = FetchDirection.FORWARD;
                break;
            default:
                throw new IllegalStateException(direction.toString());
        }
        boolean forward = direction == FetchDirection.FORWARD;
        if (count == 0) {
            // re-fetch the current row, if any
            boolean onRow = !atStart && !atEnd;
            if (dest == null) {
                return onRow ? 1 : 0;
            }
            if (onRow) {
                runSelect(false, 1, null);
                count = 1;
                forward = true;
            }
        }
        if (!forward && count == FetchStmt.FETCH_ALL && dest == null) {
            // MOVE BACKWARD ALL is a rewind
            long result = portalPos;
            if (result > 0 && !atEnd) {
                result--;
            }
            rewind();
            return result;
        }
        return runSelect(forward, count, dest);
    }

    /** DoPortalRewind: back before the first row; a NO SCROLL cursor may only do so if it has not moved. */
    private void rewind() {
        if (atStart && !atEnd) {
            return;
        }
        if (!scrollable) {
            throw cannotScrollBackward();
        }
        atStart = true;
        atEnd = false;
        portalPos = 0;
        executorPos = 0;
    }

    /** PortalRunSelect: up to {@code count} rows (FETCH_ALL for all) in one direction. */
    private long runSelect(boolean forward, long count, Consumer<Object[]> dest) {
        long n = 0;
        if (forward) {
            if (atEnd || count <= 0) {
                return 0;
            }
            while (n < count) {
                Object[] r = row(executorPos + 1);
                if (r == null) {
                    executorPos = storeBase + store.size() + 1;
                    break;
                }
                executorPos++;
                if (dest != null) {
                    dest.accept(r.length == width ? r : Arrays.copyOf(r, width));
                }
                n++;
            }
            if (n > 0) {
                atStart = false;
            }
            if (n < count) {
                atEnd = true;
            }
            portalPos += n;
        } else {
            if (!scrollable) {
                throw cannotScrollBackward();
            }
            if (atStart || count <= 0) {
                return 0;
            }
            while (n < count) {
                if (executorPos <= 1) {
                    executorPos = 0;
                    break;
                }
                executorPos--;
                Object[] r = row(executorPos);
                if (dest != null) {
                    dest.accept(r.length == width ? r : Arrays.copyOf(r, width));
                }
                n++;
            }
            if (n > 0 && atEnd) {
                atEnd = false;
                portalPos++;
            }
            if (n < count) {
                atStart = true;
                portalPos = 0;
            } else {
                portalPos -= n;
            }
        }
        return n;
    }

    /** A table scanned by the cursor's query: where its TupleId is in the row, and whether FOR UPDATE/SHARE marks it. */
    record ScannedTable(long relOid, int position, boolean rowMarked, int tableoidPosition) {}

    /** The cursor's tables with TupleIds (empty when the query is not a plain scan or join). */
    List<ScannedTable> scanned = List.of();
    /** The query has FOR UPDATE/SHARE. */
    boolean hasRowMarks;
    /** The query is a scan of one table (search_plan_tree finds it). */
    boolean simpleScan;

    /** execCurrentOf: the TupleId of {@code relName}'s row the cursor is on, or 24000. */
    Object currentTupleId(long relOid, String relName) {
        if (holdable && !createdInTransaction) {
            throw Ereport.error("24000", "cursor \"" + name + "\" is held from a previous transaction");
        }
        ScannedTable found = null;
        int matches = 0;
        for (ScannedTable t : scanned) {
            if (t.relOid() == relOid && (t.rowMarked() || !hasRowMarks)) {
                found = t;
                matches++;
            }
        }
        if (hasRowMarks) {
            if (matches == 0) {
                throw Ereport.error("24000", "cursor \"" + name
                        + "\" does not have a FOR UPDATE/SHARE reference to table \"" + relName + "\"");
            }
            if (matches > 1) {
                throw Ereport.error("24000", "cursor \"" + name
                        + "\" has multiple FOR UPDATE/SHARE references to table \"" + relName + "\"");
            }
        } else if (!simpleScan || matches != 1) {
            throw Ereport.error("24000", "cursor \"" + name
                    + "\" is not a simply updatable scan of table \"" + relName + "\"");
        }
        if (atStart || atEnd) {
            throw Ereport.error("24000", "cursor \"" + name + "\" is not positioned on a row");
        }
        Object[] r = row(portalPos);
        if (r == null || found.position() >= r.length) {
            return null;
        }
        if (found.tableoidPosition() >= 0 && r[found.tableoidPosition()] instanceof Number oid
                && r[found.position()] instanceof org.tusk.api.storage.TupleId tid) {
            return new org.tusk.engine.expr.CurrentOfCheck.MemberRow(oid.longValue(), tid);
        }
        return r[found.position()];
    }

    private static RuntimeException cannotScrollBackward() {
        return Ereport.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward")
                .withHint("Declare it with SCROLL option to enable backward scan.");
    }
}
