package org.tusk.libpq;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.tusk.libpq.internal.MessageStream;
import org.tusk.libpq.internal.MessageStream.Message;
import org.tusk.libpq.internal.ParameterEncoder;
import org.tusk.libpq.internal.ParameterEncoder.Param;

/**
 * Pipeline mode (libpq 14+): statements are sent without waiting for the
 * previous results, and results come back in order. Made by
 * {@link PgConnection#pipeline()}; use it from the thread that made it and
 * close it (try-with-resources) to wait for the remaining results and leave
 * pipeline mode.
 *
 * <p>Each {@link #execute}/{@link #executePrepared} returns a future that
 * completes, in order, with the statement's result, or exceptionally with
 * the statement's {@link PgError}. As in libpq, an error makes the server
 * skip everything up to the next {@link #sync()}: those statements complete
 * with a result of status {@link ResultStatus#PIPELINE_ABORTED}. Without an
 * explicit transaction, the statements between two sync points run as one
 * implicit transaction.
 *
 * <p>Futures complete while the pipeline reads results: in {@link #sync()}
 * and the queueing methods (only what has already arrived, to keep the
 * socket buffers from filling up), in {@link #await()} and {@link #close()}.
 */
public final class PgPipeline implements AutoCloseable {
    /** Read what has arrived after this many queued bytes, so neither side blocks on a full socket buffer. */
    private static final int DRAIN_EVERY = 32 * 1024;

    private static final byte[] DESCRIBE_PORTAL = {'P', 0};
    private static final byte[] EXECUTE_ALL = {0, 0, 0, 0, 0};

    private final PgConnection conn;
    private final MessageStream stream;
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private boolean syncedTail = true;
    /** The server failed a statement and skips until the next Sync we have not queued yet. */
    private boolean abortedUntilSync;
    private int queuedBytes;
    private boolean closed;

    private static final class Entry {
        final String sql;
        final boolean sync;
        final CompletableFuture<PgResult> result = new CompletableFuture<>();
        final CompletableFuture<Void> synced = new CompletableFuture<>();
        List<PgColumn> columns;
        List<byte[][]> rows = new ArrayList<>();
        ByteArrayOutputStream copy;

        Entry(String sql, boolean sync) {
            this.sql = sql;
            this.sync = sync;
        }
    }

    PgPipeline(PgConnection conn) {
        this.conn = conn;
        this.stream = conn.stream();
    }

    /** Queues Parse/Bind/Describe/Execute of sql (unnamed statement) with $1.. parameters. */
    public CompletableFuture<PgResult> execute(String sql, Object... params) {
        checkOpen();
        Param[] ps = new Param[params.length];
        for (int i = 0; i < params.length; i++) ps[i] = ParameterEncoder.encode(params[i], 0, conn.charset());
        MessageStream.Body parse = stream.body().cstring("").cstring(sql).int16(ps.length);
        for (Param p : ps) parse.int32(p.typeOid());
        return queue(sql, parse.toBytes(), "", ps, null);
    }

    /** Queues Bind/Describe/Execute of a statement made by {@link PgConnection#prepare}. */
    public CompletableFuture<PgResult> executePrepared(String name, Object... params) {
        checkOpen();
        PgConnection.PreparedInfo p = conn.preparedInfo(name);
        int[] types = p == null ? new int[0] : p.parameterTypes();
        Param[] ps = new Param[params.length];
        for (int i = 0; i < params.length; i++) {
            ps[i] = ParameterEncoder.encode(params[i], i < types.length ? types[i] : 0, conn.charset());
        }
        return queue(p == null ? null : p.sql(), null, name, ps, p);
    }

    private CompletableFuture<PgResult> queue(String sql, byte[] parse, String statement, Param[] ps,
            PgConnection.PreparedInfo described) {
        Entry e = new Entry(sql, false);
        if (described != null) e.columns = described.columns();
        syncedTail = false;
        if (abortedUntilSync) {
            // the server would skip it anyway
            e.result.complete(aborted());
            return e.result;
        }
        try {
            if (parse != null) {
                stream.send('P', parse);
                queuedBytes += parse.length;
            }
            MessageStream.Body bind = stream.body().cstring("").cstring(statement).int16(ps.length);
            for (Param p : ps) bind.int16(p.format());
            bind.int16(ps.length);
            for (Param p : ps) {
                if (p.bytes() == null) bind.int32(-1); else bind.int32(p.bytes().length).bytes(p.bytes());
            }
            bind.int16(0);
            byte[] b = bind.toBytes();
            stream.send('B', b);
            if (described == null) stream.send('D', DESCRIBE_PORTAL);
            stream.send('E', EXECUTE_ALL);
            queuedBytes += b.length + 30;
            pending.add(e);
            if (queuedBytes >= DRAIN_EVERY) {
                queuedBytes = 0;
                stream.send('H', new byte[0]); // Flush: the server sends what it has
                stream.flush();
                readAvailable();
            }
        } catch (IOException ex) {
            throw fail(ex);
        }
        return e.result;
    }

