package org.tusk.systest;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base of test classes whose tests share one running cluster (started once, stopped after the last test). */
abstract class SharedClusterTest {

    @TempDir
    static Path root;
    static TuskCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TuskCluster.start(root);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
