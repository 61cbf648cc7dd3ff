package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data modification on a real server with real clients: pgbench's
 * initialization (COPY, VACUUM ANALYZE, ALTER TABLE ADD PRIMARY KEY) and its
 * TPC-B-like and select-only runs with eight clients in simple, extended and
 * prepared mode (issue 4's list), after which the account, teller and branch
 * balances agree; psql's view of constraint
 * errors and COPY errors (as PostgreSQL 15 prints them); committed rows
 * surviving a kill -9 of every server process.
 */
class DmlSystemTest {

    @TempDir
    Path root;

    private static List<String> base(TuskCluster c, String program) {
        return new ArrayList<>(List.of(Clients.require(program), "-h", c.socketDir.toString(), "-p",
                Integer.toString(c.port), "-U", c.user));
    }

    private static TuskCluster.Result psql(TuskCluster c, String sql) throws Exception {
        List<String> cmd = base(c, "psql");
        cmd.addAll(List.of("-X", "-q", "-At", "-d", "postgres", "-c", sql));
        return TuskCluster.run(cmd, 120);
    }

    @Test
    void pgbenchBalancesAgreeInEveryProtocolModeWithEightClients() throws Exception {
        try (TuskCluster c = TuskCluster.start(root)) {
            List<String> init = base(c, "pgbench");
            init.addAll(List.of("-i", "-s", "1", "postgres"));
            TuskCluster.Result r = TuskCluster.run(init, 300);
            assertEquals(0, r.status(), r.output() + "\n" + c.log());
            int runs = 0;
            for (String mode : List.of("simple", "extended", "prepared")) {
                List<String> run = base(c, "pgbench");
                run.addAll(List.of("-c", "8", "-j", "2", "-t", "100", "-M", mode, "postgres"));
                r = TuskCluster.run(run, 600);
                assertEquals(0, r.status(), mode + ": " + r.output());
                assertTrue(r.output().contains("number of transactions actually processed: 800/800"), r.output());
                assertTrue(r.output().contains("number of failed transactions: 0"), r.output());
                runs++;
                TuskCluster.Result sums = psql(c, "select (select sum(abalance) from pgbench_accounts) || ' '"
                        + " || (select sum(bbalance) from pgbench_branches) || ' ' || (select sum(tbalance) from"
                        + " pgbench_tellers) || ' ' || (select sum(delta) from pgbench_history)"
                        + " || ' ' || (select count(*) from pgbench_history)");
                assertEquals(0, sums.status(), sums.output());
                String[] v = sums.output().trim().split(" ");
                assertEquals(v[0], v[1], sums.output());
                assertEquals(v[0], v[2], sums.output());
                // pgbench truncates pgbench_history before each run (no -n), so only the first run's history
                // holds every delta the balances received
                if (runs == 1) {
                    assertEquals(v[0], v[3], "after one run the history holds every delta: " + sums.output());
                }
                assertEquals("800", v[4], sums.output());

                List<String> selectOnly = base(c, "pgbench");
                selectOnly.addAll(List.of("-S", "-c", "8", "-j", "2", "-t", "100", "-M", mode, "postgres"));
                r = TuskCluster.run(selectOnly, 600);
                assertEquals(0, r.status(), mode + " -S: " + r.output());
                assertTrue(r.output().contains("number of transactions actually processed: 800/800"), r.output());
                assertTrue(r.output().contains("number of failed transactions: 0"), r.output());
            }
        }
    }

    @Test
    void constraintAndCopyErrorsAsPsqlShowsThemAndCommittedRowsSurviveKill9() throws Exception {
        try (TuskCluster c = TuskCluster.start(root)) {
            assertEquals(0, psql(c, "create table t (a int primary key, b text not null, c int check (c > 0))")
                    .status());
            assertEquals(0, psql(c, "insert into t values (1, 'x', 1)").status());
            TuskCluster.Result dup = psql(c, "insert into t values (1, 'y', 2)");
            assertTrue(dup.output().contains("ERROR:  duplicate key value violates unique constraint \"t_pkey\"\n"
                    + "DETAIL:  Key (a)=(1) already exists."), dup.output());
            TuskCluster.Result nn = psql(c, "insert into t values (2, null, 2)");
            assertTrue(nn.output().contains("ERROR:  null value in column \"b\" of relation \"t\" violates not-null "
                    + "constraint\nDETAIL:  Failing row contains (2, null, 2)."), nn.output());
            TuskCluster.Result ck = psql(c, "insert into t values (2, 'z', -1)");
            assertTrue(ck.output().contains("ERROR:  new row for relation \"t\" violates check constraint "
                    + "\"t_c_check\"\nDETAIL:  Failing row contains (2, z, -1)."), ck.output());

            Path data = root.resolve("rows.txt");
            Files.writeString(data, "10\ta\t1\n11\tb\t1\nzz\tc\t1\n");
            List<String> copy = base(c, "psql");
            copy.addAll(List.of("-X", "-q", "-d", "postgres", "-c", "\\copy t from '" + data + "'"));
            TuskCluster.Result bad = TuskCluster.run(copy, 60);
            assertTrue(bad.output().contains("ERROR:  invalid input syntax for type integer: \"zz\"\n"
                    + "CONTEXT:  COPY t, line 3, column a: \"zz\""), bad.output());
            assertEquals("1", psql(c, "select count(*) from t").output().trim(), "the failed COPY left nothing");

            Files.writeString(data, "10\ta\t1\n11\tb\t1\n12\tc\t1\n");
            assertEquals(0, TuskCluster.run(copy, 60).status());
            assertEquals(0, psql(c, "update t set c = c + 100 where a = 11").status());

            List<Long> pids = new ArrayList<>(c.backendPids());
            pids.add(0, c.postmasterPid());
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            }
            Files.deleteIfExists(c.dataDir.resolve("postmaster.pid"));
            c.restart();
            assertEquals("1|x|1\n10|a|1\n11|b|101\n12|c|1", psql(c, "select * from t order by a").output().trim());
        }
    }
}
