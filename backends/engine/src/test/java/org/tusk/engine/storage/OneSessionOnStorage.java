package org.tusk.engine.storage;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;

/**
 * The fixture of engine-on-storage tests that need one session: an in-process cluster per
 * test class and a session {@code s} on its first backend, in database postgres. A subclass
 * loads its tables in a {@code @BeforeAll} method of another name (JUnit runs this class's
 * first). For two backends see {@link TwoSessionsOnStorage}.
 */
abstract class OneSessionOnStorage {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static EngineSession s;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new StorageCluster(dir);
        s = cluster.backend(0).connect("postgres");
    }

    @AfterAll
    static void stopCluster() {
        s.close();
        cluster.close();
    }
}
