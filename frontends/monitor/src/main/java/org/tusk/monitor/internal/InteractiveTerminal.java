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
        monitor.terminalPause = this::pause;
        monitor.terminalResume = this::resume;
        monitor.pager = new OutputPager(monitor.env, monitor.printOptions(), () -> terminal.getHeight(),
                () -> terminal.getWidth(), this::pause, this::resume);
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

    void loop() {
        monitor.printOptions().terminalColumns = terminal.getWidth();
        while (!monitor.quitRequested()) {
            String line;
            try {
                line = reader.readLine(monitor.prompt());
            } catch (UserInterruptException e) {
                monitor.resetBuffer();
                continue;
            } catch (EndOfFileException e) {
                monitor.out().println("\\q");
                break;
            }
            monitor.printOptions().terminalColumns = terminal.getWidth();
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
