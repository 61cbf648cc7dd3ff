package org.tusk.monitor.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.libpq.ConnInfo;
import org.tusk.libpq.PgConnection;
import org.tusk.libpq.PgError;
import org.tusk.libpq.PgResult;
import org.tusk.libpq.ResultStatus;

/**
 * One run of the terminal monitor: connects, then executes -c/-f actions, or
 * reads statements from the input (without prompts when it is not a
 * terminal), or runs the interactive loop. Mirrors psql's behaviour and
 * messages, including its exit statuses: 0 success, 1 a failed -c or
 * unreadable -f, 2 connection failure, 3 a script stopped by ON_ERROR_STOP.
 */
final class Monitor {
    /**
     * The name in "psql:FILE:LINE:" and "psql: error:" prefixes. Kept as psql's
     * so that scripts, regression diffs and the golden tests see psql's output.
     */
    static final String PROGNAME = "psql";
    static final int EXIT_SUCCESS = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_BADCONN = 2;
    static final int EXIT_USER = 3;

    private final PrintStream out;
    private final PrintStream err;
    private final PrintOptions print = new PrintOptions();
    private final Map<String, String> variables = new TreeMap<>();
    private final QueryScanner scanner = new QueryScanner();
    private PgConnection conn;
    private boolean quiet;
    private boolean timing;
    private boolean interactive;
    /** Name for the locus prefix (a -f file, "<stdin>" for -f -), null otherwise. */
    private String inputName;
    private long lineno;
    private boolean quit;
    private String lastQuery;
    private volatile boolean queryRunning;
    private InputStream stdin = System.in;

