package org.tusk.backend;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.backend.BackendActivity;
import org.tusk.api.backend.BackendSslStatus;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.backend.BackendSignal;
import org.tusk.api.error.PgException;
import org.tusk.shmem.Interrupts;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;
import org.tusk.shmem.WaitEvent;

/**
 * {@link BackendContext} for the session this process is serving: its slot in
 * shared memory, its interrupts, and what it publishes for pg_stat_activity
 * and ps.
 */
final class ProcessContext implements BackendContext {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessContext.class);

    private final ShmemSegment shmem;
    private final ProcSlot slot;
    private final InterruptState interrupts;
    private final Path dataDir;
    private final Map<String, String> serverSettings;
    private final int pid = (int) ProcessHandle.current().pid();

    private volatile int cancelKey;
    private volatile String clientAddress;
    private volatile int clientPort;
    private volatile String user = "";
    private volatile String database = "";
    /** True while a statement runs: a cancel is acted on only then, as in PostgreSQL. */
    private volatile boolean active;
    /** What the protocol layer runs when notifications arrive (see onNotifyInterrupt); null outside a session. */
    private volatile Runnable notifyHandler;
    /** False for warm-up sessions, which must not show in pg_stat_activity or ps. */
    private final boolean publishing;
    /**
     * Statements real sessions of this process have run (a warm-up's quiet context counts none):
     * real traffic warms the JIT as well as warm-up rounds do ({@link Warmup#finished}). Written by
     * the session thread only; a stale read elsewhere only delays that decision.
     */
    private long statementsRun;

    ProcessContext(ShmemSegment shmem, ProcSlot slot, InterruptState interrupts, Path dataDir, Map<String, String> serverSettings) {
        this(shmem, slot, interrupts, dataDir, serverSettings, true);
    }

    /** A context that publishes nothing: for warm-up sessions (same class, so the JIT sees the real call sites). */
    ProcessContext quiet() {
        return new ProcessContext(shmem, slot, new InterruptState(), dataDir, serverSettings, false);
    }

    private ProcessContext(ShmemSegment shmem, ProcSlot slot, InterruptState interrupts, Path dataDir,
            Map<String, String> serverSettings, boolean publishing) {
        this.publishing = publishing;
        this.shmem = shmem;
        this.slot = slot;
        this.interrupts = interrupts;
        this.dataDir = dataDir;
        this.serverSettings = Map.copyOf(serverSettings);
    }

    @Override
    public boolean countsInStatistics() {
        return publishing;
    }

    void beginSession(int key, String address, int port) {
        this.cancelKey = key;
        this.clientAddress = address;
        this.clientPort = port;
        this.user = "";
        this.database = "";
        this.active = false;
        forgetTitles();
        if (publishing) ProcessTitle.set("tusk: " + clientLabel() + " authentication");
    }

    void endSession() {
        active = false;
        notifyHandler = null;
        slot.clearSession();
        ProcessTitle.set("tusk: backend (pooled, idle)");
    }

    @Override
    public void onNotifyInterrupt(Runnable handler) {
        if (publishing) {
            notifyHandler = handler;
        }
    }

    /** The current session's notification handler, or null. */
    Runnable notifyHandler() {
        return notifyHandler;
    }

    boolean isActive() {
        return active;
    }

    /** Statements real sessions of this process have run, over its life. */
    long statementsRun() {
        return statementsRun;
    }

    private String clientLabel() {
        return clientAddress == null ? "[local]" : clientAddress + "(" + clientPort + ")";
    }

    @Override public int pid() { return pid; }
    @Override public int cancelKey() { return cancelKey; }
    @Override public Path dataDirectory() { return dataDir; }
    @Override public Map<String, String> serverSettings() { return serverSettings; }

    @Override
    public void checkForInterrupts() throws PgException {
        interrupts.check();
    }

    @Override
    public void sleep(long millis) throws PgException {
        if (!publishing) {
            interrupts.sleep(millis);
            return;
        }
        int previousWait = slot.beginWait(WaitEvent.TIMEOUT_PG_SLEEP);
        try {
            interrupts.sleep(millis);
        } finally {
            slot.endWait(previousWait);
        }
    }

    @Override
    public void reportSessionStart(String user, String database, String applicationName) {
        this.user = user;
        this.database = database;
        forgetTitles();
        if (!publishing) return;
        slot.publishSession(user, database, applicationName, clientAddress, clientAddress == null ? -1 : clientPort, Instant.now());
        ProcessTitle.set("tusk: " + user + " " + database + " " + clientLabel() + " idle");
    }

    @Override
    public void reportSslStatus(BackendSslStatus ssl) {
        if (!publishing || ssl == null) return;
        slot.publishSsl(ssl);
    }

    @Override
    public void reportActivity(String state, String query) {
        active = "active".equals(state);
        if (!publishing) return;
        if (active) statementsRun++;
        slot.publishActivity(state, query);
        ProcessTitle.set(title(state));
    }

    /**
     * This session's process titles, one per state, encoded once (twice per statement: the same array each
     * time). The states are a handful of literals, so a short list compared by identity first answers without
     * hashing or encoding.
     */
    private String[] titleStates = new String[0];
    private byte[][] titles = new byte[0][];

    /** A new client or user: the titles name them. */
    private void forgetTitles() {
        titleStates = new String[0];
        titles = new byte[0][];
    }

    private byte[] title(String state) {
        String[] states = titleStates;
        for (int i = 0; i < states.length; i++) {
            if (states[i] == state) {
                return titles[i];
            }
        }
        for (int i = 0; i < states.length; i++) {
            if (states[i].equals(state)) {
                return titles[i];
            }
        }
        byte[] title = ("tusk: " + user + " " + database + " " + clientLabel() + " " + state)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int n = states.length;
        titleStates = java.util.Arrays.copyOf(states, n + 1);
        titles = java.util.Arrays.copyOf(titles, n + 1);
        titleStates[n] = state;
        titles[n] = title;
        return title;
    }

    @Override
    public void reportApplicationName(String applicationName) {
        if (!publishing) return;
        slot.publishApplicationName(applicationName);
    }

    @Override
    public List<BackendActivity> activitySnapshot() {
        return shmem.activitySnapshot();
    }

    @Override
    public void cancelRequest(int targetPid, int key) {
        ProcSlot target = shmem.findByPid(targetPid);
        if (target != null && target.cancelKey() == key && key != 0) {
            target.requestCancel();
        } else {
            LOG.info("wrong key in cancel request for process {}", targetPid);
        }
    }

    @Override
    public boolean signalBackend(int targetPid, BackendSignal signal) {
        ProcSlot target = shmem.findByPid(targetPid);
        if (target == null || target.readActivity() == null) {
            return false;
        }
        if (signal == BackendSignal.CANCEL) {
            target.requestCancel();
        } else {
            target.raiseInterrupt(Interrupts.TERMINATE);
        }
        return true;
    }
}
