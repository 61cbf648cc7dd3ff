package org.tusk.postmaster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemRequester;
import org.tusk.shmem.ShmemSegment;

/**
 * The postmaster (PostgreSQL's PostmasterMain and ServerLoop): creates shared
 * memory, opens the listeners, starts the backend pool, and shuts everything
 * down in the mode requested. It never reads or writes client bytes except to
 * turn a connection away.
 *
 * <p>Registered as a {@code Consumer<String>} with {@code tusk.control=shutdown}:
 * the launcher passes it the shutdown mode when a signal arrives.
 */
@Component(immediate = true, service = Consumer.class, property = "tusk.control=shutdown")
public final class Postmaster implements Consumer<String> {

    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
    private static final String EXIT_STATUS_PROPERTY = "tusk.exit.status";

    /** The storage core's shared memory needs (buffers, WAL, commit log, locks): the segment is sized from them. */
    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE)
    private List<ShmemRequester> shmemRequesters;

    private BundleContext context;
    private Path dataDir;
    private Path runtimeDir;
    private ShmemSegment shmem;
    private BackendPool pool;
    private ControlServer control;
    private final List<Listener> listeners = new ArrayList<>();

    @Activate
    void activate(BundleContext ctx) {
        this.context = ctx;
        try {
            startUp(ctx);
        } catch (Exception e) {
            LOG.error("FATAL:  {}", e.getMessage());
            closeResources();
            exit(1);
        }
    }

    private void startUp(BundleContext ctx) throws IOException {
        dataDir = Path.of(ctx.getProperty("tusk.data"));
        Path opts = Path.of(ctx.getProperty("tusk.settings"));
        PostmasterSettings settings = PostmasterSettings.load(opts);
        removeStaleBackendCaches();
        // a short private directory for the control and latch sockets (Unix socket paths are limited to ~100 bytes)
        runtimeDir = Files.createTempDirectory(Path.of("/tmp"), "tusk-pm-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int slots = settings.maxBackends() + PostmasterSettings.AUXILIARY_SLOTS;
        List<ShmemRequest> requests = new ArrayList<>();
        for (ShmemRequester requester : shmemRequesters) {
            requests.addAll(requester.shmemRequests(settings.all(), slots));
        }
        shmem = ShmemSegment.create(dataDir.resolve("pg_shmem"), slots, runtimeDir, requests);

        List<String> backendCommand = new ArrayList<>();
        backendCommand.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the options the launcher chose for this Java version (Main.runtimeOptions): one place decides them
        String runtimeOptions = ctx.getProperty("tusk.runtime.options");
        if (runtimeOptions != null && !runtimeOptions.isBlank()) {
            backendCommand.addAll(List.of(runtimeOptions.strip().split("\\s+")));
        }
        // the defaults for this Java version, then backend_jvm_options (later options win)
        backendCommand.addAll(BackendJvmOptions.forJava(Runtime.version().feature()));
        backendCommand.addAll(settings.backendJvmOptions());
        backendCommand.addAll(List.of("-jar", Path.of(ctx.getProperty("tusk.home"), "tusk-boot.jar").toString(),
                "backend", "-D", dataDir.toString(), "--control", runtimeDir.resolve("control").toString()));

        listeners.addAll(Listener.openTcp(settings.listenAddresses(), settings.port(), settings.maxConnections()));
        for (String dir : settings.unixSocketDirectories()) {
            listeners.add(Listener.openUnix(Path.of(dir), settings.port()));
        }
        if (listeners.isEmpty()) {
            throw new IOException("no socket created for listening");
        }
        pool = new BackendPool(settings, shmem, backendCommand, () -> {
            LOG.info("database system is shut down");
            closeResources();
            exit(0);
        }, () -> PidFileStatus.markReady(dataDir), () -> {
            closeResources();
            exit(1);
        });
        control = new ControlServer(runtimeDir.resolve("control"), pool);
        pool.start();
        String deployFolder = ctx.getProperty("tusk.deploy");
        if (deployFolder != null) {
            pool.watchDeployFolder(Path.of(deployFolder));
        }
        for (Listener l : listeners) {
            l.start(pool::dispatch);
        }
    }

    /** Shutdown request from the launcher (smart, fast or immediate). */
    @Override
    public void accept(String mode) {
        closeListeners();
        PidFileStatus.mark(dataDir, "stopping");
        if (pool != null) {
            pool.shutdown(mode);
        } else {
            exit(0);
        }
    }

    @Deactivate
    void deactivate() {
        // the framework is stopping (e.g. after a shutdown, or an unexpected stop): leave no process behind
        if (pool != null && pool.state() != BackendPool.State.STOPPED) {
            pool.shutdown("immediate");
        }
        closeResources();
    }

    private void closeListeners() {
        for (Listener l : listeners) {
            try {
                l.close();
            } catch (IOException ignored) {
                // closing on the way out
            }
        }
        listeners.clear();
    }

    private synchronized void closeResources() {
        closeListeners();
        try {
            if (control != null) control.close();
        } catch (IOException ignored) {
            // the socket file goes with the runtime directory
        }
        control = null;
        if (shmem != null) {
            shmem.close();
            shmem = null;
            try {
                Files.deleteIfExists(dataDir.resolve("pg_shmem"));
            } catch (IOException ignored) {
                // recreated at the next start
            }
        }
        if (runtimeDir != null) {
            try (Stream<Path> files = Files.list(runtimeDir)) {
                files.forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
            runtimeDir.toFile().delete();
            runtimeDir = null;
        }
    }

    /** Stops the framework so the launcher exits with the given status. */
    private void exit(int status) {
        if (status != 0 || System.getProperty(EXIT_STATUS_PROPERTY) == null) {
            System.setProperty(EXIT_STATUS_PROPERTY, Integer.toString(status));
        }
        Thread t = new Thread(() -> {
            try {
                awaitFrameworkStarted();
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                Runtime.getRuntime().halt(status);
            }
        }, "postmaster exit");
        t.start();
    }

    /** Stopping Felix while it is still raising the start level makes other bundles fail noisily: wait for it. */
    private void awaitFrameworkStarted() {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        org.osgi.framework.FrameworkListener listener = event -> {
            if (event.getType() == org.osgi.framework.FrameworkEvent.STARTED) started.countDown();
        };
        context.addFrameworkListener(listener);
        try {
            if (context.getBundle(0).getState() == org.osgi.framework.Bundle.ACTIVE) {
                started.countDown();
            }
            started.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            context.removeFrameworkListener(listener);
        }
    }

    /** Backends killed with -9 leave their Felix cache behind; remove those of dead processes. */
    private void removeStaleBackendCaches() {
        Path caches = dataDir.resolve("pg_felix");
        if (!Files.isDirectory(caches)) return;
        try (Stream<Path> dirs = Files.list(caches)) {
            dirs.filter(d -> d.getFileName().toString().startsWith("backend.")).forEach(d -> {
                try {
                    long pid = Long.parseLong(d.getFileName().toString().substring("backend.".length()));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return;
                } catch (NumberFormatException ignored) {
                    // not ours
                }
                try (Stream<Path> walk = Files.walk(d)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
