package org.tusk.shmem;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Starts a main class of the test class path in a separate JVM, as a backend
 * process would be started. Other modules' multi-process tests use it through
 * this module's test jar ({@code tusk-shmem}, type {@code test-jar}).
 */
public final class ChildJvm implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@link ShmemChild} with {@code args}. */
    static ChildJvm start(Path logDirectory, String... args) throws IOException {
        return start(ShmemChild.class, logDirectory, args);
    }

    /** Starts {@code mainClass} with {@code args}; its output goes to a log named after {@code args[0]}. */
    public static ChildJvm start(Class<?> mainClass, Path logDirectory, String... args) throws IOException {
        List<String> command = command(mainClass, args);
        Path log = Files.createTempFile(logDirectory, "child-" + args[0] + "-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ChildJvm(process, log);
    }

    /**
     * The command line of a small child JVM running {@code mainClass} on the
     * test class path, for tests that need the child's stdin and stdout.
     */
    public static List<String> command(Class<?> mainClass, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, mainClass.getName()));
        command.addAll(List.of(args));
        return command;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time the child used so far. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new AssertionError("no CPU time reported for pid " + process.pid()));
    }

    /** Waits (generously) for the child to exit and returns its status. */
    public int awaitExit() throws Exception {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("child " + process.pid() + " did not finish in " + TIMEOUT_SECONDS + " s; its output:\n" + output());
        }
        return process.exitValue();
    }

    /** Waits for a clean exit; fails with the child's output otherwise. */
    public void awaitSuccess() throws Exception {
        int status = awaitExit();
        if (status != 0) {
            fail("child " + process.pid() + " exited with status " + status + "; its output:\n" + output());
        }
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Polls {@code condition} until it holds; fails after a generous timeout or if the child died. */
    public void await(BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                fail("child exited with status " + process.exitValue() + " before " + what + "; its output:\n"
                        + output());
            }
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; child output:\n" + output());
            }
            Thread.sleep(2);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
