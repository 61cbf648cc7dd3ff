package org.tusk.postmaster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.SqlState;
import org.tusk.ipc.ControlChannel;
import org.tusk.ipc.ControlMessage;
import org.tusk.shmem.ShmemSegment;

/**
 * The postmaster's children: spawning backend processes, keeping spares warm,
 * handing connections to idle ones, and reacting to their exits. PostgreSQL's
 * BackendStartup, reaper and HandleChildCrash in one place, because all of
 * them change the same state under one lock.
 *
 * <p>Invariants: a backend is in {@code idle} iff its state is IDLE; {@code busy}
 * counts BUSY backends; a connection waits in {@code pending} only while no
 * backend is idle; shared memory is reinitialized only when no backend is left.
 */
final class BackendPool {

    private static final Logger LOG = LoggerFactory.getLogger(BackendPool.class);
    /** PostgreSQL's SIGKILL_CHILDREN_AFTER_SECS. */
    private static final long KILL_STRAGGLERS_AFTER_SECONDS = 5;
    /**
     * A started backend ended abnormally (a straggler's SIGKILL included) during a smart or fast shutdown:
     * the shutdown checkpoint is skipped (a lock it held would stop the checkpointer for ever).
     */
    private boolean crashedDuringShutdown;
    /** A JVM with Felix starts in about a second here; one that has not said Hello after this is broken. */
    private static final long BACKEND_START_TIMEOUT_SECONDS = 60;
    /** A booting backend that keeps using CPU is given this many timeouts in all (ten minutes). */
    private static final int BACKEND_START_MAX_LOOKS = 10;
    /** Backend JVMs starting at the same time, at most. */
    private static final int MAX_STARTING = 2;
    /** Beyond the initial fill, spare backends are started at most this often. */
    private static final long SPARE_SPAWN_INTERVAL_NANOS = 2_000_000_000L;
    /** How long waiting connections wait for a busy backend to come back before the pool grows. */
    private static final long PENDING_GRACE_MILLIS = 20;

    /**
     * STARTUP: the startup process replays WAL, connections are refused;
     * RECOVERY: after a crash, waiting for every child to exit before shared
     * memory is reset and STARTUP begins again.
     */
    enum State { STARTUP, RUNNING, RECOVERY, SMART_SHUTDOWN, FAST_SHUTDOWN, IMMEDIATE_SHUTDOWN, STOPPED }

    static final String STARTUP_ROLE = "startup";
    static final String CHECKPOINTER_ROLE = "checkpointer";
    static final String AUTOVACUUM_ROLE = "autovacuum";