    Monitor(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args, InputStream in, boolean terminal) {
        MonitorOptions o;
        try {
            o = MonitorOptions.parse(args);
        } catch (MonitorOptions.UsageError e) {
            err.println(PROGNAME + ": error: " + e.getMessage());
            err.println(PROGNAME + ": hint: Try \"" + PROGNAME + " --help\" for more information.");
            return EXIT_FAILURE;
        }
        if (o.help) {
            out.print(HelpText.USAGE);
            return EXIT_SUCCESS;
        }
        if (o.version) {
            out.println("tusk sql (PostgreSQL) 15");
            return EXIT_SUCCESS;
        }
        stdin = in;
        quiet = o.quiet;
        print.unaligned = o.unaligned;
        print.tuplesOnly = o.tuplesOnly;
        if (o.expanded) print.expanded = PrintOptions.Expanded.ON;
        variables.putAll(o.variables);
        if (variables.containsKey("FIELDSEP")) print.fieldSeparator = variables.get("FIELDSEP");
        interactive = terminal && o.actions.isEmpty();

        InteractiveTerminal term = interactive ? InteractiveTerminal.open(this) : null;
        try {
            int rc = connect(o, term);
            if (rc != EXIT_SUCCESS) return rc;
            try {
                if (!o.actions.isEmpty()) return runActions(o.actions);
                if (term != null) {
                    term.banner();
                    term.loop();
                    return EXIT_SUCCESS;
                }
                return processInput(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), null);
            } catch (ConnectionLost e) {
                return EXIT_BADCONN;
            } finally {
                conn.close();
            }
        } finally {
            if (term != null) term.close();
        }
    }

    private int connect(MonitorOptions o, InteractiveTerminal term) {
        ConnInfo info = ConnInfo.looksLikeConnString(o.dbname) ? ConnInfo.parse(o.dbname)
                : ConnInfo.parse("").with("dbname", o.dbname);
        info = info.with("host", o.host).with("port", o.port).with("user", o.user)
                .with("fallback_application_name", "tusk sql");
        String password = null;
        if (Boolean.TRUE.equals(o.promptPassword) && term != null) {
            password = term.readPassword("Password: ");
        }
        while (true) {
            try {
                conn = PgConnection.connect(password == null ? info : info.with("password", password));
                conn.setNoticeHandler(n -> {
                    err.print(locus() + n.format(false));
                    err.flush();
                });
                return EXIT_SUCCESS;
            } catch (PgError e) {
                if (PgConnection.NO_PASSWORD_SUPPLIED.equals(e.getMessage()) && password == null
                        && term != null && !Boolean.FALSE.equals(o.promptPassword)) {
                    password = term.readPassword("Password for user " + info.withDefaults().get("user") + ": ");
                    continue;
                }
                err.print(PROGNAME + ": error: " + e.libpqMessage());
                err.flush();
                return EXIT_BADCONN;
            }
        }
    }

    private int runActions(List<MonitorOptions.Action> actions) {
        int rc = EXIT_SUCCESS;
        for (MonitorOptions.Action a : actions) {
            if (a.isFile()) {
                rc = processFile(a.value());
            } else if (a.value().startsWith("\\")) {
                inputName = null;
                rc = EXIT_SUCCESS;
                for (QueryScanner.Event ev : new QueryScanner().feedLine(a.value())) {
                    if (ev instanceof QueryScanner.MetaCommand m && !metaCommand(m.name(), m.args())) rc = EXIT_FAILURE;
                }
            } else {
                inputName = null;
                rc = sendQuery(a.value(), false) ? EXIT_SUCCESS : EXIT_FAILURE;
            }
            if (quit || (rc != EXIT_SUCCESS && onErrorStop())) break;
        }
        return rc;
    }

    private int processFile(String name) {
        if (name.equals("-")) {
            inputName = "<stdin>";
            return processInput(new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), inputName);
        }
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println(PROGNAME + ": error: " + name + ": No such file or directory");
            return EXIT_FAILURE;
        } catch (IOException e) {
            err.println(PROGNAME + ": error: " + name + ": " + e.getMessage());
            return EXIT_FAILURE;
        }
        try (reader) {
            return processInput(reader, name);
        } catch (IOException e) {
            return EXIT_FAILURE;
        }
    }

    /** Non-interactive input: statements and meta-commands line by line, no prompts. */
    private int processInput(BufferedReader reader, String name) {
        inputName = name;
        lineno = 0;
        scanner.reset();
        try {
            String line;
            while (!quit && (line = reader.readLine()) != null) {
                lineno++;
                if (!processLine(line)) return EXIT_USER;
            }
        } catch (IOException e) {
            err.println(PROGNAME + ": error: could not read from input file: " + e.getMessage());
            return EXIT_FAILURE;
        }
        // psql sends what is left in the buffer at the end of a script
        if (scanner.hasPending()) {
            String sql = scanner.pending();
            scanner.reset();
            if (!sendQuery(sql, false) && onErrorStop()) return EXIT_USER;
        }
        return EXIT_SUCCESS;
    }

    /** Feeds one input line; false when ON_ERROR_STOP ends the script. */
    boolean processLine(String line) {
        for (QueryScanner.Event ev : scanner.feedLine(line)) {
            boolean ok;
            if (ev instanceof QueryScanner.Statement s) {
                ok = sendQuery(s.sql(), false);
            } else {
                QueryScanner.MetaCommand m = (QueryScanner.MetaCommand) ev;
                ok = metaCommand(m.name(), m.args());
            }
            if (!ok && onErrorStop() && !interactive) return false;
            if (quit) return true;
        }
        return true;
    }

    boolean quitRequested() { return quit; }
    void requestQuit() { quit = true; }
    void resetBuffer() { scanner.reset(); }

    /** psql's default PROMPT1/PROMPT2 "%/%R%x%# ". */
    String prompt() {
        char tx = conn.transactionStatus();
        String x = tx == 'T' ? "*" : tx == 'E' ? "!" : "";
        boolean superuser = "on".equals(conn.parameterStatus("is_superuser"));
        return conn.dbname() + scanner.promptState() + x + (superuser ? "#" : ">") + " ";
    }

    private boolean onErrorStop() {
        return isTrue(variables.get("ON_ERROR_STOP"));
    }

    private static boolean isTrue(String v) {
        if (v == null) return false;
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) return false;
        return "true".startsWith(s) || "yes".startsWith(s) || (s.length() > 1 && "on".startsWith(s)) || s.equals("1");
    }

    private String locus() {
        return inputName == null ? "" : PROGNAME + ":" + inputName + ":" + lineno + ": ";
    }

    /** Cancels the running query, if any (Ctrl-C). */
    void cancelRunningQuery() {
        if (queryRunning && conn != null) {
            try {
                conn.cancel();
                err.println("Cancel request sent");
            } catch (PgError e) {
                err.print("Could not send cancel request: " + e.libpqMessage());
            }
            err.flush();
        }
    }

    boolean sendQuery(String sql, boolean expandedOnce) {
        lastQuery = sql;
        long start = System.nanoTime();
        boolean ok = true;
        PrintOptions.Expanded saved = print.expanded;
        if (expandedOnce) print.expanded = PrintOptions.Expanded.ON;
        queryRunning = true;
        try {
            for (PgResult r : conn.queryAll(sql)) printResult(r);
        } catch (PgError e) {
            ok = false;
            for (PgResult r : e.precedingResults()) printResult(r);
            out.flush();
            err.print(locus() + e.libpqMessage());
            err.flush();
            if (conn.isClosed()) connectionLost();
        } finally {
            queryRunning = false;
            print.expanded = saved;
        }
        if (timing && ok) {
            out.println(timingText((System.nanoTime() - start) / 1e6));
        }
        out.flush();
        return ok;
    }

    private void connectionLost() {
        if (!interactive) {
            err.println(locus().isEmpty() ? PROGNAME + ": error: connection to server was lost"
                    : locus() + "error: connection to server was lost");
            err.flush();
            out.flush();
            throw new ConnectionLost();
        }
        err.print("The connection to the server was lost. Attempting reset: ");
        try {
            PgConnection fresh = PgConnection.connect(conn.connInfo());
            conn = fresh;
            err.println("Succeeded.");
        } catch (PgError e) {
            err.println("Failed.");
        }
    }

    /** Thrown to end a non-interactive run whose connection died, like psql's exit(EXIT_BADCONN). */
    static final class ConnectionLost extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    static String timingText(double ms) {
        if (ms < 1000.0) return String.format(Locale.ROOT, "Time: %.3f ms", ms);
        double seconds = ms / 1000.0;
        double minutes = Math.floor(seconds / 60.0);
        seconds -= 60.0 * minutes;
        if (minutes < 60.0) return String.format(Locale.ROOT, "Time: %.3f ms (%02d:%06.3f)", ms, (int) minutes, seconds);
        double hours = Math.floor(minutes / 60.0);
        minutes -= 60.0 * hours;
        if (hours < 24.0) {
            return String.format(Locale.ROOT, "Time: %.3f ms (%02d:%02d:%06.3f)", ms, (int) hours, (int) minutes, seconds);
        }
        double days = Math.floor(hours / 24.0);
        hours -= 24.0 * days;
        return String.format(Locale.ROOT, "Time: %.3f ms (%.0f d %02d:%02d:%06.3f)", ms, days, (int) hours, (int) minutes, seconds);
    }

    private void printResult(PgResult r) {
        if (r.status() == ResultStatus.TUPLES_OK) {
            out.print(new ResultPrinter(print).print(r));
            String tag = r.commandTag();
            if (tag.startsWith("INSERT") || tag.startsWith("UPDATE") || tag.startsWith("DELETE")) printStatus(tag);
        } else if (r.status() == ResultStatus.COMMAND_OK) {
            printStatus(r.commandTag());
        } else if (r.status() == ResultStatus.COPY_OUT) {
            // psql writes the data but no "COPY n" status for COPY TO STDOUT
            out.print(new String(r.copyData(), StandardCharsets.UTF_8));
        }
    }

    private void printStatus(String tag) {
        if (!quiet) out.println(tag);
    }

    private void info(String message) {
        if (!quiet) out.println(message);
    }

    /** Runs a backslash command; false if it failed. */
    boolean metaCommand(String name, String args) {
        switch (name) {
            case "q": case "quit":
                quit = true;
                return true;
            case "?":
                out.print(HelpText.BACKSLASH);
                return true;
            case "conninfo":
                out.println(conninfo());
                return true;
            case "timing": {
                Boolean v = parseBool(args, !timing, "\\timing");
                if (v == null) return false;
                timing = v;
                info(timing ? "Timing is on." : "Timing is off.");
                return true;
            }
            case "x": {
                if (args.equalsIgnoreCase("auto")) {
                    print.expanded = PrintOptions.Expanded.AUTO;
                } else {
                    Boolean v = parseBool(args, print.expanded != PrintOptions.Expanded.ON, "expanded");
                    if (v == null) return false;
                    print.expanded = v ? PrintOptions.Expanded.ON : PrintOptions.Expanded.OFF;
                }
                info(print.expanded == PrintOptions.Expanded.ON ? "Expanded display is on."
                        : print.expanded == PrintOptions.Expanded.AUTO ? "Expanded display is used automatically."
                        : "Expanded display is off.");
                return true;
            }
            case "a":
                print.unaligned = !print.unaligned;
                info(print.unaligned ? "Output format is unaligned." : "Output format is aligned.");
                return true;
            case "t": {
                Boolean v = parseBool(args, !print.tuplesOnly, "tuples_only");
                if (v == null) return false;
                print.tuplesOnly = v;
                info(v ? "Tuples only is on." : "Tuples only is off.");
                return true;
            }
            case "g": case "gx": {
                String sql = scanner.hasPending() ? scanner.pending() : lastQuery;
                scanner.reset();
                if (sql == null) return true;
                return sendQuery(sql, name.equals("gx"));
            }
            case "r": case "reset":
                scanner.reset();
                info("Query buffer reset (cleared).");
                return true;
            case "p": case "print":
                out.println(scanner.hasPending() ? scanner.pending() : lastQuery != null ? lastQuery : "Query buffer is empty.");
                return true;
            case "echo":
                out.println(args);
                return true;
            case "set": {
                if (args.isEmpty()) {
                    variables.forEach((k, v) -> out.println(k + " = '" + v + "'"));
                    return true;
                }
                String[] kv = args.split("\\s+", 2);
                variables.put(kv[0], kv.length > 1 ? kv[1] : "");
                return true;
            }
            case "unset":
                variables.remove(args.trim());
                return true;
            default:
                String message = "invalid command \\" + name;
                err.println(inputName == null ? message : locus() + "error: " + message);
                if (interactive) err.println("Try \\? for help.");
                err.flush();
                return false;
        }
    }

    private Boolean parseBool(String arg, boolean toggled, String what) {
        if (arg.isEmpty()) return toggled;
        String s = arg.trim().toLowerCase(Locale.ROOT);
        if (("true".startsWith(s) || "yes".startsWith(s) || (s.length() > 1 && "on".startsWith(s)) || s.equals("1"))) return true;
        if (("false".startsWith(s) || "no".startsWith(s) || (s.length() > 1 && "off".startsWith(s)) || s.equals("0"))) return false;
        err.println(locus() + "unrecognized value \"" + arg + "\" for \"" + what + "\": Boolean expected");
        return null;
    }

    String conninfo() {
        String prefix = "You are connected to database \"" + conn.dbname() + "\" as user \"" + conn.user() + "\" ";
        if (conn.isUnixSocket()) return prefix + "via socket in \"" + conn.host() + "\" at port \"" + conn.port() + "\".";
        if (!conn.hostaddr().isEmpty() && !conn.hostaddr().equals(conn.host()) && !conn.host().isEmpty()) {
            return prefix + "on host \"" + conn.host() + "\" (address \"" + conn.hostaddr() + "\") at port \"" + conn.port() + "\"." + sslInfo();
        }
        String host = conn.host().isEmpty() ? conn.hostaddr() : conn.host();
        return prefix + "on host \"" + host + "\" at port \"" + conn.port() + "\"." + sslInfo();
    }

    /** psql's printSSLInfo line, after \conninfo on an encrypted connection. */
    private String sslInfo() {
        if (!conn.sslInUse()) return "";
        return System.lineSeparator() + "SSL connection (protocol: " + conn.sslProtocol() + ", cipher: "
                + conn.sslCipher() + ", compression: off)";
    }

    PgConnection connection() { return conn; }
    PrintOptions printOptions() { return print; }
    PrintStream out() { return out; }
}
