package org.tusk.storage;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TupleId;
import org.tusk.heapam.HeapAccessMethod;
import org.tusk.lmgr.LockManager;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.xact.IsolationLevel;
import org.tusk.xact.TransactionManager;

/**
 * A backend for isolation tests: one session on the real storage core (WAL,
 * buffers, transactions, locks) and the heap, driven by a line protocol on
 * stdin, one reply line per command on stdout. It plays the executor's part
 * of PostgreSQL that the isolation suite exercises: statement snapshots,
 * CommandCounterIncrement after each statement, and what nodeModifyTable /
 * nodeLockRows do with a TM_Result: under READ COMMITTED an UPDATED row is
 * followed to its newest version, which is locked, re-read and rechecked
 * (EvalPlanQual); under REPEATABLE READ it is 40001.
 *
 * <p>Rows are {@code key=value} strings. Commands (statements outside a
 * transaction block run in an implicit one):
 *
 * <pre>
 * table N                        use relation 5/N (created if missing)
 * begin [rc|rr]                  BEGIN
 * commit | abort                 COMMIT (ROLLBACK after an error) | ROLLBACK
 * savepoint | rollback to | release
 * insert K V                     INSERT 0 1
 * select [K]                     visible rows, sorted: "a=1 b=2", or "(none)"
 * update K V | incr K D          UPDATE n   (incr: V = V + D, evaluated on the row version finally updated)
 * delete K                       DELETE n
 * lock K [nowait]                SELECT ... FOR UPDATE: the locked rows, or "(none)"
 * set deadlock_timeout MS
 * </pre>
 *
 * Errors reply {@code ERROR <sqlstate> <message>}; an error aborts the whole
 * transaction at once (so its locks go, as in PostgreSQL), and the block's
 * COMMIT then answers ROLLBACK.
 *
 * <p>Arguments: data directory, segment file, slot.
 */
public final class IsolationSessionWorker {

    private final TransactionManager xact;
    private final SessionTransaction txn;
    private final HeapAccessMethod heap;
    private final LockManager locks;
    private RelFileLocator table = RelFileLocator.of(5, 16384);
    private boolean inBlock;
    private boolean failed;

    private IsolationSessionWorker(ShmemAttachment attachment) {
        ProcessStorage storage = ProcessStorage.attach(attachment,
                StorageSettings.from(StorageWorker.SETTINGS, TestPostmaster.MAX_BACKENDS));
        locks = storage.locks();
        heap = new HeapAccessMethod(storage.buffers(), storage.wal(), storage::status);
        txn = storage.newSession();
        xact = txn.transactions();
    }