    private final PostmasterSettings settings;
    private final ShmemSegment shmem;
    private final List<String> backendCommand;
    private final BackendHandle[] bySlot;
    private final Deque<BackendHandle> idle = new ArrayDeque<>();
    private final Deque<ClientSocket> pending = new ArrayDeque<>();
    private final Refusal refusal;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "postmaster timers");
        t.setDaemon(true);
        return t;
    });
    private final Runnable onStopped;
    private final Runnable onReady;
    private final Runnable onStartupFailed;
    /**
     * Slots 0..backendSlots-1 serve sessions; the three after them belong to the auxiliary processes
     * (startup, checkpointer, autovacuum launcher).
     */
    private final int backendSlots;
    private boolean checkpointerToldToStop;
    private int busy;
    private boolean pendingCheckScheduled;
    private long lastSpareSpawnNanos;
    private int startFailures;
    private State state = State.STARTUP;
    /** Bumped whenever the storage deploy folder changes; processes of older generations are retired. */
    private int deployGeneration;
    private String deployFingerprint;
    private boolean autovacuumRestartRequested;
    /** spare_backend_idle_timeout: how long an idle backend beyond max_spare_backends stays (retireExcessSpares). */
    private final long excessSpareIdleNanos;

    /**
     * @param backendCommand the command that starts a backend, without its {@code --slot N}
     * @param onStopped      run once, when a shutdown has seen every backend exit
     * @param onReady        run whenever the startup process finished and connections are accepted
     * @param onStartupFailed run when the startup process fails (the server cannot start)
     */
    BackendPool(PostmasterSettings settings, ShmemSegment shmem, List<String> backendCommand, Runnable onStopped,
            Runnable onReady, Runnable onStartupFailed) {
        this.settings = settings;
        this.shmem = shmem;
        this.backendCommand = List.copyOf(backendCommand);
        this.bySlot = new BackendHandle[shmem.maxBackends()];
        this.backendSlots = shmem.maxBackends() - PostmasterSettings.AUXILIARY_SLOTS;
        this.onStopped = onStopped;
        this.onReady = onReady;
        this.onStartupFailed = onStartupFailed;
        this.refusal = new Refusal(this::cancelRequest);
        this.excessSpareIdleNanos = TimeUnit.SECONDS.toNanos(settings.spareBackendIdleTimeoutSeconds());
    }

    synchronized void start() {
        spawnAuxiliary(STARTUP_ROLE, backendSlots);
        timers.scheduleWithFixedDelay(this::retireExcessSpares, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Beyond max_spare_backends, an idle backend exits once it has been idle
     * for spare_backend_idle_timeout (default two minutes), the one idle longest
     * (coldest) first, at most one a second. A pooled backend is a JVM whose
     * JIT has compiled the hot paths of real work (warm-up plus every session
     * it served); retiring it soon after a burst, as the pool once did (one a
     * second), meant the next burst, a second benchmark run a few seconds
     * later, ran on fresh cold JVMs. PostgreSQL has no such cost, so its users
     * expect a server to stay fast between two bursts; the price is the idle
     * JVMs' memory for those minutes.
     */
    private synchronized void retireExcessSpares() {
        if (state == State.RUNNING && idle.size() > settings.maxSpareBackends()) {
            BackendHandle coldest = idle.peekLast();
            if (System.nanoTime() - coldest.idleSinceNanos >= excessSpareIdleNanos) {
                retire(coldest);
            }
        }
    }

    synchronized State state() {
        return state;
    }

    /** A new client connection from a listener. */
    synchronized void dispatch(ClientSocket client) {
        switch (state) {
            case STARTUP -> refusal.refuse(client, SqlState.CANNOT_CONNECT_NOW, "the database system is starting up");
            case RECOVERY -> refusal.refuse(client, SqlState.CANNOT_CONNECT_NOW, "the database system is in recovery mode");
            case SMART_SHUTDOWN, FAST_SHUTDOWN, IMMEDIATE_SHUTDOWN, STOPPED ->
                    refusal.refuse(client, SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
            case RUNNING -> {
                if (busy + pending.size() >= settings.maxConnections()) {
                    refusal.refuse(client, SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
                    return;
                }
                BackendHandle b = idle.pollFirst();
                if (b != null) {
                    handoff(b, client);
                } else {
                    pending.addLast(client);
                }
                maintainSpares();
            }
        }
    }

    private void handoff(BackendHandle b, ClientSocket client) {
        int key = random.nextInt();
        // the key is in shared memory before the client can learn it, so an early CancelRequest finds it
        shmem.slot(b.slot).setCancelKey(key);
        b.state = BackendHandle.State.BUSY;
        busy++;
        try {
            b.channel.send(new ControlMessage.Handoff(key, client.unixSocket(), client.remoteAddress(), client.remotePort()),
                    client.descriptor());
            client.close();
        } catch (IOException e) {
            // the backend is dying; its exit will be handled, the client goes to the next one
            LOG.debug("handoff to {} failed: {}", b, e.getMessage());
            b.state = BackendHandle.State.EXITING;
            busy--;
            pending.addFirst(client);
        }
    }

    /**
     * Keeps min_spare_backends idle or starting. Starting a backend JVM costs
     * about a second of CPU, so at most {@value #MAX_STARTING} start at once,
     * and a waiting connection does not start one at once: with short sessions
     * a busy backend is usually ready again within milliseconds. Only when
     * connections are still waiting after {@value #PENDING_GRACE_MILLIS} ms
     * does the pool grow for them.
     */
    private void maintainSpares() {
        if (state != State.RUNNING) {
            return;
        }
        int starting = count(BackendHandle.State.STARTING);
        // short dips below min_spare_backends are normal while busy backends report back: refill at a measured pace
        boolean filling = liveBackends() < settings.minSpareBackends();
        long now = System.nanoTime();
        if (filling || now - lastSpareSpawnNanos > SPARE_SPAWN_INTERVAL_NANOS) {
            boolean spawned = false;
            while (idle.size() + starting < settings.minSpareBackends() && starting < MAX_STARTING && spawn()) {
                starting++;
                spawned = true;
            }
            if (spawned) {
                lastSpareSpawnNanos = now;
            }
        }
        if (!pending.isEmpty() && !pendingCheckScheduled) {
            pendingCheckScheduled = true;
            timers.schedule(this::growForWaitingConnections, PENDING_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void growForWaitingConnections() {
        pendingCheckScheduled = false;
        if (state != State.RUNNING || pending.isEmpty()) {
            return;
        }
        int starting = count(BackendHandle.State.STARTING);
        if (starting < Math.min(pending.size(), MAX_STARTING)) {
            spawn();
        }
        maintainSpares();
    }

    private int liveBackends() {
        int n = 0;
        for (BackendHandle b : bySlot) {
            if (b != null && !b.isAuxiliary() && b.state != BackendHandle.State.EXITING) n++;
        }
        return n;
    }

    private int count(BackendHandle.State s) {
        int n = 0;
        for (BackendHandle b : bySlot) {
            if (b != null && b.state == s) n++;
        }
        return n;
    }

    private boolean spawn() {
        int slot = -1;
        for (int i = 0; i < backendSlots; i++) {
            if (bySlot[i] == null) {
                slot = i;
                break;
            }
        }
        if (slot < 0) {
            return false;
        }
        return startProcess(slot, null);
    }

    /**
     * Polls the storage deploy folder every second (PostgreSQL has no such
     * thing; this is how access-method bundles are swapped without a
     * restart). Each backend applies the folder when it boots, so on a change
     * every idle backend is retired at once, busy ones when their session
     * ends, and fresh spares are started: new sessions get the new bundles.
     * The autovacuum launcher is restarted too; the checkpointer, which loads
     * no access method, stays.
     */
    void watchDeployFolder(Path folder) {
        synchronized (this) {
            deployFingerprint = DeployFingerprint.of(folder);
        }
        timers.scheduleWithFixedDelay(() -> {
            String now = DeployFingerprint.of(folder);
            synchronized (this) {
                if (!now.equals(deployFingerprint)) {
                    deployFingerprint = now;
                    refreshForDeploy(folder);
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    private void refreshForDeploy(Path folder) {
        deployGeneration++;
        LOG.info("storage deploy folder {} changed: new sessions get backends with its bundles", folder);
        if (state != State.RUNNING) {
            return;
        }
        for (BackendHandle b : new ArrayList<>(idle)) {
            retire(b);
        }
        BackendHandle autovacuum = bySlot[backendSlots + 2];
        if (autovacuum != null && autovacuum.trySend(new ControlMessage.Retire())) {
            autovacuumRestartRequested = true;
        }   // one that has not said hello yet is retired when it does (onHello)
        maintainSpares();
    }

    /** Starts the startup process or the checkpointer in its reserved slot (StartChildProcess). */
    private void spawnAuxiliary(String role, int slot) {
        if (bySlot[slot] != null) {
            LOG.error("slot {} for the {} process is still taken by {}", slot, role, bySlot[slot]);
            return;
        }
        if (!startProcess(slot, role)) {
            if (STARTUP_ROLE.equals(role)) {
                onStartupFailed.run();
            } else {
                beginCrashRecovery();
            }
        }
    }

    private boolean startProcess(int slot, String role) {
        List<String> cmd = new ArrayList<>(backendCommand);
        cmd.add("--slot");
        cmd.add(Integer.toString(slot));
        if (role != null) {
            cmd.add("--role");
            cmd.add(role);
        }
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BackendHandle b = new BackendHandle(slot, p, role);
            b.deployGeneration = deployGeneration;
            bySlot[slot] = b;
            shmem.slot(slot).setPid((int) p.pid());
            p.onExit().thenAccept(done -> onExit(b, done.exitValue()));
            watchStart(b, p, Duration.ZERO);
            return true;
        } catch (IOException e) {
            LOG.error("could not fork new process for connection: {}", e.getMessage());
            return false;
        }
    }

    /**
     * A backend that never reports (its bundles did not resolve, the JVM
     * hangs) must not hold a slot forever; but one that is merely slow because
     * the machine is busy is still booting, not stuck. Every
     * {@value #BACKEND_START_TIMEOUT_SECONDS} s without a Hello, the process is
     * killed only if it used no CPU since the last look (the OS reports its CPU
     * time; where it cannot, the old rule applies: killed at the first look),
     * or once {@value #BACKEND_START_MAX_LOOKS} looks have passed (a JVM that
     * spins without ever booting).
     */
    private void watchStart(BackendHandle b, Process p, Duration cpuBefore) {
        watchStart(b, p, cpuBefore, 1);
    }

    private void watchStart(BackendHandle b, Process p, Duration cpuBefore, int look) {
        timers.schedule(() -> {
            if (b.channel != null || !p.isAlive()) {
                return;
            }
            Duration cpu = p.info().totalCpuDuration().orElse(null);
            if (cpu != null && cpu.compareTo(cpuBefore) > 0 && look < BACKEND_START_MAX_LOOKS) {
                LOG.warn("backend process (PID {}) has not reported after {} s of CPU; still starting",
                        p.pid(), cpu.toMillis() / 1000.0);
                watchStart(b, p, cpu, look + 1);
                return;
            }
            LOG.error("backend process (PID {}) did not report within {} s ({}); killing it", p.pid(),
                    BACKEND_START_TIMEOUT_SECONDS * look, look < BACKEND_START_MAX_LOOKS ? "no CPU used meanwhile"
                            : "still not booted after " + look + " looks");
            p.destroyForcibly();
        }, BACKEND_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** First message of a backend on its control channel. Returns its handle, or null to close the channel. */
    synchronized BackendHandle onHello(ControlChannel channel, ControlMessage.Hello hello) {
        if (hello.slot() < 0 || hello.slot() >= bySlot.length) {
            return null;
        }
        BackendHandle b = bySlot[hello.slot()];
        if (b == null || b.pid() != hello.pid()) {
            return null;
        }
        b.channel = channel;
        if (b.isAuxiliary()) {
            if (state == State.RECOVERY || state == State.IMMEDIATE_SHUTDOWN) {
                b.trySend(new ControlMessage.Quit(ControlMessage.Reason.CRASH));
            } else if (checkpointerToldToStop && CHECKPOINTER_ROLE.equals(b.role)) {
                b.trySend(new ControlMessage.Retire());
            } else if (AUTOVACUUM_ROLE.equals(b.role) && state != State.RUNNING) {
                b.trySend(new ControlMessage.Retire());
            } else if (AUTOVACUUM_ROLE.equals(b.role) && b.deployGeneration != deployGeneration) {
                // booted before the deploy folder changed: restart it with the new bundles
                autovacuumRestartRequested = b.trySend(new ControlMessage.Retire());
            }
            return b;
        }
        startFailures = 0;
        if (state != State.RUNNING && state != State.SMART_SHUTDOWN) {
            b.state = BackendHandle.State.EXITING;
            b.trySend(new ControlMessage.Quit(state == State.RECOVERY ? ControlMessage.Reason.CRASH
                    : ControlMessage.Reason.FAST_SHUTDOWN));
        }
        return b;
    }

    /** The backend is idle (after starting, or after a session that ended cleanly). */
    synchronized void onReady(BackendHandle b, ControlMessage.Ready ready) {
        if (b.state == BackendHandle.State.BUSY) {
            busy--;
        }
        b.sessionsServed = ready.sessionsServed();
        if (b.state == BackendHandle.State.EXITING) {
            return;
        }
        if (state != State.RUNNING || b.deployGeneration != deployGeneration) {
            retire(b);                                  // a stale bundle set must not serve another session
            return;
        }
        ClientSocket next = pending.pollFirst();
        if (next != null) {
            handoff(b, next);
        } else {
            b.state = BackendHandle.State.IDLE;
            b.idleSinceNanos = System.nanoTime();
            if (ready.sessionsServed() > 0) {
                idle.addFirst(b); // LIFO: the most recently used backend has the warmest JIT and caches
            } else {
                // A spare that has just started has only its own warm-up in its JIT: colder than every backend
                // that served sessions. Put first, a spare whose start ended just after a burst of sessions took
                // the next burst's first client ahead of a warmed backend, which then sat idle while the spare
                // compiled (5-8 s of JIT CPU in each 15-second pgbench run on two cores, bench/README.md
                // "Session 18, lead").
                idle.addLast(b);
            }
        }
        maintainSpares(); // a start finished: the next may begin
    }

    private void retire(BackendHandle b) {
        idle.remove(b);
        b.state = BackendHandle.State.EXITING;
        b.trySend(new ControlMessage.Retire());
    }

    private void onExit(BackendHandle b, int exitCode) {
        synchronized (this) {
            boolean neverStarted = b.channel == null;
            if (bySlot[b.slot] == b) {
                bySlot[b.slot] = null;
            }
            if (b.isAuxiliary()) {
                onAuxiliaryExit(b, exitCode);
                checkAllExited();
                return;
            }
            idle.remove(b);
            if (b.state == BackendHandle.State.BUSY) {
                busy--;
            }
            BackendHandle.State was = b.state;
            LOG.debug("backend process (PID {}) exited with status {} while {}", b.pid(), exitCode, was);
            b.state = BackendHandle.State.EXITING;
            // PostgreSQL treats exit status 0 and 1 (FATAL) of a backend as normal; anything else is a crash
            boolean crashed = exitCode != 0 && exitCode != 1;
            if (crashed && neverStarted && state == State.RUNNING) {
                startFailures++;
                LOG.error("backend process (PID {}) failed to start (exit status {})", b.pid(), exitCode);
            } else if (crashed && state == State.RUNNING) {
                LOG.warn("server process (PID {}) was terminated by {}", b.pid(), describeExit(exitCode));
                LOG.warn("terminating any other active server processes");
                beginCrashRecovery();
            } else if (crashed && !neverStarted && (state == State.SMART_SHUTDOWN || state == State.FAST_SHUTDOWN)) {
                // it may have died holding a buffer or WAL LWLock: the shutdown checkpoint would wait for ever
                LOG.warn("server process (PID {}) was terminated by {} during shutdown", b.pid(), describeExit(exitCode));
                crashedDuringShutdown = true;
            } else if (was != BackendHandle.State.EXITING && crashed) {
                LOG.warn("server process (PID {}) was terminated by {}", b.pid(), describeExit(exitCode));
            }
            if (state == State.RUNNING) {
                shmem.slot(b.slot).clearSession();
                shmem.slot(b.slot).setPid(0);
                if (startFailures >= 3) {
                    // do not spin on a backend that cannot start (bad JVM options, missing bundles)
                    for (ClientSocket c : drainPending()) {
                        refusal.refuse(c, "53000", "could not fork new process for connection: backend processes fail to start");
                    }
                    timers.schedule(() -> { synchronized (this) { startFailures = 0; maintainSpares(); } }, 1, TimeUnit.SECONDS);
                } else {
                    maintainSpares();
                }
            }
            checkAllExited();
        }
    }

    /**
     * The startup process ending well opens the doors; ending badly at first
     * start stops the server (PostgreSQL: "aborting startup due to startup
     * process failure"). A checkpointer exiting outside a shutdown is a crash.
     */
    private void onAuxiliaryExit(BackendHandle b, int exitCode) {
        shmem.slot(b.slot).setPid(0);
        if (STARTUP_ROLE.equals(b.role)) {
            if (state != State.STARTUP) {
                return; // killed by a shutdown or another crash
            }
            if (exitCode == 0) {
                state = State.RUNNING;
                spawnAuxiliary(CHECKPOINTER_ROLE, backendSlots + 1);
                if (settings.autovacuum()) {
                    spawnAuxiliary(AUTOVACUUM_ROLE, backendSlots + 2);
                }
                LOG.info("database system is ready to accept connections");
                onReady.run();
                maintainSpares();
            } else {
                LOG.error("startup process (PID {}) exited with {}", b.pid(), describeExit(exitCode));
                LOG.error("aborting startup due to startup process failure");
                state = State.IMMEDIATE_SHUTDOWN;
                quitAll(ControlMessage.Reason.IMMEDIATE_SHUTDOWN);
                onStartupFailed.run();
            }
        } else if (state == State.RUNNING && AUTOVACUUM_ROLE.equals(b.role) && autovacuumRestartRequested
                && exitCode == 0) {
            autovacuumRestartRequested = false;         // retired for a deploy-folder change: start it again
            spawnAuxiliary(AUTOVACUUM_ROLE, backendSlots + 2);
        } else if (state == State.RUNNING) {
            LOG.warn("{} process (PID {}) was terminated by {}", b.role, b.pid(), describeExit(exitCode));
            LOG.warn("terminating any other active server processes");
            beginCrashRecovery();
        } else if (exitCode != 0 && state != State.RECOVERY && state != State.IMMEDIATE_SHUTDOWN) {
            // during a shutdown: the next start recovers from the last checkpoint
            LOG.warn("{} process (PID {}) exited with {} during shutdown", b.role, b.pid(), describeExit(exitCode));
        }
    }

    private static String describeExit(int exitCode) {
        if (exitCode > 128) {
            int sig = exitCode - 128;
            String name = switch (sig) {
                case 9 -> "Killed";
                case 6 -> "Aborted";
                case 11 -> "Segmentation fault";
                case 15 -> "Terminated";
                default -> "signal";
            };
            return "signal " + sig + ": " + name;
        }
        return "exit code " + exitCode;
    }

    /** HandleChildCrash: every other backend quits, then shared memory is reset. */
    private void beginCrashRecovery() {
        state = State.RECOVERY;
        for (ClientSocket c : drainPending()) {
            refusal.refuse(c, SqlState.CANNOT_CONNECT_NOW, "the database system is in recovery mode");
        }
        quitAll(ControlMessage.Reason.CRASH);
    }

    /**
     * Tells every child to quit. In a fast shutdown the checkpointer stays: it
     * writes the shutdown checkpoint once the backends are gone.
     */
    private void quitAll(ControlMessage.Reason reason) {
        idle.clear();
        List<BackendHandle> told = new ArrayList<>();
        for (BackendHandle b : bySlot) {
            if (b == null) continue;
            if (CHECKPOINTER_ROLE.equals(b.role) && reason == ControlMessage.Reason.FAST_SHUTDOWN) continue;
            if (AUTOVACUUM_ROLE.equals(b.role) && reason == ControlMessage.Reason.FAST_SHUTDOWN
                    && b.trySend(new ControlMessage.Retire())) {
                told.add(b);                            // an orderly end: it finishes the relation at hand
                continue;
            }
            b.state = BackendHandle.State.EXITING;
            told.add(b);
            if (!b.trySend(new ControlMessage.Quit(reason))) {
                b.process.destroyForcibly();
            }
        }
        // only the processes told now: by the time this fires, the server may have recovered and started new ones
        timers.schedule(() -> killStragglers(told), KILL_STRAGGLERS_AFTER_SECONDS, TimeUnit.SECONDS);
    }

    private synchronized void killStragglers(List<BackendHandle> told) {
        for (BackendHandle b : told) {
            if (b.process.isAlive()) {
                LOG.warn("issuing SIGKILL to recalcitrant children");
                b.process.destroyForcibly();
            }
        }
    }

    private List<ClientSocket> drainPending() {
        List<ClientSocket> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }

    private void checkAllExited() {
        BackendHandle checkpointer = bySlot[backendSlots + 1];
        for (BackendHandle b : bySlot) {
            if (b != null && b != checkpointer) return;
        }
        if (checkpointer != null) {
            if ((state == State.SMART_SHUTDOWN || state == State.FAST_SHUTDOWN) && !checkpointerToldToStop) {
                checkpointerToldToStop = true;
                if (crashedDuringShutdown) {
                    // As PostgreSQL after a child crash in a shutdown (FatalError): no shutdown checkpoint, since
                    // shared memory may hold locks of the dead process; the next start recovers from WAL.
                    LOG.warn("abnormal process exit during shutdown: no shutdown checkpoint, the next start "
                            + "runs recovery");
                    checkpointer.process.destroyForcibly();
                    return;
                }
                // every backend is gone: the checkpointer writes the shutdown checkpoint and exits
                LOG.info("shutting down");
                if (!checkpointer.trySend(new ControlMessage.Retire()) && checkpointer.channel != null) {
                    checkpointer.process.destroyForcibly();
                }
            }
            return;
        }
        if (state == State.RECOVERY) {
            LOG.info("all server processes terminated; reinitializing");
            shmem.reinitialize();
            state = State.STARTUP;
            spawnAuxiliary(STARTUP_ROLE, backendSlots);
        } else if (state == State.SMART_SHUTDOWN || state == State.FAST_SHUTDOWN || state == State.IMMEDIATE_SHUTDOWN) {
            state = State.STOPPED;
            timers.shutdownNow();
            refusal.shutdown();
            onStopped.run();
        }
    }

    /** Starts a shutdown in PostgreSQL's modes; a stronger mode may follow a weaker one. */
    synchronized void shutdown(String mode) {
        State requested = switch (mode) {
            case "immediate" -> State.IMMEDIATE_SHUTDOWN;
            case "fast" -> State.FAST_SHUTDOWN;
            default -> State.SMART_SHUTDOWN;
        };
        if (state == State.STOPPED || (state.ordinal() >= requested.ordinal() && state != State.RECOVERY
                && state != State.STARTUP)) {
            return;
        }
        state = requested;
        LOG.info("received {} shutdown request", mode);
        for (ClientSocket c : drainPending()) {
            refusal.refuse(c, SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
        }
        switch (requested) {
            case SMART_SHUTDOWN -> {
                for (BackendHandle b : new ArrayList<>(idle)) retire(b);
                BackendHandle autovacuum = bySlot[backendSlots + 2];
                if (autovacuum != null && autovacuum.channel != null) {
                    autovacuum.trySend(new ControlMessage.Retire());    // the launcher stops at once, as PostgreSQL's
                }
                for (BackendHandle b : bySlot) {
                    if (b != null && b.state == BackendHandle.State.STARTING) {
                        b.state = BackendHandle.State.EXITING;
                        b.process.destroyForcibly();
                    }
                }
            }
            case FAST_SHUTDOWN -> quitAll(ControlMessage.Reason.FAST_SHUTDOWN);
            default -> quitAll(ControlMessage.Reason.IMMEDIATE_SHUTDOWN);
        }
        checkAllExited();
    }

    /** A CancelRequest that reached the postmaster (only on the refusal path). */
    private void cancelRequest(int pid, int key) {
        var slot = shmem.findByPid(pid);
        if (slot != null && slot.cancelKey() == key) {
            slot.requestCancel();
        } else {
            LOG.info("wrong key in cancel request for process {}", pid);
        }
    }
}
