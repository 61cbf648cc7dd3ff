package org.tusk.backend;

import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.newsclub.net.unix.FileDescriptorCast;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osgi.util.tracker.ServiceTracker;
import org.tusk.api.backend.AuxiliaryProcess;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.protocol.ProtocolHandler;
import org.tusk.api.protocol.SessionOutcome;
import org.tusk.ipc.ControlChannel;
import org.tusk.ipc.ControlMessage;
import org.tusk.shmem.Interrupts;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.shmem.ShmemSegment;

/**
 * The backend process's main loop (PostgreSQL's PostgresMain, seen from the
 * process rather than the protocol): attach to shared memory, report to the
 * postmaster, then serve each handed-over connection on the session thread,
 * returning to the pool after a clean end.
 *
 * <p>Three threads: the control reader (handoffs and orders from the
 * postmaster; EOF means the postmaster died), the latch watcher (cancel and
 * terminate requests from other backends through shared memory), and the
 * session thread; a fourth, "notify", delivers LISTEN/NOTIFY notifications
 * while the session waits for its client. Only the session thread touches the engine,
 * except for that delivery, made under the session's lock while it is idle.
 */
@Component(immediate = true)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.tusk.shmem.ShmemAttachment")
public final class BackendMain {

    private static final Logger LOG = LoggerFactory.getLogger(BackendMain.class);
    /** The storage bundles register auxiliary roles as they activate, shortly after this component. */
    private static final long AUXILIARY_SERVICE_WAIT_MILLIS = 30_000;

    /**
     * Dynamic and greedy: a newer or higher-ranked protocol or engine bundle
     * takes over for the next session without restarting this process; the
     * session in flight finishes on the one it started with.
     */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ProtocolHandler protocol;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile QueryEngine engine;

