package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot-swappable access methods: a new version of the heap bundle dropped
 * into the storage deploy folder serves the sessions that start afterwards,
 * while the postmaster, and a session already running on the old version,
 * carry on; the autovacuum launcher (the third auxiliary process) is
 * restarted with it.
 */
class StorageHotSwapTest {

    static final String NEW_VERSION = "0.1.1.hotswap";

    @TempDir
    Path root;

    @Test
    void aNewHeapBundleInTheDeployFolderServesNewSessionsWithoutARestart() throws Exception {
        Path deploy = root.resolve("deploy");
        try (TuskCluster cluster = TuskCluster.start(root, "storage_deploy_directory=" + deploy,
                "min_spare_backends=1", "max_spare_backends=2")) {
            long postmaster = cluster.postmasterPid();
            long autovacuum = awaitAutovacuum(postmaster, -1);
            Connection old = cluster.connect();
            int oldPid = ProcessModelTest.backendPid(old);
            assertFalse(cluster.log().contains("storage bundle tusk-heapam"), cluster.log());

            Path staged = root.resolve("tusk-heapam-new.jar");
            withVersion(distributionJar("tusk-heapam"), staged, NEW_VERSION);
            Files.createDirectories(deploy);
            Files.move(staged, deploy.resolve("tusk-heapam-" + NEW_VERSION + ".jar"), StandardCopyOption.ATOMIC_MOVE);
            await(() -> cluster.log().contains("storage deploy folder " + deploy + " changed"), "the postmaster to notice",
                    cluster);

            try (Connection fresh = cluster.connect()) {
                int newPid = ProcessModelTest.backendPid(fresh);
                assertNotEquals(oldPid, newPid);
                String loaded = "storage bundle tusk-heapam " + NEW_VERSION + " from ";
                assertTrue(logLine(cluster, loaded, newPid).isPresent(),
                        "the new session's backend runs the new heap bundle:\n" + cluster.log());
                try (Statement s = old.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                    assertTrue(rs.next(), "the session on the old version goes on");
                }
            }
            assertEquals(postmaster, cluster.postmasterPid(), "no restart");
            old.close();
            await(() -> ProcessHandle.of(oldPid).map(h -> !h.isAlive()).orElse(true),
                    "the old version's backend to be retired, not pooled", cluster);
            long newAutovacuum = awaitAutovacuum(postmaster, autovacuum);
            await(() -> logLine(cluster, "storage bundle tusk-heapam " + NEW_VERSION, newAutovacuum).isPresent(),
                    "the restarted autovacuum launcher to load the new bundle", cluster);
            assertFalse(cluster.log().contains("terminating any other active server processes"), cluster.log());
        }
    }

    /** The autovacuum launcher among the postmaster's children (other than {@code not}), waiting for it. */
    private static long awaitAutovacuum(long postmaster, long not) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> found = ProcessHandle.of(postmaster).orElseThrow().children()
                    .filter(h -> h.pid() != not && isAutovacuum(h)).findFirst();
            if (found.isPresent()) {
                return found.get().pid();
            }
            Thread.sleep(100);
        }
        fail("no autovacuum launcher under postmaster " + postmaster);
        return -1;
    }

    private static boolean isAutovacuum(ProcessHandle h) {
        try {
            String cmdline = Files.readString(Path.of("/proc/" + h.pid() + "/cmdline")).replace('\0', ' ');
            return cmdline.contains("autovacuum");          // "--role autovacuum", or the title "tusk: autovacuum"
        } catch (Exception gone) {
            return false;
        }
    }

    private static Optional<String> logLine(TuskCluster cluster, String text, long pid) {
        return cluster.log().lines().filter(l -> l.contains(text) && l.contains("(process " + pid + ")")).findFirst();
    }

    private static void await(BooleanSupplier condition, String what, TuskCluster cluster) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; log:\n" + cluster.log());
            }
            Thread.sleep(100);
        }
    }

    private static Path distributionJar(String name) throws Exception {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(TuskCluster.DIST.resolve("bundles"), name + "-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new AssertionError("no " + name + " in " + TuskCluster.DIST);
    }

    /** A copy of {@code jar} whose manifest says Bundle-Version {@code version} (a rebuilt bundle, in effect). */
    static void withVersion(Path jar, Path target, String version) throws Exception {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }
}
