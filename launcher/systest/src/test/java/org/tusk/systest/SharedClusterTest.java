package org.tusk.systest;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of test classes whose tests share one running cluster (started once, stopped after the last test). The
 * cluster belongs to the test instance, one per class, not to a static field of this base: test classes run
 * two at a time (junit-platform.properties), so two subclasses may each hold a cluster at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedClusterTest {

    /** The class's temporary directory (a @TempDir field would be filled only before each test). */
    Path root;
    TuskCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path classRoot) throws Exception {
        root = classRoot;
        cluster = TuskCluster.start(root);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