    private final InterruptState interrupts = new InterruptState();
    private final ExecutorService sessionThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "postgres"));
    /**
     * Delivers notifications while the session is idle: the handler may wait
     * for the session thread to finish a statement, which the latch watcher
     * must never do (it has cancels to pass on meanwhile).
     */
    private final ExecutorService notifyThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "notify");
        t.setDaemon(true);
        return t;
    });
    /** A delivery is queued on the notify thread and has not started: further signals fold into it. */
    private final java.util.concurrent.atomic.AtomicBoolean notifyQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private ShmemSegment shmem;
    private ProcSlot slot;
    private ControlChannel control;
    private ProcessContext context;
    private boolean reuse;
    private int maxSessions;
    private int sessionsServed;
    private volatile SessionConnection current;
    private volatile boolean retireRequested;
    private Warmup warmup;

    @Activate
    void activate(BundleContext ctx) {
        Thread main = new Thread(() -> run(ctx), "backend control");
        main.setDaemon(false);
        main.start();
    }

    /**
     * The protocol or engine is gone with no replacement (a bundle stopped or
     * was uninstalled): this process cannot serve anyone, so it ends its session
     * and exits; the postmaster starts a new backend from the current bundles.
     */
    @Deactivate
    void deactivate() {
        die(PgException.fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"), 1);
    }

    private void run(BundleContext ctx) {
        try {
            Path dataDir = Path.of(ctx.getProperty("tusk.data"));
            Map<String, String> settings = loadSettings(Path.of(ctx.getProperty("tusk.settings")));
            reuse = isOn(settings.getOrDefault("backend_reuse", "on"));
            maxSessions = Integer.parseInt(settings.getOrDefault("max_sessions_per_backend", "10000").strip());
            int slotIndex = Integer.parseInt(ctx.getProperty("tusk.slot"));
            // the engine numbers this backend's temporary schema pg_temp_N after its slot (MyBackendId)
            System.setProperty("tusk.backend.id", String.valueOf(slotIndex + 1));
            shmem = ShmemSegment.attach(dataDir.resolve("pg_shmem"));
            slot = shmem.slot(slotIndex);
            slot.setPid((int) ProcessHandle.current().pid());
            slot.ownLatch();
            context = new ProcessContext(shmem, slot, interrupts, dataDir, settings);
            ctx.registerService(ShmemAttachment.class, new ShmemAttachment(shmem, slot, dataDir, settings), null);
            control = ControlChannel.connect(Path.of(ctx.getProperty("tusk.control")));
            control.send(new ControlMessage.Hello(slotIndex, (int) ProcessHandle.current().pid()));
            String role = ctx.getProperty("tusk.auxiliary");
            if (role != null) {
                runAuxiliary(ctx, role);
                return;
            }
            startLatchWatcher();
            ProcessTitle.set("tusk: backend (pooled, idle)");
            if (isOn(settings.getOrDefault("backend_warmup", "on"))) {
                warmup = new Warmup(protocol, engine, context, dataDir);
            }
            control.send(new ControlMessage.Ready(0));
            scheduleWarmup();
            controlLoop();
        } catch (EOFException e) {
            die(PgException.fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to unexpected postmaster exit"), 1);
        } catch (Exception e) {
            LOG.error("backend failed: {}", e.toString());
            exit(1);
        }
    }

    /**
     * An auxiliary process (startup, checkpointer): runs the service
     * registered for its role on its own thread while this thread keeps
     * listening to the postmaster (Quit ends the process at once, Retire asks
     * for an orderly end). The process owns its latch for the role's own waits.
     */
    private void runAuxiliary(BundleContext ctx, String role) throws Exception {
        ProcessTitle.set("tusk: " + role);
        ServiceTracker<AuxiliaryProcess, AuxiliaryProcess> tracker = new ServiceTracker<>(ctx,
                ctx.createFilter("(&(objectClass=" + AuxiliaryProcess.class.getName() + ")("
                        + AuxiliaryProcess.ROLE_PROPERTY + "=" + role + "))"), null);
        tracker.open();
        AuxiliaryProcess work = tracker.waitForService(AUXILIARY_SERVICE_WAIT_MILLIS);
        if (work == null) {
            LOG.error("no service for the {} process role", role);
            exit(1);
            return;
        }
        Thread worker = new Thread(() -> {
            try {
                work.run();
                exit(0);
            } catch (Throwable e) {
                LOG.error("{} process failed: {}", role, e.toString(), e);
                exit(1);
            }
        }, role);
        worker.start();
        while (true) {
            ControlMessage m = control.receive();
            if (m instanceof ControlMessage.Quit) {
                exit(1);
            } else if (m instanceof ControlMessage.Retire) {
                work.requestShutdown();
            }
        }
    }

    private void controlLoop() throws IOException {
        while (true) {
            ControlMessage m = control.receive();
            if (m instanceof ControlMessage.Handoff h) {
                FileDescriptor[] fds = control.takeReceivedDescriptors();
                if (fds == null || fds.length == 0 || current != null) {
                    LOG.error("handoff without a descriptor, or while busy: dropped");
                    continue;
                }
                Socket socket = FileDescriptorCast.using(fds[0]).as(Socket.class);
                context.beginSession(h.cancelKey(), h.remoteAddress(), h.remotePort());
                interrupts.reset();
                SessionConnection conn = new SessionConnection(socket, fds[0], h.remoteAddress(), h.remotePort(), context, engine);
                current = conn;
                if (warmup != null) {
                    warmup.wake();                      // a warm-up session ends at its next transaction boundary
                }
                ProtocolHandler handler = protocol;
                sessionThread.execute(() -> serve(handler, conn));
            } else if (m instanceof ControlMessage.Quit q) {
                if (current == null && warmup != null && q.reason() == ControlMessage.Reason.FAST_SHUTDOWN) {
                    // No client to tell, but a warm-up session may be in the middle of a statement holding
                    // LWLocks (buffer content, mapping partitions); exiting now would leave them held in shared
                    // memory and the checkpointer's shutdown checkpoint would wait for them for ever. End as a
                    // retirement does: the warm-up stops at its next transaction boundary, then the process exits.
                    retireRequested = true;
                    warmup.wake();
                    sessionThread.execute(() -> exit(0));
                    continue;
                }
                if (current != null && q.reason() == ControlMessage.Reason.FAST_SHUTDOWN) {
                    endSessionAtNextInterruptCheck(current, quitError(q.reason()));
                    continue;
                }
                die(quitError(q.reason()), 1);
            } else if (m instanceof ControlMessage.Retire) {
                retireRequested = true;
                if (warmup != null) {
                    warmup.wake();
                }
                if (current == null) {
                    // On the session thread, after a warm-up round it may be running: a round takes LWLocks
                    // like a session, and exiting in the middle of one left a lock held, or our slot queued on
                    // a lock, or the lock's wake-pending flag set for us, in shared memory, so that every later
                    // waiter for that lock (a buffer mapping partition) slept for ever.
                    sessionThread.execute(() -> {
                        if (current == null) {
                            exit(0);
                        }
                    });
                }
            }
        }
    }

    private static PgException quitError(ControlMessage.Reason reason) {
        return switch (reason) {
            case CRASH -> PgException.fatal(SqlState.CRASH_SHUTDOWN,
                    "terminating connection because of crash of another server process")
                    .withDetail("The postmaster has commanded this server process to roll back the current transaction and exit, "
                            + "because another server process exited abnormally and possibly corrupted shared memory.")
                    .withHint("In a moment you should be able to reconnect to the database and repeat your command.");
            case FAST_SHUTDOWN -> PgException.fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command");
            case IMMEDIATE_SHUTDOWN -> PgException.fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to immediate shutdown command");
        };
    }

    private void serve(ProtocolHandler handler, SessionConnection conn) {
        SessionOutcome outcome;
        try {
            outcome = handler.serve(conn);
        } catch (IOException | RuntimeException e) {
            LOG.debug("session ended with {}", e.toString());
            outcome = SessionOutcome.FATAL;
        }
        conn.close();
        context.endSession();
        current = null;
        if (outcome != SessionOutcome.NO_SESSION) {
            sessionsServed++;
        }
        if (outcome == SessionOutcome.FATAL || interrupts.dying()) {
            exit(1);
        } else if (retireRequested || (!reuse && outcome != SessionOutcome.NO_SESSION) || sessionsServed >= maxSessions) {
            exit(0);
        }
        interrupts.reset();
        try {
            control.send(new ControlMessage.Ready(sessionsServed));
        } catch (IOException e) {
            exit(1);
        }
        scheduleWarmup();
    }

    /**
     * Runs a warm-up session on the session thread, unless a session is
     * waiting: warm-up only ever uses time the backend would spend idle. The
     * warm-up session ends by itself at its next transaction boundary once a
     * client is handed over or the backend is retired (see {@link Warmup}); it
     * waits inside for real sessions of the cluster to be idle, and rests
     * between rounds.
     */
    private void scheduleWarmup() {
        if (warmup == null) {
            return;
        }
        if (warmup.finished()) {
            warmup.close();     // perhaps finished by real traffic (Warmup.STATEMENTS_PER_ROUND) after a session
            return;
        }
        sessionThread.execute(() -> {
            if (current != null || warmup.finished() || retireRequested) {
                return; // a session was handed over; warm-up resumes when it ends
            }
            warmup.runSession(() -> current != null || retireRequested);
        });
    }

    /** Cancel and terminate requests from other backends arrive as interrupt bits plus a latch wake-up. */
    private void startLatchWatcher() {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    slot.waitLatch(60_000);
                } catch (IOException e) {
                    LOG.warn("latch wait failed: {}", e.getMessage());
                    sleepQuietly(100);
                }
                int bits = slot.consumeInterrupts(Interrupts.CANCEL | Interrupts.TERMINATE | Interrupts.NOTIFY);
                SessionConnection conn = current;
                if ((bits & Interrupts.NOTIFY) != 0) {
                    scheduleNotifyDelivery();
                }
                if ((bits & Interrupts.TERMINATE) != 0 && conn != null) {
                    endSessionAtNextInterruptCheck(conn, quitError(ControlMessage.Reason.FAST_SHUTDOWN));
                    continue;
                } else if ((bits & Interrupts.CANCEL) != 0 && conn != null && context.isActive()) {
                    interrupts.requestCancel();
                } else {
                    continue;
                }
                // The session thread may be asleep on the latch again (a lock wait that this thread's wake-up
                // ended before the request above was made): set the latch so that it wakes and sees it.
                slot.setLatch();
            }
        }, "latch watcher");
        t.setDaemon(true);
        t.start();
    }

    /** Runs the session's notification handler on the notify thread (once for any number of signals meanwhile). */
    private void scheduleNotifyDelivery() {
        if (context.notifyHandler() == null || !notifyQueued.compareAndSet(false, true)) {
            return;
        }
        notifyThread.execute(() -> {
            notifyQueued.set(false);
            Runnable handler = context.notifyHandler();
            if (handler == null) {
                return;
            }
            try {
                handler.run();
            } catch (RuntimeException e) {
                LOG.debug("notification delivery failed: {}", e.toString());
            }
        });
    }

    /**
     * Ends the session the way PostgreSQL's SIGTERM does (ProcDiePending), for pg_terminate_backend and
     * for a fast shutdown: the session thread raises the FATAL at its next interrupt check, which is never
     * inside a commit's critical section nor under an LWLock, rolls back, drops the session's temporary
     * relations, and exits ({@link #serve}). Exiting at once from another thread could stop the session
     * thread anywhere: in the window between a commit record and its clog update its ProcArray entry stayed
     * marked as delaying checkpoints, and the shutdown checkpoint waited for it for ever. A session blocked
     * reading its client is woken by closing the connection; one asleep on its latch (a lock wait) by the
     * latch. A session that never reaches an interrupt check is SIGKILLed by the postmaster after its
     * grace period, and then the postmaster skips the shutdown checkpoint.
     */
    private void endSessionAtNextInterruptCheck(SessionConnection conn, PgException fatal) {
        interrupts.requestDie(fatal);
        if (!context.isActive()) {
            conn.terminate(fatal); // blocked reading the client: end it from here
        }
        slot.setLatch();
    }

    /** Ends the session (if any) with a FATAL sent from here, then exits. */
    private void die(PgException fatal, int status) {
        interrupts.requestDie(fatal);
        SessionConnection conn = current;
        if (conn != null) {
            conn.terminate(fatal);
        }
        exit(status);
    }

    private void exit(int status) {
        if (shmem != null && slot != null) {
            slot.clearSession();
        }
        System.exit(status);
    }

    private static Map<String, String> loadSettings(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, String> m = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            m.put(name, p.getProperty(name));
        }
        return m;
    }

    private static boolean isOn(String v) {
        return java.util.List.of("on", "true", "yes", "1", "t", "y").contains(v.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
