package org.tusk.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.backend.BackendActivity;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.backend.BackendSignal;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;

/** An in-process BackendContext: a data directory, settings, a list of activity rows, a cancel flag. */
public final class FakeBackend implements BackendContext {
    public final Path dataDirectory;
    public final Map<String, String> serverSettings = new HashMap<>();
    public final List<BackendActivity> activity = new ArrayList<>();
    public final List<String> signals = new ArrayList<>();
    public volatile boolean cancelPending;
    public int interruptChecks;
    public long sleptMillis;
    public String applicationName;

    public FakeBackend(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override public int pid() { return 4242; }
    @Override public int cancelKey() { return 7; }
    @Override public Path dataDirectory() { return dataDirectory; }
    @Override public Map<String, String> serverSettings() { return serverSettings; }

    @Override
    public void checkForInterrupts() {
        interruptChecks++;
        if (cancelPending) {
            cancelPending = false;
            throw new PgException(Severity.ERROR, "57014", "canceling statement due to user request", null, null, 0, null);
        }
    }

    @Override
    public void sleep(long millis) {
        checkForInterrupts();
        sleptMillis += millis;
        try {
            Thread.sleep(Math.min(millis, 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkForInterrupts();
    }

    @Override public void reportSessionStart(String user, String database, String applicationName) {}
    @Override public void reportActivity(String state, String query) {}
    @Override public void reportApplicationName(String name) { this.applicationName = name; }
    @Override public List<BackendActivity> activitySnapshot() { return activity; }
    @Override public void cancelRequest(int pid, int key) {}

    @Override
    public boolean signalBackend(int pid, BackendSignal signal) {
        for (BackendActivity a : activity) {
            if (a.pid() == pid) {
                signals.add(signal + " " + pid);
                return true;
            }
        }
        return false;
    }

    public void addActivity(int pid, String db, String user, String app, String state, String query) {
        Instant t = Instant.parse("2026-01-02T03:04:05.123456Z");
        activity.add(new BackendActivity(pid, db, user, app, null, -1, t, t, t, state, query, "client backend"));
    }
}
