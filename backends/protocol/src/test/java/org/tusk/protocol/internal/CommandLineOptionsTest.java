package org.tusk.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.protocol.internal.startup.CommandLineOptions;

class CommandLineOptionsTest {

    @Test
    void splitFollowsPgSplitOpts() {
        assertEquals(List.of("-c", "a=b c", "x\\y", "--z=1"), CommandLineOptions.split("  -c a=b\\ c\tx\\\\y   --z=1  "));
        assertEquals(List.of(), CommandLineOptions.split("   "));
        assertEquals(List.of("ab"), CommandLineOptions.split("a\\b"));
    }

    @Test
    void switchesBecomeSettings() {
        Map<String, String> s = CommandLineOptions.parse("-c search_path=x -cwork_mem=1MB --enable-seqscan=off -e -S 64 -fs");
        assertEquals(Map.of("search_path", "x", "work_mem", "64", "enable_seqscan", "false", "datestyle", "euro"), s);
        assertEquals(List.of("search_path", "work_mem", "enable_seqscan", "datestyle"), List.copyOf(s.keySet()));
    }

    @Test
    void refusalsMatchPostgres() {
        PgException e = assertThrows(PgException.class, () -> CommandLineOptions.parse("foo"));
        assertEquals("invalid command-line argument for server process: foo", e.getMessage());
        assertEquals("42601", e.sqlState());
        assertEquals(Severity.FATAL, e.severity());
        assertEquals("Try \"postgres --help\" for more information.", e.hint());
        assertEquals("invalid command-line argument for server process: -q",
                assertThrows(PgException.class, () -> CommandLineOptions.parse("-q")).getMessage());
        assertEquals("--work_mem requires a value",
                assertThrows(PgException.class, () -> CommandLineOptions.parse("--work_mem")).getMessage());
        assertEquals("invalid command-line argument for server process: -c",
                assertThrows(PgException.class, () -> CommandLineOptions.parse("-c")).getMessage());
    }
}
