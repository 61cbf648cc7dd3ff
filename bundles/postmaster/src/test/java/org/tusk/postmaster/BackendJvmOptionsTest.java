package org.tusk.postmaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A backend JVM started with an option its Java does not know exits at once
 * ("Unrecognized VM option"): every JDK installed here (the one running the
 * tests and those under /usr/lib/jvm, 17 and 25 on the build machine) must start
 * with the options chosen for its version.
 */
class BackendJvmOptionsTest {

    private static final Pattern VERSION = Pattern.compile("version \"(\\d+)");

    @Test
    void everyInstalledJdkStartsWithItsBackendOptions() throws Exception {
        List<Path> javas = new ArrayList<>();
        javas.add(Path.of(System.getProperty("java.home"), "bin", "java"));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.map(d -> d.resolve("bin/java")).filter(Files::isExecutable).forEach(javas::add);
            }
        }
        int checked = 0;
        for (Path java : javas) {
            Run version = run(List.of(java.toString(), "-version"));
            Matcher m = VERSION.matcher(version.output);
            if (version.status != 0 || !m.find()) {
                continue;   // not a usable JDK (a dangling alternative): nothing to check
            }
            int feature = Integer.parseInt(m.group(1));
            List<String> cmd = new ArrayList<>(List.of(java.toString()));
            cmd.addAll(BackendJvmOptions.forJava(feature));
            cmd.add("-version");
            Run withOptions = run(cmd);
            assertEquals(0, withOptions.status, java + " (Java " + feature + ") refused " + cmd + ":\n" + withOptions.output);
            checked++;
        }
        assertTrue(checked >= 1, "no JDK found to check");
    }

    @Test
    void theRunningJavasOptionsKeepTheCodeCacheAndTheSerialCollector() {
        List<String> options = BackendJvmOptions.forJava(Runtime.version().feature());
        assertTrue(options.contains("-XX:+UseSerialGC"), options.toString());
        assertTrue(options.contains("-XX:-UseCodeCacheFlushing"), options.toString());
    }

    private record Run(int status, String output) {
    }

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, "timed out");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
