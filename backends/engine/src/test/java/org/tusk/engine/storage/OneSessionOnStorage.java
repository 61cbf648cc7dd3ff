package org.tusk.engine.storage;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;
import org.tusk.engine.FakeBackend;
import org.tusk.engine.FakeHost;

/**
 * The fixture of engine-on-storage tests that need one session: an in-process cluster per
 * test class and a session {@code s} on its first backend, in database postgres. A subclass
 * loads its tables in a {@code @BeforeAll} method of another name (JUnit runs this class's
 * first). {@code host} records the NOTICEs and WARNINGs the session sends. For two backends see
 * {@link TwoSessionsOnStorage}.
 */
abstract class OneSessionOnStorage {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static FakeHost host;
    static EngineSession s;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new StorageCluster(dir);
        host = new FakeHost(new FakeBackend(cluster.data()));
        s = cluster.backend(0).engine.openSession(host, "postgres", "postgres", java.util.Map.of());
    }

    @AfterAll
    static void stopCluster() {
        s.close();
        cluster.close();
    }
}
