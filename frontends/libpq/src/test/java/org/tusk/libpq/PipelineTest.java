package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

/**
 * Pipeline mode, run against each {@link ServerUnderTest}
 * ({@code PipelineOnPostgresTest} here, {@code PipelineOnTuskTest} in launcher/systest).
 */
public abstract class PipelineTest {

    /** The server these scenarios run against (may skip the test when it is not available). */
    protected abstract ServerUnderTest server();

    private PgConnection connect() {
        return PgConnection.connect(server().socketConnInfo());
    }

    private static PgError errorOf(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        return (PgError) e.getCause();
    }

    @Test
    public void aThousandQueriesComeBackInOrder() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = connect()) {
                c.queryAll(server().scratchTable("pl", "i int, t text"));
                c.prepare("ins", "insert into pl values ($1, $2)");
                List<CompletableFuture<PgResult>> sel = new ArrayList<>();
                List<CompletableFuture<PgResult>> ins = new ArrayList<>();
                try (PgPipeline p = c.pipeline()) {
                    for (int i = 0; i < 1000; i++) {
                        sel.add(p.execute("select $1::int * 2, $2::text", i, "v" + i));
                        ins.add(p.executePrepared("ins", i, "r" + i));
                        if (i % 250 == 249) p.sync();
                    }
                    PgError inPipeline = assertThrows(PgError.class, () -> c.query("select 1"));
                    assertEquals("synchronous command execution functions are not allowed in pipeline mode", inPipeline.getMessage());
                }
                for (int i = 0; i < 1000; i++) {
                    PgResult r = sel.get(i).get();
                    assertEquals(2 * i, r.getInt(0, 0));
                    assertEquals("v" + i, r.getString(0, 1));
                    assertEquals("INSERT 0 1", ins.get(i).get().commandTag());
                }
                assertEquals(1000, c.query("select count(*) from pl").getLong(0, 0));
                assertEquals('I', c.transactionStatus());
            }
        });
    }

    @Test
    public void anErrorAbortsTheRestUntilTheNextSync() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = connect()) {
                c.queryAll(server().scratchTable("pe", "i int"));
                CompletableFuture<PgResult> a, bad, skipped1, skipped2, afterSync, emptyQuery;
                CompletableFuture<Void> firstSync;
                try (PgPipeline p = c.pipeline()) {
                    a = p.execute("insert into pe values (1)");
                    bad = p.execute("select 1/$1::int", 0);
                    skipped1 = p.execute("insert into pe values (2)");
                    firstSync = p.sync();
                    p.await(); // everything so far has arrived
                    assertEquals(0, p.pendingCount());
                    skipped2 = p.execute("select 'never'"); // queued after the error, before... a new sync: runs
                    afterSync = p.execute("insert into pe values (3) returning i");
                    emptyQuery = p.execute("");
                }
                assertEquals("INSERT 0 1", a.get().commandTag());
                PgError e = errorOf(bad);
                assertEquals("22012", e.sqlState());
                assertEquals(ResultStatus.PIPELINE_ABORTED, skipped1.get().status());
                firstSync.get();
                assertEquals("never", skipped2.get().getString(0, 0));
                assertEquals(3, afterSync.get().getInt(0, 0));
                assertEquals(ResultStatus.EMPTY_QUERY, emptyQuery.get().status());
                // the first segment was one implicit transaction, rolled back by the error
                assertEquals(List.of(3), List.of(c.query("select i from pe").getInt(0, 0)));
                assertEquals(1, c.query("select count(*) from pe").getLong(0, 0));

                // an error with no sync queued yet: later statements are aborted until one is
                CompletableFuture<PgResult> x, y, z;
                try (PgPipeline p = c.pipeline()) {
                    x = p.execute("select nosuchcolumn");
                    p.execute("select pg_sleep(0)");
                    p.await(); // syncs: x fails, the sleep is aborted
                    assertTrue(x.isDone());
                    x = p.execute("select nosuchcolumn");
                    // futures complete only while the pipeline reads: make it read the error
                    for (int i = 0; i < 2000 && !x.isDone(); i++) p.execute("select $1::int", i);
                    y = p.execute("select 2");
                    p.sync();
                    z = p.execute("select 3");
                }
                assertEquals("42703", errorOf(x).sqlState());
                assertEquals(ResultStatus.PIPELINE_ABORTED, y.get().status());
                assertEquals(3, z.get().getInt(0, 0));
                // explicit transaction across sync points
                try (PgPipeline p = c.pipeline()) {
                    p.execute("begin");
                    p.execute("insert into pe values (4)");
                    p.sync();
                    p.execute("rollback");
                }
                assertEquals(1, c.query("select count(*) from pe").getLong(0, 0));
                assertTrue(c.transactionStatus() == 'I');
            }
        });
    }
}
