package org.tusk.postmaster;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options every backend process starts with, before the launcher's
 * {@code Main.runtimeOptions} and the {@code backend_jvm_options} setting
 * (which come later on the command line, so a setting overrides a default here).
 *
 * <p>An -XX option the running JVM does not know stops it at start ("Unrecognized
 * VM option"), and a backend that cannot start is a cluster that cannot serve, so
 * every option here exists in JDK 17, 21 and 25 (BackendJvmOptionsTest starts each
 * installed JDK with them); one that does not must be added under a
 * {@code feature >= N} test, as Main.runtimeOptions does.
 */
final class BackendJvmOptions {

    private BackendJvmOptions() {
    }

    /** The options for a backend running on Java {@code feature} (Runtime.version().feature()). */
    static List<String> forJava(int feature) {
        List<String> options = new ArrayList<>(List.of(
                // Backends are small single-session processes: a serial collector has no GC threads
                // competing with the other backends for the machine's cores.
                "-XX:+UseSerialGC", "-Xss512k", "-Xms32m", "-Xmx512m", "-XX:MaxMetaspaceSize=128m",
                // No code cache flushing: a pooled backend sits idle between sessions, and JDK 17's sweeper
                // evicts the compiled code of an idle JVM as "cold" (backends showed 5-7 MB used of a 20 MB
                // peak after a pause between two pgbench runs), so every run after a pause paid for C2 again,
                // eight JVMs at a time. The hot code of a busy backend is ~20 MB; 128 MB is only reserved.
                "-XX:ReservedCodeCacheSize=128m", "-XX:-UseCodeCacheFlushing",
                "-Xshare:auto"));
        return List.copyOf(options);
    }
}
