package org.tusk.engine.storage;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;

/**
 * The fixture most engine-on-storage tests share: one in-process cluster per test class and
 * a session on each of two backends ({@code a}, {@code b}), both in database postgres, so a
 * test can check what another backend sees (invalidation, locks, snapshots); a test that needs
 * one session uses {@code a}. JUnit runs the
 * classes one after another, so the static fields belong to the class that is running.
 */
abstract class TwoSessionsOnStorage {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static EngineSession a;
    static EngineSession b;

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
        a = cluster.backend(0).connect("postgres");
        b = cluster.backend(1).connect("postgres");
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        cluster.close();
    }
}
