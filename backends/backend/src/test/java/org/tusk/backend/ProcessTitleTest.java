package org.tusk.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * ProcessTitle overwrites this (test) JVM's own argument area, as it does a backend's: what
 * /proc/self/cmdline (and so ps) shows is the last title, and a shorter title leaves no tail of
 * the longer one before it.
 */
class ProcessTitleTest {

    @Test
    void aShorterTitleClearsTheTailOfTheLongerOne() throws IOException {
        Path cmdline = Path.of("/proc/self/cmdline");
        assumeTrue(Files.isReadable(cmdline), "Linux only");
        ProcessTitle.set("tusk: alice mydb 127.0.0.1(53122) idle in transaction (aborted)");
        assumeTrue(shown(cmdline).startsWith("tusk: alice"), "the argument area cannot be written here");
        assertEquals("tusk: alice mydb 127.0.0.1(53122) idle in transaction (aborted)", shown(cmdline));
        ProcessTitle.set("tusk: alice mydb 127.0.0.1(53122) active");
        assertEquals("tusk: alice mydb 127.0.0.1(53122) active", shown(cmdline));
        ProcessTitle.set("tusk: x");
        assertEquals("tusk: x", shown(cmdline));
        ProcessTitle.set("tusk: alice mydb 127.0.0.1(53122) idle");
        assertEquals("tusk: alice mydb 127.0.0.1(53122) idle", shown(cmdline));
    }

    /**
     * The statement path passes a session's per-state titles as arrays encoded once: alternating between them
     * shows each in turn (the same array again is recognized without comparing bytes), and a title equal to
     * the one shown but in another array changes nothing.
     */
    @Test
    void encodedTitlesAlternateAsTheStatementPathPassesThem() throws IOException {
        Path cmdline = Path.of("/proc/self/cmdline");
        assumeTrue(Files.isReadable(cmdline), "Linux only");
        byte[] active = "tusk: bob db 10.0.0.7(40000) active".getBytes(StandardCharsets.UTF_8);
        byte[] idle = "tusk: bob db 10.0.0.7(40000) idle".getBytes(StandardCharsets.UTF_8);
        ProcessTitle.set(active);
        assumeTrue(shown(cmdline).startsWith("tusk: bob"), "the argument area cannot be written here");
        for (int i = 0; i < 3; i++) {
            ProcessTitle.set(active);
            assertEquals("tusk: bob db 10.0.0.7(40000) active", shown(cmdline));
            ProcessTitle.set(idle);
            assertEquals("tusk: bob db 10.0.0.7(40000) idle", shown(cmdline));
        }
        ProcessTitle.set("tusk: bob db 10.0.0.7(40000) idle");
        assertEquals("tusk: bob db 10.0.0.7(40000) idle", shown(cmdline));
        ProcessTitle.set(active);
        assertEquals("tusk: bob db 10.0.0.7(40000) active", shown(cmdline));
    }

    /** The whole argument area, its NUL bytes shown as nothing only at the end: a leftover would show inside. */
    private static String shown(Path cmdline) throws IOException {
        String all = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
        int end = all.length();
        while (end > 0 && all.charAt(end - 1) == '\0') {
            end--;
        }
        return all.substring(0, end).replace('\0', '|');
    }
}
