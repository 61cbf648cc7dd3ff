package org.tusk.protocol.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.tusk.api.backend.BackendActivity;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.backend.BackendSignal;
import org.tusk.api.error.PgException;

/** A backend process stand-in that records what the protocol reports to it. */
final class FakeBackendContext implements BackendContext {
    static final int PID = 4242;
    static final int KEY = 0x1234abcd;

    final List<int[]> cancelRequests = Collections.synchronizedList(new ArrayList<>());
    final List<String> activity = Collections.synchronizedList(new ArrayList<>());
    final List<String> sessionStarts = Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean pendingCancel = new AtomicBoolean();

    @Override public int pid() { return PID; }
    @Override public int cancelKey() { return KEY; }
    volatile Path dataDirectory = Path.of("/nonexistent");
    volatile Map<String, String> serverSettings = Map.of();

    @Override public Path dataDirectory() { return dataDirectory; }
    @Override public Map<String, String> serverSettings() { return serverSettings; }

    @Override
    public void checkForInterrupts() {
        if (pendingCancel.getAndSet(false)) {
            throw PgException.error("57014", "canceling statement due to user request");
        }
    }

    @Override public void sleep(long millis) { checkForInterrupts(); }

    @Override
    public void reportSessionStart(String user, String database, String applicationName) {
        sessionStarts.add(user + "/" + database + "/" + applicationName);
    }

    @Override
    public void reportActivity(String state, String query) {
        activity.add(state + ":" + query);
    }

    @Override public void reportApplicationName(String applicationName) { activity.add("appname:" + applicationName); }
    @Override public List<BackendActivity> activitySnapshot() { return List.of(); }

    @Override
    public void cancelRequest(int pid, int key) {
        cancelRequests.add(new int[] {pid, key});
    }

    @Override public boolean signalBackend(int pid, BackendSignal signal) { return false; }
}
