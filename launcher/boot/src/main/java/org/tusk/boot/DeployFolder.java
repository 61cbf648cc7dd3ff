package org.tusk.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Version;

/**
 * The storage deploy folder (default {@code <distribution>/deploy/storage},
 * or the {@code storage_deploy_directory} setting): access-method bundles
 * dropped there replace the distribution's bundle of the same symbolic name
 * when their version is higher, or join the bundle set when their name is
 * new. Each backend process applies the folder once, when its framework
 * boots, so a new bundle version serves the sessions of backends started
 * after the drop; the postmaster watches the folder and retires its warm
 * backends when it changes. The storage core (shared memory, WAL, buffers,
 * transactions, locks, the API) is never replaced: those bundles are ignored
 * here with a warning, because every process must agree on their layouts.
 */
final class DeployFolder {

    static final String SETTING = "storage_deploy_directory";

    /** Bundles that must stay put while the server runs. */
    static final Set<String> CORE = Set.of("tusk-api", "tusk-shmem", "tusk-wal", "tusk-buffer", "tusk-xact",
            "tusk-lmgr", "tusk-storage", "tusk-ipc", "tusk-backend", "tusk-postmaster");

    /** One bundle jar of the folder. */
    record Deployed(String symbolicName, Version version, Path jar) {
    }

    private DeployFolder() {}

    /** The folder for a data directory: the setting from postmaster.opts, else under the distribution. */
    static Path locate(Distribution dist, Path optsFile) {
        if (optsFile != null && Files.exists(optsFile)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(optsFile)) {
                p.load(in);
            } catch (IOException e) {
                // unreadable settings: the default folder
            }
            String configured = p.getProperty(SETTING);
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured.strip());
            }
        }
        return dist.home().resolve("deploy").resolve("storage");
    }

    /** The highest version of each bundle in the folder (core bundles are left out with a warning). */
    static Map<String, Deployed> scan(Path folder) {
        Map<String, Deployed> out = new HashMap<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return out;
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            System.err.println("WARNING:  could not read deploy folder " + folder + ": " + e.getMessage());
            return out;
        }
        for (Path jar : jars) {
            Deployed d = read(jar);
            if (d == null) {
                continue;
            }
            if (CORE.contains(d.symbolicName())) {
                System.err.println("WARNING:  " + jar + ": " + d.symbolicName()
                        + " belongs to the storage core and cannot be replaced while the server runs; ignored");
                continue;
            }
            Deployed known = out.get(d.symbolicName());
            if (known == null || d.version().compareTo(known.version()) > 0) {
                out.put(d.symbolicName(), d);
            }
        }
        return out;
    }

    private static Deployed read(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String bsn = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn == null) {
                System.err.println("WARNING:  " + jar + " is not an OSGi bundle; ignored");
                return null;
            }
            String version = manifest.getMainAttributes().getValue("Bundle-Version");
            return new Deployed(bsn.split(";")[0].strip(), Version.parseVersion(version == null ? "0" : version.strip()),
                    jar);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("WARNING:  could not read bundle " + jar + ": " + e.getMessage());
            return null;
        }
    }
}
