package org.tusk.itests;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.tusk.api.backend.BackendActivity;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.backend.BackendSignal;
import org.tusk.api.engine.SessionHost;
import org.tusk.api.error.PgException;

/** A session host for running the engine inside the test framework, without a backend process around it. */
final class FakeHost implements SessionHost, BackendContext {

    private final Path dataDir;

    FakeHost(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override public BackendContext backend() { return this; }
    @Override public void notice(PgException notice) { }
    @Override public void parameterStatus(String name, String value) { }
    @Override public int pid() { return (int) ProcessHandle.current().pid(); }
    @Override public int cancelKey() { return 1; }
    @Override public Path dataDirectory() { return dataDir; }
    @Override public Map<String, String> serverSettings() { return Map.of("port", "5432"); }
    @Override public void checkForInterrupts() { }
    @Override public void sleep(long millis) { }
    @Override public void reportSessionStart(String user, String database, String applicationName) { }
    @Override public void reportActivity(String state, String query) { }
    @Override public void reportApplicationName(String applicationName) { }
    @Override public List<BackendActivity> activitySnapshot() { return List.of(); }
    @Override public void cancelRequest(int pid, int key) { }
    @Override public boolean signalBackend(int pid, BackendSignal signal) { return false; }
}