    public static void main(String[] args) throws Exception {
        IsolationSessionWorker session = new IsolationSessionWorker(
                TestPostmaster.attachChild(args[0], args[1], args[2], StorageWorker.SETTINGS));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            out.println(session.execute(line.trim().split("\\s+")));
        }
        System.exit(0);
    }

    private String execute(String[] cmd) {
        switch (cmd[0]) {
            case "table" -> {
                table = RelFileLocator.of(5, Integer.parseInt(cmd[1]));
                heap.createStorage(table);
                return "ok";
            }
            case "set" -> {
                locks.setSettings(locks.settings().withDeadlockTimeout(Long.parseLong(cmd[2])));
                return "SET";
            }
            case "begin" -> {
                xact.begin(cmd.length > 1 && cmd[1].equals("rr") ? IsolationLevel.REPEATABLE_READ
                        : IsolationLevel.READ_COMMITTED);
                inBlock = true;
                failed = false;
                return "BEGIN";
            }
            case "commit" -> {
                return endBlock(!failed);
            }
            case "abort" -> {
                return endBlock(false);
            }
            default -> {
                if (failed) {
                    return "ERROR " + SqlState.IN_FAILED_SQL_TRANSACTION
                            + " current transaction is aborted, commands ignored until end of transaction block";
                }
                boolean implicit = !xact.inTransaction();
                if (implicit) {
                    xact.begin();
                }
                try {
                    String reply = statement(cmd);
                    if (implicit) {
                        xact.commit();
                    }
                    return reply;
                } catch (RuntimeException e) {
                    xact.abort();
                    failed = inBlock;
                    if (e instanceof PgException pg) {
                        return "ERROR " + pg.sqlState() + " " + pg.getMessage()
                                + (pg.detail() == null ? "" : " DETAIL: " + pg.detail().replace('\n', '|'));
                    }
                    e.printStackTrace();
                    return "ERROR " + SqlState.INTERNAL_ERROR + " " + e;
                }
            }
        }
    }

    private String endBlock(boolean commit) {
        boolean wasFailed = failed;
        inBlock = false;
        failed = false;
        if (!xact.inTransaction()) {
            return "ROLLBACK";
        }
        if (commit && !wasFailed) {
            xact.commit();
            return "COMMIT";
        }
        xact.abort();
        return "ROLLBACK";
    }

    /** One statement inside the current transaction; CommandCounterIncrement after it, as PostgreSQL does. */
    private String statement(String[] cmd) {
        String reply = switch (cmd[0]) {
            case "savepoint" -> {
                xact.beginSubtransaction();
                yield "SAVEPOINT";
            }
            case "rollback" -> {
                // ROLLBACK TO SAVEPOINT: abort the subtransaction, then start it again (the savepoint stays)
                xact.rollbackSubtransaction();
                xact.beginSubtransaction();
                yield "ROLLBACK";
            }
            case "release" -> {
                xact.releaseSubtransaction();
                yield "RELEASE";
            }
            case "insert" -> {
                heap.insert(table, row(cmd[1], cmd[2]), txn);
                yield "INSERT 0 1";
            }
            case "select" -> select(cmd.length > 1 ? cmd[1] : null);
            case "update" -> "UPDATE " + modify(cmd[1], Op.UPDATE, value -> cmd[2], false);
            case "incr" -> "UPDATE " + modify(cmd[1], Op.UPDATE,
                    value -> Integer.toString(Integer.parseInt(value) + Integer.parseInt(cmd[2])), false);
            case "delete" -> "DELETE " + modify(cmd[1], Op.DELETE, null, false);
            case "lock" -> lockRows(cmd[1], cmd.length > 2 && cmd[2].equals("nowait"));
            default -> throw new IllegalArgumentException("unknown command " + cmd[0]);
        };
        xact.commandCounterIncrement();
        return reply;
    }

    private record Row(TupleId tid, String key, String value) {
    }

    private List<Row> scan(Snapshot snapshot, String key) {
        List<Row> rows = new ArrayList<>();
        try (TableScan scan = heap.beginScan(table, snapshot, txn)) {
            while (scan.next()) {
                Row row = parse(scan.tupleId(), scan.data());
                if (key == null || row.key.equals(key)) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private String select(String key) {
        Map<String, String> sorted = new TreeMap<>();
        StringBuilder duplicates = new StringBuilder();
        for (Row row : scan(xact.statementSnapshot(), key)) {
            if (sorted.put(row.key, row.value) != null) {
                duplicates.append(" DUPLICATE:").append(row.key);   // two visible versions of a row: a bug
            }
        }
        if (sorted.isEmpty()) {
            return "(none)" + duplicates;
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((k, v) -> out.append(out.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return out.append(duplicates).toString();
    }

    private enum Op {
        UPDATE, DELETE, LOCK
    }

    /**
     * UPDATE/DELETE/SELECT FOR UPDATE of the rows with {@code key}: the rows
     * the statement snapshot sees, each changed (ExecUpdate/ExecDelete/
     * ExecLockRows with their TM_Result handling). Returns the rows affected.
     */
    private int modify(String key, Op op, java.util.function.UnaryOperator<String> newValue, boolean nowait) {
        return modifyRows(key, op, newValue, nowait, new ArrayList<>());
    }

    private String lockRows(String key, boolean nowait) {
        List<String> locked = new ArrayList<>();
        modifyRows(key, Op.LOCK, null, nowait, locked);
        return locked.isEmpty() ? "(none)" : String.join(" ", locked);
    }

    private int modifyRows(String key, Op op, java.util.function.UnaryOperator<String> newValue, boolean nowait,
            List<String> lockedRows) {
        Snapshot snapshot = xact.statementSnapshot();
        int affected = 0;
        for (Row target : scan(snapshot, key)) {
            Row row = target;
            while (row != null) {
                ModifyResult result = switch (op) {
                    case UPDATE -> heap.update(table, row.tid, row(key, newValue.apply(row.value)), txn, snapshot,
                            !nowait);
                    case DELETE -> heap.delete(table, row.tid, txn, snapshot, !nowait);
                    case LOCK -> heap.lockTuple(table, row.tid, RowLockMode.UPDATE, txn, snapshot, !nowait);
                };
                switch (result.status()) {
                    case OK -> {
                        affected++;
                        if (op == Op.LOCK) {
                            lockedRows.add(row.key + "=" + row.value);
                        }
                        row = null;
                    }
                    case SELF_MODIFIED -> row = null;       // changed by this command already: skipped
                    case INVISIBLE -> throw PgException.error(SqlState.INTERNAL_ERROR,
                            "attempted to " + op.name().toLowerCase() + " invisible tuple");
                    case WOULD_BLOCK -> throw PgException.error(SqlState.LOCK_NOT_AVAILABLE,
                            "could not obtain lock on row in relation \"t" + table.relNumber() + "\"");
                    case DELETED -> {
                        if (txn.isRepeatableRead()) {
                            throw PgException.error(SqlState.SERIALIZATION_FAILURE,
                                    "could not serialize access due to concurrent delete");
                        }
                        row = null;                         // gone: not affected
                    }
                    case UPDATED -> {
                        if (txn.isRepeatableRead()) {
                            throw PgException.error(SqlState.SERIALIZATION_FAILURE,
                                    "could not serialize access due to concurrent update");
                        }
                        row = evalPlanQual(result.newTupleId(), key, nowait);
                    }
                }
            }
        }
        return affected;
    }

    /**
     * EvalPlanQual for READ COMMITTED: lock the newest version of the row
     * (following the update chain, waiting for its changers), re-read it with
     * a snapshot that sees what committed, and recheck the qual (the key).
     * Returns that version, locked by us, or null if the row went away or no
     * longer qualifies.
     */
    private Row evalPlanQual(TupleId tid, String key, boolean nowait) {
        while (true) {
            ModifyResult locked = heap.lockTuple(table, tid, RowLockMode.UPDATE, txn, xact.statementSnapshot(),
                    !nowait);
            switch (locked.status()) {
                case OK -> {
                    byte[] data = heap.fetch(table, tid, xact.statementSnapshot(), txn);
                    if (data == null) {
                        throw PgException.error(SqlState.INTERNAL_ERROR, "locked version " + tid + " is not visible");
                    }
                    Row row = parse(tid, data);
                    return row.key.equals(key) ? row : null;
                }
                case UPDATED -> tid = locked.newTupleId();
                case WOULD_BLOCK -> throw PgException.error(SqlState.LOCK_NOT_AVAILABLE,
                        "could not obtain lock on row in relation \"t" + table.relNumber() + "\"");
                default -> {
                    return null;                            // deleted (or not ours to see): the row is gone
                }
            }
        }
    }

    private static Row parse(TupleId tid, byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        int eq = s.indexOf('=');
        return new Row(tid, s.substring(0, eq), s.substring(eq + 1));
    }

    private static byte[] row(String key, String value) {
        return (key + "=" + value).getBytes(StandardCharsets.UTF_8);
    }
}
