package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's path, in a real terminal: `tusk` with no arguments creates
 * the cluster, starts the server and opens the monitor at a prompt; a query
 * typed there runs, the Up arrow recalls it, and \q leaves. tmux provides the
 * terminal (send-keys to type, capture-pane to read the screen).
 */
class QuickStartTerminalTest {

    @TempDir
    Path root;

    @Test
    void tuskWithNoArgumentsGetsAPromptThatRunsQueries() throws Exception {
        String tmux = Clients.require("tmux");
        String session = "tusk-quickstart-" + ProcessHandle.current().pid();
        Path data = root.resolve("data");
        int port = TuskCluster.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "cd " + root + " && PGDATA=" + data + " PGPORT=" + port + " " + java + " -jar "
                + TuskCluster.DIST.resolve("tusk-boot.jar") + "; echo MONITOR-EXITED; sleep 30";
        run(tmux, "new-session", "-d", "-s", session, "-x", "160", "-y", "50", command);
        try {
            String screen = waitFor(tmux, session, "postgres=#", 90);
            assertTrue(screen.contains("Tusk is running in the background: data directory " + data), screen);
            assertTrue(screen.contains("Stop it with: ./tusk stop -D " + data), screen);
            assertTrue(Files.exists(data.resolve("PG_VERSION")), "cluster created");

            type(tmux, session, "select 6 * 7 as answer, current_database() as db");
            type(tmux, session, ";");
            run(tmux, "send-keys", "-t", session, "Enter");
            screen = waitFor(tmux, session, "(1 row)", 30);
            assertTrue(screen.contains("     42 | postgres"), screen);

            run(tmux, "send-keys", "-t", session, "Up");
            screen = waitFor(tmux, session, "postgres=# select 6 * 7 as answer, current_database() as db;", 10);

            run(tmux, "send-keys", "-t", session, "C-u");
            type(tmux, session, "\\q");
            run(tmux, "send-keys", "-t", session, "Enter");
            waitFor(tmux, session, "MONITOR-EXITED", 30);
        } finally {
            run(tmux, "kill-session", "-t", session);
            TuskCluster.tusk("stop", "-D", data.toString(), "-m", "immediate");
        }
        assertEquals(3, TuskCluster.tusk("status", "-D", data.toString()).status(), "server stopped");
    }

    /** Types text literally (a trailing ';' would be a tmux command separator, so it is sent alone as hex). */
    private static void type(String tmux, String session, String text) throws Exception {
        if (text.equals(";")) {
            run(tmux, "send-keys", "-t", session, "-H", "3b");
        } else {
            run(tmux, "send-keys", "-t", session, "-l", text);
        }
    }

    private static String waitFor(String tmux, String session, String expected, int seconds) throws Exception {
        String screen = "";
        for (int i = 0; i < seconds * 5; i++) {
            screen = TuskCluster.run(List.of(tmux, "capture-pane", "-p", "-t", session), 10).output();
            if (screen.contains(expected)) {
                return screen;
            }
            Thread.sleep(200);
        }
        fail("screen never showed \"" + expected + "\":\n" + screen);
        return screen;
    }

    private static void run(String... cmd) throws Exception {
        TuskCluster.run(List.of(cmd), 30);
    }
}
