package org.tusk.xact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.xact.XactChild.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.shmem.ChildJvm;
import org.tusk.shmem.SharedWords;

/** Backends in separate JVMs sharing the segment and pg_xact, as in the server. */
class MultiProcessXactTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private XactCluster cluster;
    private TransactionSystem system;
    private TransactionManager tm;
    private final List<ChildJvm> children = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cluster = XactCluster.create(dir);
        system = cluster.attach(0);
        tm = system.newTransactionManager(new FakeWal());
    }

    @AfterEach
    void tearDown() {
        children.forEach(ChildJvm::close);
        cluster.close();
    }

    private ChildJvm start(String role, int slot, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(role, cluster.segment.file().toString(),
                cluster.dataDirectory.toString(), Integer.toString(slot)));
        args.addAll(List.of(more));
        ChildJvm child = ChildJvm.start(XactChild.class, dir, args.toArray(String[]::new));
        children.add(child);
        return child;
    }

    private boolean visible(Snapshot snapshot, int xid) {
        return tm.isCurrentTransactionId(xid) || !snapshot.isInProgressIn(xid) && tm.didCommit(xid);
    }

    @Test
    void snapshotsAcrossProcesses() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            SharedWords words = cluster.segment.sharedWords();
            ChildJvm holder = start("holder", 1);
            holder.await(() -> words.getVolatile(W_PHASE) == 1, "the child's second transaction running");
            int committed = (int) words.getVolatile(W_XID0);
            int running = (int) words.getVolatile(W_XID1);

            // Make the running xid older than a completed one, so it must be found in the ProcArray.
            tm.begin();
            int mine = tm.currentXid();
            tm.commit();
            assertTrue(TransactionIds.follows(mine, running));

            TransactionManager rr = cluster.attach(2).newTransactionManager(new FakeWal());
            rr.begin(IsolationLevel.REPEATABLE_READ);
            Snapshot rrFirst = rr.statementSnapshot();
            tm.begin(IsolationLevel.READ_COMMITTED);
            Snapshot before = tm.statementSnapshot();
            assertTrue(visible(before, committed), "committed before the snapshot");
            assertTrue(visible(before, mine));
            assertFalse(visible(before, running), "running at snapshot time");
            assertTrue(system.procArray().isInProgress(running));

            words.setVolatile(W_GO, 1);
            holder.await(() -> words.getVolatile(W_PHASE) == 2, "the child's commit");
            holder.awaitSuccess();
            assertTrue(tm.didCommit(running));
            assertFalse(system.procArray().isInProgress(running));
            assertFalse(visible(before, running), "still invisible to the snapshot taken while it ran");
            assertTrue(visible(tm.statementSnapshot(), running), "READ COMMITTED: a new snapshot per statement");
            rr.commandCounterIncrement();
            Snapshot rrSecond = rr.statementSnapshot();
            assertTrue(rrSecond.isInProgressIn(running) && rrFirst.isInProgressIn(running),
                    "REPEATABLE READ: the first snapshot for the whole transaction");
            tm.commit();
            rr.commit();
        });
    }

    @Test
    void manyConcurrentCommitters() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int processes = 4;
            int iterations = 500;
            SharedWords words = cluster.segment.sharedWords();
            for (int slot = 1; slot <= processes; slot++) {
                start("committer", slot, Integer.toString(iterations), dir.resolve("out/" + slot).toString());
            }
            children.get(0).await(() -> words.getVolatile(W_READY) == processes, "all committers attached");
            words.setVolatile(W_GO, 1);
            for (ChildJvm child : children) {
                child.awaitSuccess();
            }
            Set<Integer> seen = new HashSet<>();
            int max = 0;
            int committed = 0;
            int aborted = 0;
            for (int slot = 1; slot <= processes; slot++) {
                for (String line : Files.readAllLines(dir.resolve("out/" + slot))) {
                    String[] parts = line.split(" ");
                    int xid = Integer.parseInt(parts[0]);
                    assertTrue(seen.add(xid), "xid " + xid + " handed out twice");
                    max = Math.max(max, xid);
                    if (parts[1].equals("C")) {
                        assertEquals(XidStatus.COMMITTED, system.commitLog().status(xid), "xid " + xid);
                        committed++;
                    } else {
                        assertEquals(XidStatus.ABORTED, system.commitLog().status(xid), "xid " + xid);
                        aborted++;
                    }
                }
            }
            assertEquals(processes * iterations + processes * iterations / 4, seen.size());
            assertTrue(committed > 0 && aborted > 0);
            assertEquals(0, system.procArray().runningXids().length, "ProcArray empty afterwards");
            assertEquals(max, TransactionIds.xidOf(system.procArray().latestCompletedFullXid()));
            assertEquals(max + 1, TransactionIds.xidOf(system.variables().nextFullXid()));
            Snapshot after = system.procArray().takeSnapshot();
            assertEquals(max + 1, after.xmax());
            assertEquals(after.xmax(), after.xmin());
        });
    }

    @Test
    void commitOfATreeIsAtomicForReaders() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            SharedWords words = cluster.segment.sharedWords();
            ChildJvm writer = start("atomic-writer", 1);
            // A second writer keeps latestCompletedXid moving past the first one's running xids.
            ChildJvm other = start("atomic-writer", 2);
            writer.await(() -> words.getVolatile(W_READY) == 2 && words.getVolatile(W_COMMITS) > 10,
                    "the writers running");
            int checks = 0;
            int seenVisible = 0;
            int seenInvisible = 0;
            int seenOverflowed = 0;
            long deadline = System.nanoTime() + Duration.ofMillis(2500).toNanos();
            while (System.nanoTime() < deadline) {
                tm.begin();
                Snapshot snapshot = tm.statementSnapshot();
                long pair = words.getVolatile(W_PAIR);
                int top = (int) (pair >>> 32);
                int sub = (int) pair;
                boolean topVisible = visible(snapshot, top);
                boolean subVisible = visible(snapshot, sub);
                assertEquals(topVisible, subVisible, "top " + top + " and its subxid " + sub + " in " + snapshot);
                // Without a snapshot, the commit log alone: a subxid never commits ahead of its parent.
                boolean subCommitted = tm.didCommit(sub);
                boolean topCommitted = tm.didCommit(top);
                assertFalse(subCommitted && !topCommitted, "subxid " + sub + " committed before " + top);
                tm.commit();
                checks++;
                if (topVisible) {
                    seenVisible++;
                } else {
                    seenInvisible++;
                }
                if (snapshot.suboverflowed()) {
                    seenOverflowed++;
                }
            }
            words.setVolatile(W_STOP, 1);
            writer.awaitSuccess();
            other.awaitSuccess();
            assertTrue(seenVisible > 0 && seenInvisible > 0,
                    "both sides of commits observed: " + seenVisible + " visible, " + seenInvisible + " not, of "
                            + checks);
            assertTrue(seenOverflowed > 0, "some snapshots had to use pg_subtrans");
            assertEquals(0, system.procArray().runningXids().length);
        });
    }
}
