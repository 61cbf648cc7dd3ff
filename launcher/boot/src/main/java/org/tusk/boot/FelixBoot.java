package org.tusk.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Starts an embedded Felix framework with one role's bundles.
 *
 * <p>Bundles are installed by reference ({@code reference:file:}) so that Felix
 * does not copy the jars into its cache: backends start often and must start
 * fast. The cache itself is private to the process and deleted at exit.
 */
final class FelixBoot {

    /**
     * SPI Fly must be active before any bundle that uses ServiceLoader starts
     * (slf4j 2 finds its provider that way), else logging silently becomes NOP.
     */
    private static int startLevelOf(String symbolicName) {
        if (symbolicName.startsWith("org.objectweb.asm") || symbolicName.startsWith("org.apache.aries.spifly")) {
            return 1;
        }
        if (symbolicName.startsWith("slf4j.")) {
            return 2;
        }
        return 10;
    }

    /**
     * SPI Fly reports every provider it wires through java.util.logging at INFO;
     * keep its warnings only. A strong reference keeps the level from being collected.
     */
    private static final java.util.logging.Logger SPIFLY_LOG = java.util.logging.Logger.getLogger("org.apache.aries.spifly");

    static {
        SPIFLY_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private FelixBoot() {}

    static Framework start(Distribution dist, ProcessRole role, Path cacheDir, Map<String, String> extraProperties)
            throws IOException, BundleException {
        List<RunBundles.Entry> entries = RunBundles.read(dist.bndrun(role));
        BundleRepository repo = new BundleRepository(dist.bundlesFolder());

        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, cacheDir.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.*,jdk.internal.misc");
        props.put("felix.log.level", "1");
        props.put("org.osgi.framework.startlevel.beginning", "10");
        props.put("tusk.home", dist.home().toString());
        props.put("tusk.role", role.bndrunName);
        props.putAll(extraProperties);

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, FelixBoot.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(props);
        framework.init();
        List<Bundle> installed = new ArrayList<>();
        String deployProperty = extraProperties.get(DEPLOY_PROPERTY);
        Map<String, DeployFolder.Deployed> deployed = role == ProcessRole.BACKEND && deployProperty != null
                ? DeployFolder.scan(Path.of(deployProperty)) : new HashMap<>();
        for (RunBundles.Entry e : entries) {
            Path jar = repo.find(e.symbolicName());
            DeployFolder.Deployed newer = deployed.remove(e.symbolicName());
            Bundle b;
            if (newer != null && newer.version().compareTo(versionOf(jar)) > 0) {
                b = installDeployed(framework, newer, "replaces " + versionOf(jar));
            } else {
                b = framework.getBundleContext().installBundle("reference:" + jar.toUri());
            }
            b.adapt(BundleStartLevel.class).setStartLevel(startLevelOf(e.symbolicName()));
            installed.add(b);
        }
        for (DeployFolder.Deployed extra : deployed.values()) {
            Bundle b = installDeployed(framework, extra, "added");
            b.adapt(BundleStartLevel.class).setStartLevel(startLevelOf(extra.symbolicName()));
            installed.add(b);
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
        for (Path jar : deployedBundles(dist.deployFolder(role))) {
            // a plugin dropped into deploy/<role>s/: one that does not install or resolve is reported, not fatal
            try {
                Bundle b = framework.getBundleContext().installBundle("reference:" + jar.toUri());
                b.adapt(BundleStartLevel.class).setStartLevel(startLevelOf(b.getSymbolicName() == null ? "" : b.getSymbolicName()));
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) b.start(Bundle.START_ACTIVATION_POLICY);
            } catch (BundleException | RuntimeException e) {
                System.err.println("tusk: warning: could not start " + jar + ": " + e.getMessage());
            }
        }
        framework.start();
        framework.adapt(FrameworkStartLevel.class).setStartLevel(10);
        return framework;
    }

    /** The jars in a deploy folder, by name (none when the folder does not exist). */
    static List<Path> deployedBundles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** Framework property naming the storage deploy folder a backend applies ({@link DeployFolder}). */
    static final String DEPLOY_PROPERTY = "tusk.deploy";

    /**
     * Installs a deploy-folder bundle by copying it into this process's cache
     * (not by reference: the file may be replaced while the process runs).
     */
    private static Bundle installDeployed(Framework framework, DeployFolder.Deployed d, String what)
            throws IOException, BundleException {
        try (java.io.InputStream in = Files.newInputStream(d.jar())) {
            Bundle b = framework.getBundleContext().installBundle("deploy:" + d.jar().toUri() + "#" + d.version(), in);
            // in the server log's format (slf4j-simple is not wired yet: the framework is still booting)
            System.err.println(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS z"))
                    + " INFO FelixBoot - storage bundle " + d.symbolicName() + " " + d.version() + " from "
                    + d.jar() + " " + what + " (process " + ProcessHandle.current().pid() + ")");
            return b;
        }
    }

    private static org.osgi.framework.Version versionOf(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            String v = file.getManifest().getMainAttributes().getValue("Bundle-Version");
            return org.osgi.framework.Version.parseVersion(v == null ? "0" : v.strip());
        }
    }

    /** Deletes a framework cache directory tree (best effort). */
    static void deleteCache(Path cacheDir) {
        if (!Files.exists(cacheDir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(cacheDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover cache is harmless: the next start of this role cleans it (storage.clean=onFirstInit)
        }
    }
}