    /**
     * Queues a Sync (PQpipelineSync) and sends everything queued so far: the
     * end of an implicit transaction and the point where an error stops
     * aborting statements. The future completes when the server reaches it
     * (exceptionally if committing the implicit transaction failed).
     */
    public CompletableFuture<Void> sync() {
        checkOpen();
        Entry e = new Entry(null, true);
        try {
            stream.send('S', new byte[0]);
            stream.flush();
            pending.add(e);
            syncedTail = true;
            abortedUntilSync = false;
            queuedBytes = 0;
            readAvailable();
        } catch (IOException ex) {
            throw fail(ex);
        }
        return e.synced;
    }

    /** Number of statements and sync points whose results have not arrived yet. */
    public int pendingCount() { return pending.size(); }

    /** Syncs if statements were queued since the last sync, then reads until every future has completed. */
    public void await() {
        checkOpen();
        if (!syncedTail) sync();
        try {
            while (!pending.isEmpty()) readOne();
        } catch (IOException ex) {
            throw fail(ex);
        }
    }

    /** Waits for the outstanding results ({@link #await()}) and leaves pipeline mode. */
    @Override
    public void close() {
        if (closed) return;
        try {
            if (!conn.isClosed()) await();
        } finally {
            closed = true;
            conn.pipelineClosed();
        }
    }

    private void checkOpen() {
        if (closed) throw new PgError(PgDiagnostic.local("ERROR", "08P01", "pipeline is closed"));
        conn.ensureUsable();
    }

    private void readAvailable() throws IOException {
        while (!pending.isEmpty() && stream.hasPendingInput()) readOne();
    }

    private PgResult aborted() {
        return new PgResult(ResultStatus.PIPELINE_ABORTED, "", List.of(), List.of(), conn.charset(), null);
    }

    /** Reads one message and completes what it finishes. */
    private void readOne() throws IOException {
        Message m = stream.read();
        ByteBuffer b = m.body();
        Entry head = pending.peek();
        switch (m.type()) {
            case '1': case '2': case 'n': case 't': case 'c':
                return;
            case 'T':
                if (head != null) head.columns = readRowDescription(b);
                return;
            case 'D':
                if (head != null) head.rows.add(conn.readDataRow(b));
                return;
            case 'H':
                if (head != null) head.copy = new ByteArrayOutputStream();
                return;
            case 'd':
                if (head != null && head.copy != null) head.copy.write(b.array(), b.arrayOffset(), b.remaining());
                return;
            case 'G':
                stream.send('f', stream.body().cstring("COPY FROM STDIN is not supported in pipeline mode").toBytes());
                stream.flush();
                return;
            case 'C': case 'I': {
                pending.poll();
                if (head == null || head.sync) throw new IOException("result without a pending statement");
                String tag = m.type() == 'C' ? stream.cstring(b) : "";
                ResultStatus st = m.type() == 'I' ? ResultStatus.EMPTY_QUERY : head.copy != null ? ResultStatus.COPY_OUT
                        : head.columns != null ? ResultStatus.TUPLES_OK : ResultStatus.COMMAND_OK;
                head.result.complete(new PgResult(st, tag, head.columns == null ? List.of() : head.columns, head.rows,
                        conn.charset(), head.copy == null ? null : head.copy.toByteArray()));
                return;
            }
            case 'E': {
                PgDiagnostic d = conn.diagnostic(b, head == null ? null : head.sql);
                PgError err = new PgError(d, List.of(), null, null);
                if (head == null) throw new IOException("error without a pending statement: " + d.message());
                if (head.sync) {
                    head.synced.completeExceptionally(err); // e.g. the implicit COMMIT failed; 'Z' follows
                    pending.poll();
                    pending.addFirst(new Entry(null, true)); // placeholder the ReadyForQuery pops
                    return;
                }
                pending.poll();
                head.result.completeExceptionally(err);
                // the server skips everything up to the next Sync
                while (!pending.isEmpty() && !pending.peek().sync) pending.poll().result.complete(aborted());
                if (pending.isEmpty()) abortedUntilSync = true;
                return;
            }
            case 'Z': {
                conn.setTransactionStatus((char) b.get());
                Entry e = pending.poll();
                if (e == null || !e.sync) throw new IOException("ReadyForQuery without a pending sync");
                e.synced.complete(null);
                return;
            }
            default:
                if (conn.handleAsync(m)) return;
                throw new IOException("unexpected message type 0x" + Integer.toHexString(m.type()) + " in pipeline mode");
        }
    }

    private List<PgColumn> readRowDescription(ByteBuffer b) {
        int n = b.getShort() & 0xffff;
        List<PgColumn> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = stream.cstring(b);
            cols.add(new PgColumn(name, b.getInt(), b.getShort(), b.getInt(), b.getShort(), b.getInt(), b.getShort()));
        }
        return cols;
    }

    /** The connection is gone: every outstanding future fails with the same error. */
    private PgError fail(IOException ex) {
        PgError err = conn.lostConnection(ex);
        for (Entry e : pending) {
            e.result.completeExceptionally(err);
            e.synced.completeExceptionally(err);
        }
        pending.clear();
        return err;
    }
}
