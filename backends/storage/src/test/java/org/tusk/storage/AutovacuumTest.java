package org.tusk.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.TableStatistics;
import org.tusk.shmem.ChildJvm;
import org.tusk.shmem.ShmemSegment;

/**
 * Autovacuum with real processes: three backends insert and delete rows on
 * one heap table while an autovacuum process runs its rounds; nobody calls
 * VACUUM, yet the dead tuples are reclaimed, the counters in shared memory
 * say so, and the space is reused.
 */
class AutovacuumTest {

    @TempDir
    Path dir;

    @Test
    void deadTuplesFromSeveralBackendsAreReclaimedWithoutAnyoneCallingVacuum() throws Exception {
        TestPostmaster postmaster = new TestPostmaster(dir, AutovacuumWorker.SETTINGS, AutovacuumWorker.class);
        try (ShmemSegment segment = postmaster.restart()) {
            try (ChildJvm create = postmaster.child(segment, "create", 0)) {
                create.awaitSuccess();
            }
            RelationStats stats = new RelationStats(segment);
            try (ChildJvm autovacuum = postmaster.child(segment, "autovacuum", 5)) {
                List<ChildJvm> backends = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    backends.add(postmaster.child(segment, "churn", w, "w" + w, "20", "40"));
                }
                for (ChildJvm backend : backends) {
                    backend.awaitSuccess();
                    backend.close();
                }
                TableStatistics.Counters counters = stats.counters(StorageWorker.TABLE);
                assertEquals(3 * 20 * 40, counters.tuplesInserted());
                assertEquals(3 * 20 * 40, counters.tuplesDeleted());
                assertEquals("heap", counters.accessMethod());
                autovacuum.await(() -> {
                    TableStatistics.Counters now = stats.counters(StorageWorker.TABLE);
                    return now.autovacuumCount() > 0 && now.deadTuples() == 0 && now.liveTuples() == 0;
                }, "autovacuum to reclaim every dead tuple");
                assertTrue(stats.counters(StorageWorker.TABLE).lastAutovacuum() > 0);
                assertEquals(0, stats.counters(StorageWorker.TABLE).vacuumCount(), "no manual VACUUM");
            }
            List<String> inspected;
            try (ChildJvm inspect = postmaster.child(segment, "inspect", 6)) {
                inspect.awaitSuccess();
                inspected = inspect.output().lines().toList();
            }
            assertTrue(inspected.contains("inspected"), String.join("\n", inspected));
            assertTrue(inspected.contains("normal 0"), "every dead version is gone: " + inspected);
            assertTrue(inspected.stream().noneMatch(l -> l.startsWith("problem")), String.join("\n", inspected));
            int blocks = Integer.parseInt(inspected.stream().filter(l -> l.startsWith("blocks ")).findFirst()
                    .orElseThrow().substring(7));
            // 2400 rows of ~250 bytes would need ~80 pages if nothing were reused; 3 backends x 40 live rows
            // at a time fit in ~5. Space freed by autovacuum was found through the free space map.
            assertTrue(blocks < 60, "the table stayed small: " + blocks + " blocks");
        }
    }
}
