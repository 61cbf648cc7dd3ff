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
        // JIT: tiered compilation with its default thresholds, on purpose (bench/README.md, "Session 10, jit").
        // C1 only (-XX:TieredStopAtLevel=1) reaches its plateau after ~600 TPC-B transactions and for half the
        // warm-up CPU (9-11 s against 17-21 s per backend), but C2's plateau costs half of C1's: one client on a
        // warmed backend, 0.5 vs 1.0 ms of CPU per TPC-B transaction and 0.03-0.04 vs 0.05-0.09 ms per -S one,
        // and at moderate load (15-21) C2 passed C1 after 15-20 s of real traffic. Tier-4 thresholds x0.4 and
        // PerMethodTrapLimit=0 did not help a warmed backend. backend_jvm_options overrides any of this.
        return List.copyOf(options);
    }
}
