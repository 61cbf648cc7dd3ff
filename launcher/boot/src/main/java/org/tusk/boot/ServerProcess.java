package org.tusk.boot;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The two server roles: the postmaster (foreground; {@code tusk start} runs it
 * in the background) and a backend process (spawned by the postmaster only).
 */
final class ServerProcess {

    /** The postmaster bundle registers a {@code Consumer<String>} with this property; it takes a shutdown mode. */
    static final String SHUTDOWN_FILTER = "(tusk.control=shutdown)";

    private ServerProcess() {}

    static int postmaster(CommandLine cl, PrintStream err) throws Exception {
        Path dataDir = cl.requireDataDir("tusk postmaster");
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            throw new ConfigException("\"" + dataDir + "\" is not a valid data directory\nDETAIL:  File \""
                    + dataDir.resolve("PG_VERSION") + "\" is missing.");
        }
        ServerSettings settings = ServerSettings.load(dataDir, cl.settings);
        configureServerLogging();
        Path shmem = dataDir.resolve("pg_shmem");
        PostmasterPidFile.create(dataDir, Main.nowEpochSeconds(), settings.get("port"),
                settings.get("unix_socket_directories").split(",")[0].strip(), settings.get("listen_addresses"), shmem);
        Path cache = dataDir.resolve("pg_felix/postmaster");
        try {
            Path opts = dataDir.resolve(ServerSettings.OPTS_FILE);
            settings.writeTo(opts);
            Files.deleteIfExists(dataDir.resolve(PgCtl.SHUTDOWN_REQUEST_FILE));
            Map<String, String> props = new HashMap<>();
            props.put("tusk.data", dataDir.toString());
            props.put("tusk.settings", opts.toString());
            props.put("tusk.runtime.options", String.join(" ", Main.runtimeOptions()));
            Distribution dist = Distribution.locate();
            // the postmaster does not load storage bundles; it watches the folder to refresh its warm backends
            props.put(FelixBoot.DEPLOY_PROPERTY, DeployFolder.locate(dist, opts).toString());
            Framework fw = FelixBoot.start(dist, ProcessRole.POSTMASTER, cache, props);
            installShutdownSignals(fw, dataDir);
            return Main.awaitStop(fw);
        } finally {
            PostmasterPidFile.remove(dataDir);
            FelixBoot.deleteCache(cache);
        }
    }

    static int backend(CommandLine cl, PrintStream err) throws Exception {
        Path dataDir = cl.requireDataDir("tusk backend");
        configureServerLogging();
        Path cache = dataDir.resolve("pg_felix/backend." + ProcessHandle.current().pid());
        Map<String, String> props = new HashMap<>();
        props.put("tusk.data", dataDir.toString());
        props.put("tusk.settings", dataDir.resolve(ServerSettings.OPTS_FILE).toString());
        props.put("tusk.control", cl.controlSocket);
        props.put("tusk.slot", cl.slot);
        if (cl.role != null) {
            props.put("tusk.auxiliary", cl.role);
        }
        Distribution dist = Distribution.locate();
        props.put(FelixBoot.DEPLOY_PROPERTY,
                DeployFolder.locate(dist, dataDir.resolve(ServerSettings.OPTS_FILE)).toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FelixBoot.deleteCache(cache)));
        Framework fw = FelixBoot.start(dist, ProcessRole.BACKEND, cache, props);
        return Main.awaitStop(fw);
    }

    /**
     * slf4j-simple reads system properties; server logs go to stderr (the log
     * file under {@code tusk start}) with a timestamp, like PostgreSQL's.
     */
    private static void configureServerLogging() {
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS z");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "false");
    }

    /**
     * PostgreSQL's postmaster signals: SIGTERM is a shutdown in the mode that
     * {@code tusk stop} wrote (smart when none), SIGINT a fast shutdown.
     * {@code sun.misc.Signal} is the only JDK way to catch a signal.
     */
    @SuppressWarnings("restriction")
    private static void installShutdownSignals(Framework fw, Path dataDir) {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), sig -> requestShutdown(fw, dataDir, "smart"));
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> requestShutdown(fw, dataDir, "fast"));
    }

    private static void requestShutdown(Framework fw, Path dataDir, String defaultMode) {
        String mode = defaultMode;
        Path request = dataDir.resolve(PgCtl.SHUTDOWN_REQUEST_FILE);
        try {
            if (Files.exists(request)) {
                mode = Files.readString(request).strip();
                Files.deleteIfExists(request);
            }
        } catch (java.io.IOException ignored) {
            // keep the default mode
        }
        final String chosen = mode;
        new Thread(() -> {
            try {
                Optional<ServiceReference<?>> ref = findShutdownService(fw);
                if (ref.isPresent()) {
                    @SuppressWarnings("unchecked")
                    java.util.function.Consumer<String> shutdown =
                            (java.util.function.Consumer<String>) fw.getBundleContext().getService(ref.get());
                    shutdown.accept(chosen);
                } else {
                    fw.stop();
                }
            } catch (Exception e) {
                try {
                    fw.stop();
                } catch (Exception ignored) {
                    Runtime.getRuntime().halt(1);
                }
            }
        }, "shutdown-request").start();
    }

    private static Optional<ServiceReference<?>> findShutdownService(Framework fw) throws Exception {
        ServiceReference<?>[] refs = fw.getBundleContext().getAllServiceReferences(
                java.util.function.Consumer.class.getName(), SHUTDOWN_FILTER);
        return refs == null || refs.length == 0 ? Optional.empty() : Optional.of(refs[0]);
    }
}
