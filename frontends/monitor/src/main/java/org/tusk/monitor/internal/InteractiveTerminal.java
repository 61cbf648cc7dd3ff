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
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".tusk_history"))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
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
            if (line.trim().equals("help") && monitor.prompt().contains("=")) {
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
