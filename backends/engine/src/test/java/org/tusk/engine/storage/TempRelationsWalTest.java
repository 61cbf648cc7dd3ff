package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;
import org.tusk.storage.StorageSettings;
import org.tusk.wal.DecodedBlock;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.WalReader;
import org.tusk.wal.WalWriter;

/**
 * TEMP relations are not WAL-logged (RelationNeedsWAL is false for
 * relpersistence 't'): no record for their heap, index, TOAST, map or
 * sequence pages, whatever the command; and a transaction whose only changes
 * went to them commits without waiting for a WAL flush (RecordTransactionCommit's
 * wrote_xlog).
 */
@Timeout(90)
class TempRelationsWalTest {

    @TempDir
    static Path dir;

    static StorageCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void dmlOnTempTablesInsertsNoWal() throws Exception {
        StorageCluster.Backend backend = cluster.backend(0);
        WalWriter wal = backend.storage.wal();
        EngineSession s = backend.connect("postgres");
        try {
            query(s, "CREATE TEMP TABLE tw (id int PRIMARY KEY, v int, pad text)");
            query(s, "CREATE INDEX tw_v ON tw USING hash (v)");
            query(s, "CREATE TEMP SEQUENCE tws");
            query(s, "CREATE TABLE pw (id int PRIMARY KEY, v int)");
            query(s, "BEGIN");
            long before = wal.insertPosition();
            // enough rows for several heap pages and B-tree splits
            assertEquals(List.of(), query(s, "INSERT INTO tw SELECT g, g, repeat('x', 200) FROM generate_series(1, 2000) g"));
            assertEquals(List.of(), query(s, "UPDATE tw SET v = v + 1 WHERE id <= 500"));
            assertEquals(List.of(), query(s, "UPDATE tw SET pad = repeat('y', 5000) WHERE id = 7"));   // TOAST
            assertEquals(List.of(), query(s, "DELETE FROM tw WHERE id > 1500"));
            assertEquals(List.of("3|4"), query(s, "SELECT id, v FROM tw WHERE id = 3 FOR UPDATE"));
            assertEquals(List.of("1"), query(s, "SELECT nextval('tws')"));
            assertEquals(List.of(), recordsTouching(wal, before, tempFileNodes(s)),
                    "changes to TEMP relations insert no WAL");
            assertEquals(List.of(), query(s, "INSERT INTO pw VALUES (1, 1)"));
            assertNotEquals(before, wal.insertPosition(), "a permanent table's change does");
            query(s, "COMMIT");
            assertEquals(List.of("1500|500|5000"), query(s, "SELECT count(*), count(*) FILTER (WHERE v > id), "
                    + "max(length(pad)) FROM tw"));
        } finally {
            s.close();
        }
    }

    @Test
    void ddlAndMaintenanceOfTempTablesLogNoPageOfThem() throws Exception {
        StorageCluster.Backend backend = cluster.backend(1);
        WalWriter wal = backend.storage.wal();
        EngineSession s = backend.connect("postgres");
        try {
            Set<Integer> tempFiles = new HashSet<>();
            long start = wal.insertPosition();
            query(s, "CREATE TEMP TABLE tm (id int, v text)");
            query(s, "INSERT INTO tm SELECT g, 'v' || g FROM generate_series(1, 3000) g");
            query(s, "CREATE UNIQUE INDEX tm_id ON tm (id)");
            query(s, "DELETE FROM tm WHERE id % 3 = 0");
            tempFiles.addAll(tempFileNodes(s));
            query(s, "VACUUM tm");
            query(s, "TRUNCATE tm");
            query(s, "INSERT INTO tm SELECT g, 'w' FROM generate_series(1, 500) g");
            query(s, "REINDEX TABLE tm");
            tempFiles.addAll(tempFileNodes(s));
            assertTrue(tempFiles.size() >= 4, tempFiles.toString());
            assertTrue(wal.insertPosition() > start, "the catalog changes were logged");
            assertEquals(List.of(), recordsTouching(wal, start, tempFiles));
            assertEquals(List.of("500"), query(s, "SELECT count(*) FROM tm WHERE id > 0"));
        } finally {
            s.close();
        }
    }

    /**
     * The records inserted since {@code start} that change a page of one of {@code files}. (Others may
     * come between: reads prune catalog pages, TOAST chunk ids log the shared OID counter's NEXTOID.)
     */
    private static List<String> recordsTouching(WalWriter wal, long start, Collection<Integer> files) {
        wal.flush(wal.insertPosition());
        List<String> out = new ArrayList<>();
        try (WalReader reader = WalReader.open(cluster.data(), walSettings(), start)) {
            for (DecodedRecord record = reader.next(); record != null; record = reader.next()) {
                for (DecodedBlock block : record.blocks()) {
                    if (files.contains(block.locator().relNumber())) {
                        out.add("rmgr " + record.rmgrId() + " info " + record.info() + " changes block "
                                + block.blockNumber() + " of " + block.locator().path(block.fork()));
                    }
                }
            }
        }
        return out;
    }

    private static org.tusk.wal.WalSettings walSettings() {
        return StorageSettings.from(Map.of(), StorageCluster.MAX_BACKENDS).walSettings();
    }

    private static List<Integer> tempFileNodes(EngineSession s) {
        return query(s, "SELECT relfilenode FROM pg_class WHERE relpersistence = 't' AND relfilenode <> 0").stream()
                .map(Integer::valueOf).toList();
    }

    @Test
    void commitOfOnlyTempChangesDoesNotWaitForTheFlush() throws Exception {
        StorageCluster.Backend backend = cluster.backend(2);
        WalWriter wal = backend.storage.wal();
        EngineSession s = backend.connect("postgres");
        EngineSession other = cluster.backend(3).connect("postgres");
        try {
            query(s, "CREATE TEMP TABLE tc (id int)");
            query(s, "CREATE TABLE pc (id int)");
            long flushed = wal.flushedUpTo();
            long inserted = wal.insertPosition();
            assertEquals(List.of(), query(s, "INSERT INTO tc VALUES (1)"));   // the caches warm (a catalog prune)
            flushed = wal.flushedUpTo();
            inserted = wal.insertPosition();
            assertEquals(List.of(), query(s, "INSERT INTO tc VALUES (2)"));
            assertTrue(wal.insertPosition() > inserted, "the commit record is written");
            assertEquals(flushed, wal.flushedUpTo(), "but not flushed");
            assertEquals(List.of("2"), query(s, "SELECT count(*) FROM tc"));
            assertEquals(List.of(), query(s, "INSERT INTO pc VALUES (1)"));
            assertEquals(wal.insertPosition(), wal.flushedUpTo(), "a permanent change's commit is flushed");
            assertEquals(List.of("1"), query(other, "SELECT count(*) FROM pc"));
        } finally {
            s.close();
            other.close();
        }
    }
}
