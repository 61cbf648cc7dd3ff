package org.tusk.engine.executor;

import java.nio.file.Path;

import org.tusk.engine.expr.EvalContext;

/**
 * Per-query executor state (EState): the expression context shared by all nodes,
 * the memory a sort or hash table may use before spilling (work_mem), and the
 * query's temp files, all removed by {@link #close()} at the end of the query or
 * on error.
 */
public final class EState implements AutoCloseable {
    private final EvalContext ctx;
    private final long workMemBytes;
    private final TempFiles tempFiles;
    /**
     * What a re-execution of this plan's node tree must renew (each scan's snapshot
     * and transaction): registered by the nodes that read them when they are built.
     */
    private final java.util.List<Runnable> renewals = new java.util.ArrayList<>();
    /** Executor param slots the planner allocates (above those the analyzer numbered). */
    private int nextParamSlot = 1024;

    public EState(EvalContext ctx, long workMemBytes, TempFiles tempFiles) {
        this.ctx = ctx;
        this.workMemBytes = workMemBytes;
        this.tempFiles = tempFiles;
    }

    /** work_mem and temp directory from the session: work_mem setting (kB), {@code <datadir>/base/pgsql_tmp}. */
    public static EState forSession(EvalContext ctx, Path dataDirectory, int pid) {
        long kb = 4096;
        if (ctx.session() != null) {
            String v = ctx.session().workMem();
            if (v != null) {
                kb = parseKilobytes(v);
            }
        }
        return new EState(ctx, kb * 1024, new TempFiles(tempDirectory(dataDirectory), pid, tempFileReport(ctx)));
    }

    /** Where a deleted temporary file's size is counted: its database's temp_files and temp_bytes. */
    private static java.util.function.LongConsumer tempFileReport(EvalContext ctx) {
        if (ctx.session() instanceof org.tusk.engine.storage.StorageSession s && s.storage() != null
                && s.storage().storage().statistics() != null
                && (ctx.session().host() == null || ctx.session().host().backend() == null
                        || ctx.session().host().backend().countsInStatistics())) {
            org.tusk.api.storage.TableStatistics stats = s.storage().storage().statistics();
            int database = s.storage().databaseOid();
            return bytes -> stats.countTempFile(database, bytes);
        }
        return bytes -> { };
    }

    /** The last data directory's pgsql_tmp (a backend has one data directory: resolved once, not per plan). */
    private static volatile TempDirectory lastTempDirectory;

    private record TempDirectory(Path dataDirectory, Path path) {}

    private static Path tempDirectory(Path dataDirectory) {
        if (dataDirectory == null) {
            return null;
        }
        TempDirectory last = lastTempDirectory;
        if (last == null || !last.dataDirectory().equals(dataDirectory)) {
            last = new TempDirectory(dataDirectory, dataDirectory.resolve("base").resolve("pgsql_tmp"));
            lastTempDirectory = last;
        }
        return last.path();
    }

    static long parseKilobytes(String v) {
        String s = v.trim();
        long mult = 1;
        if (s.endsWith("kB")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("MB")) {
            s = s.substring(0, s.length() - 2);
            mult = 1024;
        } else if (s.endsWith("GB")) {
            s = s.substring(0, s.length() - 2);
            mult = 1024 * 1024;
        } else if (s.endsWith("TB")) {
            s = s.substring(0, s.length() - 2);
            mult = 1024L * 1024 * 1024;
        }
        try {
            return Long.parseLong(s.trim()) * mult;
        } catch (NumberFormatException e) {
            return 4096;
        }
    }

    public EvalContext ctx() { return ctx; }

    /** A fresh executor param slot for a plan-time parameter (parameterized index scans). */
    public int newParamSlot() {
        return nextParamSlot++;
    }
    public long workMemBytes() { return workMemBytes; }

    /** Registers per-execution state to renew before the plan's tree runs again (see {@link ReusablePlan}). */
    public void onReexecute(Runnable renewal) {
        renewals.add(renewal);
    }

    /** Renews every registered node's per-execution state (the current statement's snapshot, the transaction). */
    void renewForExecution() {
        for (Runnable r : renewals) {
            r.run();
        }
    }
    public TempFiles tempFiles() { return tempFiles; }

    @Override
    public void close() {
        tempFiles.deleteAll();
    }
}
