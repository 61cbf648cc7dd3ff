package org.tusk.monitor.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive side: a JLine terminal with line editing and a history file
 * (~/.tusk_history), psql's prompts, and Ctrl-C handling: while a query runs
 * it sends a cancel request; while typing it discards the current input.
 */
final class InteractiveTerminal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InteractiveTerminal.class);

    private final Monitor monitor;
    private final Terminal terminal;
    private final LineReader reader;

    private InteractiveTerminal(Monitor monitor, Terminal terminal) {
        this.monitor = monitor;
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("tusk sql")
                .variable(LineReader.HISTORY_FILE, monitor.historyFile)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, false)
                .parser(new SqlLineParser())
                .completer(new SqlCompleter(monitor::connection, this::earlierLines, () -> !monitor.queryRunning()))
                .highlighter(new SqlHighlighter(this::highlighting, monitor::scanState))
                .build();
        monitor.terminalLines = this::copyLine;
        monitor.terminalPause = this::pause;
        monitor.terminalResume = this::resume;
        monitor.pager = new OutputPager(monitor.env, monitor.printOptions(), () -> terminal.getHeight(),
                () -> terminal.getWidth(), this::pause, this::resume);
    }

    /**
     * Reads COPY data: psql reads it without readline, so a Tab is data, not completion, and
     * the lines stay out of the history.
     */
    private LineReader copyReader;

    /** One line of COPY data typed at PROMPT3; null for Ctrl-D; Ctrl-C fails the COPY as in psql. */
    private String copyLine() throws IOException {
        if (copyReader == null) {
            copyReader = LineReaderBuilder.builder().terminal(terminal).appName("tusk sql copy")
                    .history(new org.jline.reader.impl.history.DefaultHistory() {
                        @Override public void add(java.time.Instant time, String line) {
                            // COPY data are not history
                        }
                    })
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.AUTO_FRESH_LINE, false)
                    .build();
            copyReader.getKeyMaps().get(LineReader.MAIN).bind(new org.jline.reader.Reference(LineReader.SELF_INSERT), "\t");
        }
        try {
            return copyReader.readLine(monitor.copyPrompt());
        } catch (EndOfFileException e) {
            return null;
        } catch (UserInterruptException e) {
            throw new IOException("canceled by user");
        }
    }

    /** The statement's earlier lines, for completion (empty at the start of a statement). */
    private String earlierLines() {
        return monitor.atStatementStart() ? "" : monitor.queryBuffer();
    }

    /** Highlighting is on unless the terminal is dumb or \set HIGHLIGHT off. */
    boolean highlighting() {
        String type = terminal.getType();
        if (type == null || type.startsWith("dumb")) return false;
        String v = monitor.variable("HIGHLIGHT");
        return v == null || Monitor.isTrue(v);
    }

    /**
     * Hands the terminal to a child process (editor, pager). Between readLine calls JLine has
     * already restored the tty's normal mode, so flushing is all it takes. (Terminal.pause()
     * is not used: on a piped terminal it stops the input pump for good.)
     */
    private void pause() {
        monitor.out().flush();
        terminal.flush();
    }

    private void resume() {
        // nothing to restore: the next readLine sets raw mode again
    }

    static InteractiveTerminal open(Monitor monitor, Terminal terminal) {
        InteractiveTerminal it = new InteractiveTerminal(monitor, terminal);
        terminal.handle(Terminal.Signal.INT, sig -> monitor.cancelRunningQuery());
        return it;
    }

    static InteractiveTerminal open(Monitor monitor) {
        // JLine finds its terminal providers through the context class loader;
        // inside Felix that would be the framework's and give a dumb terminal.
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        t.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().system(true).nativeSignals(true).build();
        } catch (IOException e) {
            throw new IllegalStateException("could not open the terminal", e);
        } finally {
            t.setContextClassLoader(saved);
        }
        InteractiveTerminal it = new InteractiveTerminal(monitor, terminal);
        terminal.handle(Terminal.Signal.INT, sig -> monitor.cancelRunningQuery());
        return it;
    }

    void banner() {
        String server = monitor.connection().parameterStatus("server_version");
        monitor.out().println("tusk sql (server " + server + ")");
        monitor.out().println("Type \"help\" for help.");
        monitor.out().println();
        monitor.out().flush();
    }

    String readPassword(String prompt) {
        try {
            return reader.readLine(prompt, '\0');
        } catch (UserInterruptException | EndOfFileException e) {
            return "";
        }
    }

    /** COLUMNS when set (psql prefers it to the tty's size), else the terminal's width. */
    private int screenColumns() {
        String env = monitor.env.apply("COLUMNS");
        if (env != null) {
            try {
                int c = Integer.parseInt(env.trim());
                if (c > 0) return c;
            } catch (NumberFormatException ignored) {
                // psql ignores a COLUMNS that is not a number
            }
        }
        return terminal.getWidth();
    }

    /**
     * Where the history lives, chosen once the startup file has run, as psql does: the
     * HISTFILE variable (so {@code \set HISTFILE ~/.psql_history- :DBNAME} in ~/.psqlrc keeps
     * one history per database), else PSQL_HISTORY, else ~/.tusk_history. ~ is the home
     * directory.
     */
    Path historyFile() {
        String name = monitor.variable("HISTFILE");
        if (name == null || name.isEmpty()) name = monitor.env.apply("PSQL_HISTORY");
        if (name == null || name.isEmpty()) return monitor.historyFile;
        if (name.equals("~") || name.startsWith("~/")) name = System.getProperty("user.home") + name.substring(1);
        return Path.of(name);
    }

    private void openHistory() {
        Path file = historyFile();
        if (file.equals(reader.getVariable(LineReader.HISTORY_FILE))) return;
        reader.setVariable(LineReader.HISTORY_FILE, file);
        try {
            reader.getHistory().load();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("could not read history from {}: {}", file, e.toString());
        }
    }

    /** HISTSIZE (default 500, negative = no limit) and HISTCONTROL (ignorespace, ignoredups, ignoreboth, none). */
    private void historySettings() {
        int size = 500;
        String hs = monitor.variable("HISTSIZE");
        if (hs != null) {
            try {
                size = Integer.parseInt(hs.trim());
            } catch (NumberFormatException e) {
                size = 500;
            }
        }
        if (size < 0) size = Integer.MAX_VALUE;
        reader.setVariable(LineReader.HISTORY_SIZE, size);
        reader.setVariable(LineReader.HISTORY_FILE_SIZE, size);
        String hc = monitor.variable("HISTCONTROL");
        String control = hc == null ? "none" : hc.trim().toLowerCase(java.util.Locale.ROOT);
        boolean both = control.equals("ignoreboth");
        reader.option(LineReader.Option.HISTORY_IGNORE_SPACE, both || control.equals("ignorespace"));
        reader.option(LineReader.Option.HISTORY_IGNORE_DUPS, both || control.equals("ignoredups"));
    }

    /**
     * psql writes at most HISTSIZE entries at exit; JLine appends and trims only with a
     * margin, so the file is cut to the last HISTSIZE entries here (one line per entry).
     */
    private void trimHistoryFile() throws IOException {
        Object v = reader.getVariable(LineReader.HISTORY_FILE_SIZE);
        Object f = reader.getVariable(LineReader.HISTORY_FILE);
        if (!(v instanceof Integer max) || max == Integer.MAX_VALUE || f == null) return;
        Path file = f instanceof Path p ? p : Path.of(f.toString());
        if (!java.nio.file.Files.exists(file)) return;
        java.util.List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        if (lines.size() <= max) return;
        java.nio.file.Files.write(file, lines.subList(lines.size() - max, lines.size()), java.nio.charset.StandardCharsets.UTF_8);
    }

    void loop() {
        monitor.printOptions().terminalColumns = screenColumns();
        openHistory();
        while (!monitor.quitRequested()) {
            String line;
            historySettings();
            try {
                line = reader.readLine(monitor.prompt());
            } catch (UserInterruptException e) {
                monitor.resetBuffer();
                continue;
            } catch (EndOfFileException e) {
                monitor.out().println("\\q");
                break;
            }
            monitor.printOptions().terminalColumns = screenColumns();
            if (line.trim().equals("help") && monitor.atStatementStart()) {
                monitor.out().print(HelpText.GREETING_HELP);
                continue;
            }
            monitor.processLine(line);
            monitor.out().flush();
        }
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
            trimHistoryFile();
        } catch (IOException e) {
            LOG.warn("could not save history: {}", e.toString());
        }
        try {
            terminal.close();
        } catch (IOException e) {
            LOG.debug("closing the terminal failed", e);
        }
    }
}
