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
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
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
    /** Where query results go: stdout, or the \o file. */
    private PrintStream qout;
    private String qoutName;
    /** \if states: TRUE (running this branch), FALSE (looking for a true branch), DONE (a branch ran), IGNORED (inside a skipped branch). */
    private enum Cond { TRUE, FALSE, DONE, IGNORED }
    private final Deque<Cond> conds = new ArrayDeque<>();
    private final Deque<Boolean> condInElse = new ArrayDeque<>();
    private PgError lastError;
    private String currentFileDir;
    private final PrintOptions print = new PrintOptions();
    private final Map<String, String> variables = new TreeMap<>();
    private QueryScanner scanner = newScanner();
    private PgConnection conn;
    /** Set while -P options are applied; otherwise the QUIET variable decides. */
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
        this.qout = out;
    }

    private QueryScanner newScanner() {
        QueryScanner s = new QueryScanner();
        s.setVariables(name -> active() ? variables.get(name) : null);
        return s;
    }

    boolean active() {
        return conds.isEmpty() || conds.peek() == Cond.TRUE;
    }

    private MetaArgs args(String text) {
        return new MetaArgs(text, name -> variables.get(name));
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
        if (o.quiet) variables.put("QUIET", "on");
        if (o.unaligned) print.format = PrintOptions.Format.UNALIGNED;
        if (o.csv) print.format = PrintOptions.Format.CSV;
        print.tuplesOnly = o.tuplesOnly;
        if (o.expanded) print.expanded = PrintOptions.Expanded.ON;
        variables.putAll(o.variables);
        if (variables.containsKey("FIELDSEP")) print.fieldSeparator = variables.get("FIELDSEP");
        if (o.recordSep != null) print.recordSeparator = o.recordSep;
        singleTransaction = o.singleTransaction;
        defaultVariables();
        if (o.echoAll) variables.put("ECHO", "all");
        interactive = terminal && o.actions.isEmpty();

        InteractiveTerminal term = !interactive ? null
                : givenTerminal != null ? InteractiveTerminal.open(this, givenTerminal) : InteractiveTerminal.open(this);
        try {
            int rc = connect(o, term);
            if (rc != EXIT_SUCCESS) return rc;
            try {
                setConnectionVariables();
                for (String ps : o.psets) {
                    int eq = ps.indexOf('=');
                    quiet = true;
                    pset(eq < 0 ? ps : ps.substring(0, eq), eq < 0 ? null : ps.substring(eq + 1), false);
                    quiet = false;
                }
                if (o.output != null) setOutput(o.output);
                if (!o.noPsqlrc) runStartupFile();
                if (!o.actions.isEmpty()) return runActions(o.actions);
                if (term != null) {
                    term.banner();
                    term.loop();
                    return EXIT_SUCCESS;
                }
                if (singleTransaction) silent("BEGIN");
                int rc2 = processInput(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), null);
                if (singleTransaction && !conn.isClosed()) silent(rc2 == EXIT_SUCCESS ? "COMMIT" : "ROLLBACK");
                return rc2;
            } catch (ConnectionLost e) {
                return EXIT_BADCONN;
            } finally {
                conn.close();
            }
        } finally {
            if (term != null) term.close();
        }
    }

    /** psql's variables that always have a value. */
    private void defaultVariables() {
        variables.putIfAbsent("AUTOCOMMIT", "on");
        variables.putIfAbsent("ON_ERROR_STOP", "off");
        variables.putIfAbsent("ECHO", "none");
        variables.putIfAbsent("PROMPT1", "%/%R%x%# ");
        variables.putIfAbsent("PROMPT2", "%/%R%x%# ");
        variables.putIfAbsent("PROMPT3", ">> ");
    }

    /**
     * Runs a script on a connection someone else opened (and closes): the entry point of
     * {@link org.tusk.monitor.SqlScript}. Behaves as {@code psql -X -f NAME} would after
     * connecting; the connection stays open.
     */
    int runScript(PgConnection connection, BufferedReader script, String name, Map<String, String> vars, InputStream stdinStream) {
        stdin = stdinStream;
        variables.putAll(vars);
        defaultVariables();
        conn = connection;
        conn.setNoticeHandler(n -> {
            qout.flush();
            out.flush();
            err.print(locus() + n.format(false));
            err.flush();
        });
        setConnectionVariables();
        try {
            return processInput(script, name);
        } catch (ConnectionLost e) {
            return EXIT_BADCONN;
        } finally {
            if (qout != out) qout.close();
            out.flush();
            err.flush();
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

    private boolean singleTransaction;

    private void setConnectionVariables() {
        variables.put("DBNAME", conn.dbname());
        variables.put("USER", conn.user());
        variables.put("HOST", conn.host());
        variables.put("PORT", Integer.toString(conn.port()));
        String enc = conn.parameterStatus("client_encoding");
        if (enc != null) variables.put("ENCODING", enc);
        String sv = conn.parameterStatus("server_version");
        if (sv != null) variables.put("SERVER_VERSION_NAME", sv);
        variables.put("SERVER_VERSION_NUM", Integer.toString(conn.serverVersion()));
    }

    /** PSQLRC, else ~/.tuskrc, or ~/.psqlrc when there is no .tuskrc; -X skips them. */
    private void runStartupFile() {
        String rc = env.apply("PSQLRC");
        if (rc != null && !rc.isEmpty()) {
            if (rc.equals("~") || rc.startsWith("~/")) rc = System.getProperty("user.home") + rc.substring(1);
            if (Files.isReadable(Path.of(rc))) includeFile(rc);
            return;
        }
        String home = System.getProperty("user.home");
        for (String name : new String[] {".tuskrc", ".psqlrc"}) {
            Path p = Path.of(home, name);
            if (Files.isReadable(p)) {
                includeFile(p.toString());
                return;
            }
        }
    }

    private int runActions(List<MonitorOptions.Action> actions) {
        if (singleTransaction) silent("BEGIN");
        int rc = runActions0(actions);
        if (singleTransaction && !conn.isClosed()) silent(rc == EXIT_SUCCESS ? "COMMIT" : "ROLLBACK");
        return rc;
    }

    private void silent(String sql) {
        try {
            conn.query(sql);
        } catch (PgError e) {
            err.print(e.libpqMessage());
        }
    }

    private int runActions0(List<MonitorOptions.Action> actions) {
        int rc = EXIT_SUCCESS;
        for (MonitorOptions.Action a : actions) {
            if (a.isFile()) {
                rc = processFile(a.value());
            } else if (a.value().startsWith("\\")) {
                inputName = null;
                rc = EXIT_SUCCESS;
                for (QueryScanner.Event ev : newScanner().feedLine(a.value())) {
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
        InlineCopyData.Lines savedInput = currentInput;
        currentInput = () -> {
            String l = reader.readLine();
            if (l != null) lineno++;
            return l;
        };
        // \ir names files relative to the file being read (the working directory for stdin)
        String savedDir = currentFileDir;
        if (name != null && !name.equals("<stdin>")) {
            Path parent = Path.of(name).toAbsolutePath().getParent();
            currentFileDir = parent == null ? null : parent.toString();
        }
        try {
            return processInput0(reader, name);
        } finally {
            currentInput = savedInput;
            currentFileDir = savedDir;
        }
    }

    /**
     * Where COPY FROM STDIN data comes from: the lines of the script being read (psql's
     * cur_cmd_source), the terminal with PROMPT3 when interactive, else standard input.
     */
    private InlineCopyData.Lines currentInput;
    /** Set by the interactive terminal: reads one data line with PROMPT3. */
    InlineCopyData.Lines terminalLines;
    private BufferedReader stdinLines;

    InlineCopyData copyDataSource() {
        InlineCopyData.Lines lines = currentInput;
        if (lines == null && terminalLines != null) {
            if (!quiet()) {
                out.println("Enter data to be copied followed by a newline.");
                out.println("End with a backslash and a period on a line by itself, or an EOF signal.");
                out.flush();
            }
            lines = terminalLines;
        }
        if (lines == null) {
            if (stdinLines == null) stdinLines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            lines = stdinLines::readLine;
        }
        return new InlineCopyData(lines);
    }

    private static final java.util.regex.Pattern COPY_FROM_STDIN =
            java.util.regex.Pattern.compile("(?is)\\s*copy\\b.*\\bfrom\\s+stdin\\b.*");

    private int processInput0(BufferedReader reader, String name) {
        inputName = name;
        lineno = 0;
        scanner.reset();
        int depth = conds.size();
        try {
            String line;
            while (!quit && (line = reader.readLine()) != null) {
                lineno++;
                if (isEcho("all")) {
                    out.println(line);
                    out.flush();
                }
                if (!processLine(line)) return EXIT_USER;
            }
            if (conds.size() > depth) {
                metaError("reached EOF without finding closing \\endif(s)");
                while (conds.size() > depth) {
                    conds.pop();
                    condInElse.pop();
                }
                if (onErrorStop()) return EXIT_USER;
            }
        } catch (IOException e) {
            err.println(PROGNAME + ": error: could not read from input file: " + e.getMessage());
            return EXIT_FAILURE;
        }
        // psql sends what is left in the buffer at the end of a script
        if (scanner.hasPending() && active()) {
            String sql = scanner.pending();
            scanner.reset();
            if (!sendQuery(sql, false) && onErrorStop()) return EXIT_USER;
        }
        return EXIT_SUCCESS;
    }

    /** \i and \ir: runs a file in the middle of the current input, then carries on. */
    private boolean includeFile(String name) {
        Path path = Path.of(name);
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            metaError(name + ": No such file or directory");
            return false;
        }
        String savedName = inputName;
        long savedLine = lineno;
        QueryScanner savedScanner = scanner;
        String savedDir = currentFileDir;
        scanner = newScanner();
        Path parent = path.toAbsolutePath().getParent();
        currentFileDir = parent == null ? null : parent.toString();
        try (reader) {
            int rc = processInput(reader, name);
            if (rc == EXIT_USER) {
                stopScript = true;
                return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            inputName = savedName;
            lineno = savedLine;
            scanner = savedScanner;
            currentFileDir = savedDir;
        }
    }

    private boolean stopScript;

    /** Feeds one input line; false when ON_ERROR_STOP ends the script. */
    boolean processLine(String line) {
        for (QueryScanner.Event ev : scanner.feedLine(line)) {
            boolean ok;
            if (ev instanceof QueryScanner.Statement s) {
                ok = !active() || sendQuery(s.sql(), false);
            } else {
                QueryScanner.MetaCommand m = (QueryScanner.MetaCommand) ev;
                ok = metaCommand(m.name(), m.args());
            }
            if (stopScript && !interactive) return false;
            if (!ok && onErrorStop() && !interactive) return false;
            if (quit) return true;
        }
        if (!active()) scanner.resetBuffer();
        if (editedText != null) {
            // \e: the edited text comes back as if typed; a complete statement in it runs now
            String text = editedText;
            editedText = null;
            for (String l : text.split("\n", -1)) {
                if (!processLine(l)) return false;
            }
        }
        return true;
    }

    /** What \e left for processLine to feed once the current line is done. */
    private String editedText;

    /** The environment (PAGER, EDITOR, ...); tests replace it. */
    java.util.function.Function<String, String> env = System::getenv;

    /**
     * \e [FILE] [LINE]: opens the query buffer (or the last query when it is empty) or FILE
     * in PSQL_EDITOR, EDITOR or VISUAL (vi by default) and takes the result back as input.
     */
    private boolean edit(String file, String line) {
        if (line == null && file != null && file.chars().allMatch(Character::isDigit)) {
            line = file;
            file = null;
        }
        if (line != null && !line.chars().allMatch(Character::isDigit)) {
            metaError("\\e: invalid line number: " + line);
            return false;
        }
        Path path;
        boolean temporary = file == null;
        try {
            if (temporary) {
                path = Files.createTempFile("psql.edit.", ".sql");
                String text = scanner.hasPending() ? scanner.pending() : lastQuery != null ? lastQuery : "";
                Files.writeString(path, text.isEmpty() || text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
            } else {
                path = Path.of(file);
            }
        } catch (IOException e) {
            metaError("could not open temporary file: " + e.getMessage());
            return false;
        }
        try {
            if (!runEditor(path, line)) return false;
            String text = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
            if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
            scanner.reset();
            editedText = text;
            return true;
        } catch (IOException e) {
            metaError("could not read \"" + path + "\": " + e.getMessage());
            return false;
        } finally {
            if (temporary) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    /** What \\ef and \\ev open when no object is named (psql's templates). */
    private static final String FUNCTION_TEMPLATE = "CREATE FUNCTION ( )\n RETURNS \n LANGUAGE \n"
            + " -- common options:  IMMUTABLE  STABLE  STRICT  SECURITY DEFINER\nAS $function$\n\n$function$\n";
    private static final String VIEW_TEMPLATE = "CREATE VIEW  AS\n SELECT \n  -- something...\n";

    /**
     * \\ef [FUNCTION [LINE]] and \\ev [VIEW [LINE]]: the definition (pg_get_functiondef, or
     * CREATE OR REPLACE VIEW built around pg_get_viewdef) in the editor; an edited text comes
     * back as input like \\e's (a statement ending in ; runs at once), an untouched one
     * prints "No changes". LINE counts from the function body's first line.
     */
    private boolean editObject(boolean isFunction, String argText) {
        String cmd = isFunction ? "\\ef" : "\\ev";
        String desc = argText == null ? "" : argText.trim();
        int line = -1;
        // strip_lineno_from_objdesc: trailing digits after a space or ")" are a line number
        int c = desc.length() - 1;
        while (c > 0 && Character.isDigit(desc.charAt(c))) c--;
        if (c > 0 && c < desc.length() - 1 && (Character.isWhitespace(desc.charAt(c)) || desc.charAt(c) == ')')) {
            String digits = desc.substring(c + 1);
            try {
                line = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                line = 0;
            }
            if (line < 1) {
                metaError("invalid line number: " + digits);
                return false;
            }
            desc = desc.substring(0, c + 1).trim();
        }
        String text;
        if (desc.isEmpty()) {
            text = isFunction ? FUNCTION_TEMPLATE : VIEW_TEMPLATE;
        } else {
            if (conn == null) {
                metaError("no connection to the server");
                return false;
            }
            String literal = "'" + desc.replace("'", "''") + "'";
            try {
                long oid;
                if (isFunction) {
                    String type = desc.indexOf('(') >= 0 ? "regprocedure" : "regproc";
                    oid = conn.query("SELECT " + literal + "::pg_catalog." + type + "::pg_catalog.oid").getLong(0, 0);
                    text = conn.query("SELECT pg_catalog.pg_get_functiondef(" + oid + ")").getString(0, 0);
                    if (line > 0) line += linesBeforeFunctionBody(text);
                } else {
                    oid = conn.query("SELECT " + literal + "::pg_catalog.regclass::pg_catalog.oid").getLong(0, 0);
                    text = viewDefinition(oid);
                    if (text == null) return false;
                }
            } catch (PgError e) {
                metaError((e.severity() == null ? "ERROR" : e.severity()) + ":  " + e.getMessage());
                return false;
            }
            if (!text.endsWith("\n")) text += "\n";
        }
        Path path;
        try {
            path = Files.createTempFile("psql.edit.", ".sql");
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            metaError("could not open temporary file: " + e.getMessage());
            return false;
        }
        try {
            java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(path);
            if (!runEditor(path, line > 0 ? Integer.toString(line) : null)) return false;
            String edited = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
            if (edited.equals(text) && Files.exists(path) && Files.getLastModifiedTime(path).equals(before)) {
                out.println("No changes");
                return true;
            }
            if (edited.endsWith("\n")) edited = edited.substring(0, edited.length() - 1);
            scanner.reset();
            editedText = edited;
            return true;
        } catch (IOException e) {
            metaError(cmd + ": " + e.getMessage());
            return false;
        } finally {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }

    /** Lines of pg_get_functiondef's text before the body (a line starting "AS ", "BEGIN " or "RETURN "). */
    static int linesBeforeFunctionBody(String def) {
        int n = 0;
        for (String l : def.split("\n", -1)) {
            if (l.startsWith("AS ") || l.startsWith("BEGIN ") || l.startsWith("RETURN ")) return n;
            n++;
        }
        return n;
    }

    /** get_create_object_cmd for a view: CREATE OR REPLACE [MATERIALIZED] VIEW, options, query, check option. */
    private String viewDefinition(long oid) {
        PgResult r = conn.query("SELECT pg_catalog.quote_ident(n.nspname), pg_catalog.quote_ident(c.relname), c.relkind, "
                + "pg_catalog.pg_get_viewdef(c.oid, true), pg_catalog.array_to_string(c.reloptions, ','), "
                + "CASE WHEN 'check_option=local' = ANY (c.reloptions) THEN 'LOCAL'::text "
                + "WHEN 'check_option=cascaded' = ANY (c.reloptions) THEN 'CASCADED'::text ELSE NULL END AS checkoption "
                + "FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON c.relnamespace = n.oid WHERE c.oid = " + oid);
        if (r.rowCount() != 1) {
            metaError("\\ev: could not find the view");
            return null;
        }
        String nsp = r.getString(0, 0);
        String rel = r.getString(0, 1);
        String kind = r.getString(0, 2);
        boolean notAView = false;
        StringBuilder b = new StringBuilder();
        if ("m".equals(kind)) b.append("CREATE OR REPLACE MATERIALIZED VIEW ");
        else if ("v".equals(kind)) b.append("CREATE OR REPLACE VIEW ");
        else {
            // psql names the relation unquoted here
            PgResult names = conn.query("SELECT n.nspname, c.relname FROM pg_catalog.pg_class c "
                    + "JOIN pg_catalog.pg_namespace n ON c.relnamespace = n.oid WHERE c.oid = " + oid);
            metaError("\"" + names.getString(0, 0) + "." + names.getString(0, 1) + "\" is not a view");
            notAView = true;
        }
        b.append(nsp).append('.').append(rel);
        String options = r.getString(0, 4);
        if (options != null && !options.isEmpty()) {
            // appendReloptionsArray: every option (check_option too, which psql also repeats below)
            b.append("\n WITH (").append(String.join(", ", options.split(","))).append(')');
        }
        b.append(" AS\n").append(r.getString(0, 3) == null ? "" : r.getString(0, 3));
        if (b.charAt(b.length() - 1) == ';') b.setLength(b.length() - 1);
        String check = r.getString(0, 5);
        if (check != null && !check.isEmpty()) b.append("\n WITH ").append(check).append(" CHECK OPTION");
        if (notAView) {
            // psql has already written the rest of the command into the query buffer, where it stays
            scanner.reset();
            editedText = b.toString();
            return null;
        }
        return b.toString();
    }

    /** Runs the editor on {@code path} (at {@code line}, or null); false (reported) when it cannot start or fails. */
    private boolean runEditor(Path path, String line) {
        String editor = firstSet("PSQL_EDITOR", "EDITOR", "VISUAL");
        if (editor == null) editor = "vi";
        String lineArg = env.apply("PSQL_EDITOR_LINENUMBER_ARG");
        if (line != null && lineArg == null) {
            // psql 15 as built here has no default for it
            metaError("environment variable PSQL_EDITOR_LINENUMBER_ARG must be set to specify a line number");
            return false;
        }
        String command = editor + (line != null ? " " + lineArg + line : "") + " '" + path.toString().replace("'", "'\\''") + "'";
        try {
            if (terminalPause != null) terminalPause.run();
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).inheritIO();
            environmentChanges.forEach((k, v) -> {
                if (v == null) pb.environment().remove(k); else pb.environment().put(k, v);
            });
            int rc = pb.start().waitFor();
            if (rc != 0) {
                metaError("could not start editor \"" + editor + "\"");
                return false;
            }
            return true;
        } catch (IOException e) {
            metaError("could not start editor \"" + editor + "\"");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (terminalResume != null) terminalResume.run();
        }
    }

    /** \\setenv's changes (null value: unset), seen by env lookups and by the editor. */
    private final Map<String, String> environmentChanges = new java.util.HashMap<>();

    private void setenv(String name, String value) {
        if (environmentChanges.isEmpty()) {
            java.util.function.Function<String, String> base = env;
            env = n -> environmentChanges.containsKey(n) ? environmentChanges.get(n) : base.apply(n);
        }
        environmentChanges.put(name, value);
    }

    /** Set by the interactive terminal: hands the terminal to a child (editor, pager) and takes it back. */
    Runnable terminalPause;
    Runnable terminalResume;

    String firstSet(String... names) {
        for (String n : names) {
            String v = env.apply(n);
            if (v != null && !v.isEmpty()) return v;
        }
        return null;
    }

    private boolean isEcho(String v) {
        return v.equalsIgnoreCase(variables.getOrDefault("ECHO", "none"));
    }

    /** A meta-command's error, as psql's pg_log_error prints it. */
    private void metaError(String message) {
        err.println(inputName == null ? message : locus() + "error: " + message);
        err.flush();
    }

    boolean quitRequested() { return quit; }
    void requestQuit() { quit = true; }
    void resetBuffer() { scanner.reset(); }

    private final PromptFormatter prompts = new PromptFormatter();

    /** PROMPT1 at the start of a statement, PROMPT2 inside one, expanded as psql does. */
    String prompt() {
        boolean continuing = !atStatementStart();
        PromptFormatter.Context c = new PromptFormatter.Context();
        c.conn = conn;
        c.scanState = scanner.promptState();
        c.inactiveBranch = !active();
        c.statementLine = scanner.pendingLines() + 1;
        c.variables = variables::get;
        return continuing ? prompts.format(variables.get("PROMPT2"), 2, c) : prompts.format(variables.get("PROMPT1"), 1, c);
    }

    /** PROMPT3, shown while COPY data are typed. */
    String copyPrompt() {
        PromptFormatter.Context c = new PromptFormatter.Context();
        c.conn = conn;
        c.scanState = scanner.promptState();
        c.inactiveBranch = !active();
        c.statementLine = 1;
        c.variables = variables::get;
        return prompts.format(variables.get("PROMPT3"), 3, c);
    }

    /** True when the query buffer is empty (the next line starts a statement). */
    boolean atStatementStart() {
        return scanner.promptState() == '=';
    }

    private boolean onErrorStop() {
        return isTrue(variables.get("ON_ERROR_STOP"));
    }

    static boolean isTrue(String v) {
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
        return sendQuery(sql, expandedOnce, null, null);
    }

    /**
     * Sends a query and prints its results; toFile is \g's target ("|cmd" pipes),
     * gsetPrefix is \gset's prefix (results are stored in variables, not printed).
     */
    boolean sendQuery(String sql, boolean expandedOnce, String toFile, String gsetPrefix) {
        lastQuery = sql;
        if (isEcho("queries")) {
            out.println(sql);
            out.flush();
        }
        long start = System.nanoTime();
        boolean ok = true;
        PrintOptions.Expanded saved = print.expanded;
        if (expandedOnce) print.expanded = PrintOptions.Expanded.ON;
        PrintStream savedOut = qout;
        Process pipe = null;
        if (toFile != null) {
            try {
                if (toFile.startsWith("|")) {
                    pipe = new ProcessBuilder("sh", "-c", toFile.substring(1)).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                    qout = new PrintStream(pipe.getOutputStream(), false, StandardCharsets.UTF_8);
                } else {
                    qout = new PrintStream(new FileOutputStream(toFile), false, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                metaError(toFile + ": " + ioMessage(e));
                print.expanded = saved;
                return false;
            }
        }
        queryRunning = true;
        try {
            if (!isTrue(variables.get("AUTOCOMMIT")) && conn.transactionStatus() == 'I' && needsTransaction(sql)) {
                conn.query("BEGIN");
            }
            List<PgResult> results;
            if (gsetPrefix == null && toFile == null && COPY_FROM_STDIN.matcher(sql).matches()) {
                // the data are the lines that follow in the input, up to "\."
                InlineCopyData data = copyDataSource();
                try {
                    long rows = conn.copyIn(sql, data);
                    printStatus("COPY " + rows);
                    variables.put("ROW_COUNT", Long.toString(rows));
                } finally {
                    skipQuietly(data);
                }
                results = List.of();
            } else {
                results = conn.queryAll(sql);
            }
            if (gsetPrefix != null) {
                ok = gset(results, gsetPrefix);
            } else {
                for (PgResult r : results) printResult(r);
            }
            variables.put("ERROR", "false");
            variables.put("SQLSTATE", "00000");
            if (!results.isEmpty()) variables.put("ROW_COUNT", Long.toString(Math.max(0, results.get(results.size() - 1).affectedRows())));
        } catch (PgError e) {
            ok = false;
            lastError = e;
            variables.put("ERROR", "true");
            variables.put("LAST_ERROR_MESSAGE", e.getMessage() == null ? "" : e.getMessage());
            variables.put("LAST_ERROR_SQLSTATE", e.sqlState() == null ? "" : e.sqlState());
            if (e.sqlState() != null) variables.put("SQLSTATE", e.sqlState());
            if (gsetPrefix == null) for (PgResult r : e.precedingResults()) printResult(r);
            qout.flush();
            out.flush();
            err.print(locus() + e.libpqMessage());
            if (isEcho("errors")) err.println(locus() + "STATEMENT:  " + sql);
            err.flush();
            if (conn.isClosed()) connectionLost();
        } finally {
            queryRunning = false;
            print.expanded = saved;
            if (toFile != null) {
                qout.close();
                qout = savedOut;
                if (pipe != null) {
                    try {
                        pipe.waitFor();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        if (timing && ok) {
            out.println(timingText((System.nanoTime() - start) / 1e6));
        }
        qout.flush();
        out.flush();
        return ok;
    }

    private static void skipQuietly(InlineCopyData data) {
        try {
            data.skipRest();
        } catch (IOException e) {
            // the next read of the input reports it
        }
    }

    private static String ioMessage(IOException e) {
        String m = e.getMessage();
        if (m != null && m.contains("(No such file or directory)")) return "No such file or directory";
        if (m != null && m.contains("(Permission denied)")) return "Permission denied";
        return m;
    }

    /** AUTOCOMMIT off: psql opens a transaction before any statement but these. */
    private static boolean needsTransaction(String sql) {
        String s = sql.trim().toLowerCase(Locale.ROOT);
        for (String w : new String[] {"begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release",
                "prepare transaction", "commit prepared", "rollback prepared", "vacuum", "create database", "drop database",
                "create tablespace", "drop tablespace", "reindex database", "reindex system", "cluster", "discard all"}) {
            if (s.startsWith(w)) return false;
        }
        return !s.isEmpty() && !s.equals(";");
    }

    private boolean gset(List<PgResult> results, String prefix) {
        PgResult r = results.isEmpty() ? null : results.get(results.size() - 1);
        if (r == null || r.status() != ResultStatus.TUPLES_OK) {
            if (r != null) printResult(r);
            return true;
        }
        if (r.rowCount() == 0) {
            metaError("no rows returned for \\gset");
            return false;
        }
        if (r.rowCount() > 1) {
            metaError("more than one row returned for \\gset");
            return false;
        }
        for (int j = 0; j < r.columnCount(); j++) {
            String name = prefix + r.column(j).name();
            if (r.isNull(0, j)) variables.remove(name); else variables.put(name, r.getString(0, j));
        }
        return true;
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

    private PgResult lastResult;

    PgResult lastResult() { return lastResult; }

    private void printResult(PgResult r) {
        if (r.status() == ResultStatus.TUPLES_OK) {
            lastResult = r;
            printTable(PrintTable.of(r, print));
            String tag = r.commandTag();
            if (tag.startsWith("INSERT") || tag.startsWith("UPDATE") || tag.startsWith("DELETE")) printStatus(tag);
        } else if (r.status() == ResultStatus.COMMAND_OK) {
            printStatus(r.commandTag());
        } else if (r.status() == ResultStatus.COPY_OUT) {
            // psql writes the data but no "COPY n" status for COPY TO STDOUT
            qout.print(new String(r.copyData(), StandardCharsets.UTF_8));
        }
    }

    /** Prints a table to the query output, through the pager when it is taller than the terminal. */
    void printTable(PrintTable t) {
        PrintOptions options = print;
        if (qout != out && print.terminalColumns > 0) {
            // psql asks the terminal for its width only when printing to it (not to \o or \g files)
            options = print.copy();
            options.terminalColumns = 0;
        }
        String text = new ResultPrinter(options).print(t);
        if (qout == out && pager != null && pager.page(text)) return;
        qout.print(text);
    }

    /** Set by the interactive terminal. */
    Pager pager;

    interface Pager {
        /** True when the text went through a pager. */
        boolean page(String text);
    }

    private void printStatus(String tag) {
        if (!quiet()) qout.println(tag);
    }

    private boolean quiet() {
        return quiet || isTrue(variables.get("QUIET"));
    }

    private void info(String message) {
        if (!quiet()) out.println(message);
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of("q", "quit", "?", "conninfo", "timing", "x", "a", "t",
            "g", "gx", "gset", "r", "reset", "p", "print", "echo", "qecho", "warn", "set", "unset", "if", "elif", "else",
            "endif", "o", "out", "i", "include", "ir", "include_relative", "pset", "errverbose", "copy", "c", "connect",
            "watch", "d", "dt", "di", "dv", "ds", "dn", "df", "du", "dg", "dT", "l", "list", "dm", "h", "help", "f", "C",
            "H", "html", "plot", "e", "edit", "ef", "ev", "encoding", "cd", "setenv", "!");

    /** Runs a backslash command; false if it failed. */
    boolean metaCommand(String name, String argText) {
        switch (name) {
            case "if": case "elif": case "else": case "endif":
                return conditional(name, argText);
            default:
                break;
        }
        String base = name.endsWith("+") ? name.substring(0, name.length() - 1) : name;
        if (!active()) {
            if (KNOWN.contains(base) || Describe.handles(base)) return true;
            String message = "invalid command \\" + name;
            metaError(message);
            return false;
        }
        MetaArgs a = args(argText);
        if (Describe.handles(base)) {
            PrintTableSink sink = this::printTable;
            return new Describe(conn, print, sink, this::describeError).run(base, name.endsWith("+"), a.next(), a.next());
        }
        switch (name) {
            case "q": case "quit":
                quit = true;
                return true;
            case "?":
                out.print(HelpText.BACKSLASH);
                return true;
            case "h": case "help":
                out.print(HelpText.sqlHelp(a.wholeLine()));
                return true;
            case "conninfo":
                out.println(conninfo());
                return true;
            case "timing": {
                Boolean v = parseBool(a.next(), !timing, "\\timing");
                if (v == null) return false;
                timing = v;
                info(timing ? "Timing is on." : "Timing is off.");
                return true;
            }
            case "x": {
                String arg = a.next();
                return pset("expanded", arg, false);
            }
            case "a":
                return pset("format", print.format == PrintOptions.Format.ALIGNED ? "unaligned" : "aligned", false);
            case "H": case "html":
                return pset("format", print.format == PrintOptions.Format.HTML ? "aligned" : "html", false);
            case "t":
                return pset("tuples_only", a.next(), false);
            case "C":
                return pset("title", a.next(), false);
            case "f":
                return pset("fieldsep", a.next(), false);
            case "pset": {
                String opt = a.next();
                String val = a.next();
                if (opt == null) {
                    for (String o : PSET_NAMES) pset(o, null, true);
                    return true;
                }
                return pset(opt, val, false);
            }
            case "g": case "gx": case "gset": {
                String sql = scanner.hasPending() ? scanner.pending() : lastQuery;
                scanner.reset();
                String arg = a.next();
                if (sql == null) return true;
                if (name.equals("gset")) return sendQuery(sql, false, null, arg == null ? "" : arg);
                return sendQuery(sql, name.equals("gx"), arg, null);
            }
            case "watch":
                return watch(a.next());
            case "r": case "reset":
                scanner.reset();
                info("Query buffer reset (cleared).");
                return true;
            case "p": case "print":
                out.println(scanner.hasPending() ? scanner.pending() : lastQuery != null ? lastQuery : "Query buffer is empty.");
                return true;
            case "echo": case "qecho": case "warn": {
                List<String> words = a.rest();
                boolean newline = true;
                if (!words.isEmpty() && words.get(0).equals("-n")) {
                    newline = false;
                    words = words.subList(1, words.size());
                }
                PrintStream target = name.equals("echo") ? out : name.equals("qecho") ? qout : err;
                target.print(String.join(" ", words));
                if (newline) target.println();
                target.flush();
                return true;
            }
            case "set": {
                String var = a.next();
                if (var == null) {
                    variables.forEach((k, v) -> out.println(k + " = '" + v + "'"));
                    return true;
                }
                if (!QueryScanner.isVarName(var)) {
                    metaError("invalid variable name: \"" + var + "\"");
                    return false;
                }
                variables.put(var, String.join("", a.rest()));
                return true;
            }
            case "unset": {
                String var = a.next();
                if (var == null) {
                    metaError("\\unset: missing required argument");
                    return false;
                }
                variables.remove(var);
                return true;
            }
            case "o": case "out":
                return setOutput(a.wholeLine());
            case "i": case "include": case "ir": case "include_relative": {
                String f = a.next();
                if (f == null) {
                    metaError("\\" + name + ": missing required argument");
                    return false;
                }
                if ((name.equals("ir") || name.equals("include_relative")) && !Path.of(f).isAbsolute() && currentFileDir != null) {
                    f = Path.of(currentFileDir, f).toString();
                }
                return includeFile(f);
            }
            case "errverbose":
                if (lastError == null) out.println("There is no previous error.");
                else {
                    err.print((inputName == null ? "" : locus() + "error: ") + verbose(lastError));
                    err.flush();
                }
                return true;
            case "copy":
                return CopyCommand.run(this, conn, a.wholeLine());
            case "c": case "connect":
                return reconnect(a.rest());
            case "e": case "edit":
                return edit(a.next(), a.next());
            case "ef": case "ev":
                return editObject(name.equals("ef"), argText);
            case "setenv": {
                String var = a.next();
                String value = a.next();
                if (var == null) {
                    metaError("\\setenv: missing required argument");
                    return false;
                }
                if (var.indexOf('=') >= 0) {
                    metaError("environment variable name must not contain \"=\"");
                    return false;
                }
                setenv(var, value);
                return true;
            }
            case "plot":
                return Plot.draw(lastResult, out, print.terminalColumns > 0 ? print.terminalColumns : 80, err);
            default:
                String message = "invalid command \\" + name;
                metaError(message);
                if (interactive) err.println("Try \\? for help.");
                err.flush();
                return false;
        }
    }

    interface PrintTableSink {
        void print(PrintTable t);
    }

    private void describeError(String message) {
        metaError(message);
    }

    /** Error as \errverbose shows it: VERBOSITY verbose, with the SQLSTATE and the LOCATION. */
    static String verbose(PgError e) {
        org.tusk.libpq.PgDiagnostic d = e.diagnostic();
        String normal = d.format(true);
        String first = normal.substring(0, normal.indexOf('\n') + 1);
        StringBuilder sb = new StringBuilder();
        sb.append(d.severity()).append(":  ");
        if (d.sqlState() != null) sb.append(d.sqlState()).append(": ");
        sb.append(first.substring(d.severity().length() + 3));
        sb.append(normal.substring(first.length()));
        String file = d.field('F');
        String line = d.field('L');
        String func = d.field('R');
        if (file != null || func != null) {
            sb.append("LOCATION:  ");
            if (func != null) sb.append(func).append(", ");
            sb.append(file).append(':').append(line).append('\n');
        }
        return sb.toString();
    }

    private boolean setOutput(String target) {
        if (qout != out) {
            qout.close();
        }
        qout = out;
        qoutName = null;
        if (target.isEmpty()) return true;
        try {
            if (target.startsWith("|")) {
                Process p = new ProcessBuilder("sh", "-c", target.substring(1)).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                qout = new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8);
            } else {
                qout = new PrintStream(new FileOutputStream(new File(target)), true, StandardCharsets.UTF_8);
            }
            qoutName = target;
            return true;
        } catch (IOException e) {
            metaError(target + ": " + ioMessage(e));
            return false;
        }
    }

    private boolean reconnect(List<String> words) {
        ConnInfo info = conn.connInfo();
        String db = words.size() > 0 && !words.get(0).equals("-") ? words.get(0) : null;
        if (db != null && ConnInfo.looksLikeConnString(db)) {
            info = ConnInfo.parse(db);
        } else {
            if (db != null) info = info.with("dbname", db);
            if (words.size() > 1 && !words.get(1).equals("-")) info = info.with("user", words.get(1));
            if (words.size() > 2 && !words.get(2).equals("-")) info = info.with("host", words.get(2));
            if (words.size() > 3 && !words.get(3).equals("-")) info = info.with("port", words.get(3));
        }
        PgConnection fresh;
        try {
            fresh = PgConnection.connect(info);
        } catch (PgError e) {
            err.print(locus() + e.libpqMessage());
            if (!interactive) err.println(locus().isEmpty() ? "Previous connection kept" : locus() + "Previous connection kept");
            else err.println("Previous connection kept");
            err.flush();
            return false;
        }
        PgConnection old = conn;
        conn = fresh;
        conn.setNoticeHandler(old == null ? null : n -> {
            err.print(locus() + n.format(false));
            err.flush();
        });
        old.close();
        setConnectionVariables();
        String host = conn.host();
        if (conn.isUnixSocket()) {
            info("You are now connected to database \"" + conn.dbname() + "\" as user \"" + conn.user() + "\".");
        } else {
            info("You are now connected to database \"" + conn.dbname() + "\" as user \"" + conn.user() + "\" on host \""
                    + host + "\" at port \"" + conn.port() + "\".");
        }
        return true;
    }

    private volatile boolean watchCancelled;

    /** \watch [SECONDS]: repeats the last query until Ctrl-C or an error; tusk.watch.max bounds it (tests). */
    private boolean watch(String interval) {
        String sql = scanner.hasPending() ? scanner.pending() : lastQuery;
        scanner.reset();
        if (sql == null) {
            metaError("\\watch cannot be used with an empty query");
            return false;
        }
        double seconds = 2;
        if (interval != null) {
            try {
                seconds = Double.parseDouble(interval);
            } catch (NumberFormatException e) {
                seconds = 2;
            }
        }
        int max = Integer.getInteger("tusk.watch.max", Integer.MAX_VALUE);
        watchCancelled = false;
        String savedTitle = print.title;
        try {
            for (int i = 0; i < max && !watchCancelled; i++) {
                String now = java.time.ZonedDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT));
                String head = savedTitle != null ? savedTitle : "";
                print.title = head + (head.isEmpty() ? "" : "  ") + now + " (every " + formatSeconds(seconds) + "s)\n";
                if (!sendQuery(sql, false)) return false;
                if (i + 1 < max) Thread.sleep((long) (seconds * 1000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            print.title = savedTitle;
        }
        return true;
    }

    private static String formatSeconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    private boolean conditional(String name, String argText) {
        MetaArgs a = args(argText);
        switch (name) {
            case "if": {
                if (!active()) {
                    conds.push(Cond.IGNORED);
                    condInElse.push(false);
                    return true;
                }
                Boolean v = parseBool(a.next(), false, "\\if expression", true);
                conds.push(Boolean.TRUE.equals(v) ? Cond.TRUE : Cond.FALSE);
                condInElse.push(false);
                return v != null;
            }
            case "elif": {
                if (conds.isEmpty()) {
                    metaError("\\elif: no matching \\if");
                    return false;
                }
                if (condInElse.peek()) {
                    metaError("\\elif: cannot occur after \\else");
                    return false;
                }
                Cond c = conds.peek();
                if (c == Cond.TRUE) {
                    conds.pop();
                    conds.push(Cond.DONE);
                } else if (c == Cond.FALSE) {
                    Boolean v = parseBool(a.next(), false, "\\elif expression", true);
                    conds.pop();
                    conds.push(Boolean.TRUE.equals(v) ? Cond.TRUE : Cond.FALSE);
                    return v != null;
                }
                return true;
            }
            case "else": {
                if (conds.isEmpty()) {
                    metaError("\\else: no matching \\if");
                    return false;
                }
                if (condInElse.peek()) {
                    metaError("\\else: cannot occur after \\else");
                    return false;
                }
                Cond c = conds.pop();
                conds.push(c == Cond.TRUE ? Cond.DONE : c == Cond.FALSE ? Cond.TRUE : c);
                condInElse.pop();
                condInElse.push(true);
                return true;
            }
            default: {
                if (conds.isEmpty()) {
                    metaError("\\endif: no matching \\if");
                    return false;
                }
                conds.pop();
                condInElse.pop();
                return true;
            }
        }
    }

    private static final String[] PSET_NAMES = {"border", "columns", "csv_fieldsep", "expanded", "fieldsep", "fieldsep_zero",
        "footer", "format", "linestyle", "null", "numericlocale", "pager", "pager_min_lines", "recordsep", "recordsep_zero",
        "tableattr", "title", "tuples_only", "unicode_border_linestyle", "unicode_column_linestyle", "unicode_header_linestyle"};

    /** \pset NAME [VALUE] (and the shortcuts \x, \a, \t, \C, \f, \H); show lists the value as \pset without arguments does. */
    private boolean pset(String opt, String val, boolean show) {
        String format = null;
        switch (opt) {
            case "format": {
                if (!show && val != null) {
                    PrintOptions.Format f = null;
                    for (PrintOptions.Format c : PrintOptions.Format.values()) {
                        if (c.psqlName().startsWith(val.toLowerCase(Locale.ROOT)) && !val.isEmpty()) {
                            if (f != null) {
                                metaError("\\pset: ambiguous abbreviation \"" + val + "\" matches both \"" + f.psqlName()
                                        + "\" and \"" + c.psqlName() + "\"");
                                return false;
                            }
                            f = c;
                        }
                    }
                    if (f == null) {
                        metaError("\\pset: allowed formats are aligned, asciidoc, csv, html, latex, latex-longtable, troff-ms, unaligned, wrapped");
                        return false;
                    }
                    print.format = f;
                }
                format = show ? pad("format") + print.format.psqlName() : "Output format is " + print.format.psqlName() + ".";
                break;
            }
            case "border":
                if (!show && val != null) {
                    try {
                        print.border = Math.max(0, Math.min(Integer.parseInt(val.trim()), 65535));
                    } catch (NumberFormatException e) {
                        print.border = 0;
                    }
                }
                format = show ? pad("border") + print.border : "Border style is " + print.border + ".";
                break;
            case "expanded": case "x":
                if (!show) {
                    if (val != null && val.equalsIgnoreCase("auto")) {
                        print.expanded = PrintOptions.Expanded.AUTO;
                    } else {
                        Boolean v = parseBool(val, print.expanded != PrintOptions.Expanded.ON, "expanded");
                        if (v == null) return false;
                        print.expanded = v ? PrintOptions.Expanded.ON : PrintOptions.Expanded.OFF;
                    }
                }
                String e = print.expanded == PrintOptions.Expanded.ON ? "on" : print.expanded == PrintOptions.Expanded.AUTO ? "auto" : "off";
                format = show ? pad("expanded") + e : print.expanded == PrintOptions.Expanded.ON ? "Expanded display is on."
                        : print.expanded == PrintOptions.Expanded.AUTO ? "Expanded display is used automatically."
                        : "Expanded display is off.";
                break;
            case "null":
                if (!show && val != null) print.nullDisplay = val;
                format = show ? pad("null") + "'" + print.nullDisplay + "'" : "Null display is \"" + print.nullDisplay + "\".";
                break;
            case "footer": {
                if (!show) {
                    Boolean v = parseBool(val, !print.footer, "footer");
                    if (v == null) return false;
                    print.footer = v;
                }
                format = show ? pad("footer") + (print.footer ? "on" : "off") : print.footer ? "Default footer is on." : "Default footer is off.";
                break;
            }
            case "tuples_only": case "t": {
                if (!show) {
                    Boolean v = parseBool(val, !print.tuplesOnly, "tuples_only");
                    if (v == null) return false;
                    print.tuplesOnly = v;
                }
                format = show ? pad("tuples_only") + (print.tuplesOnly ? "on" : "off") : print.tuplesOnly ? "Tuples only is on." : "Tuples only is off.";
                break;
            }
            case "fieldsep":
                if (!show && val != null) {
                    print.fieldSeparator = val;
                    print.fieldSeparatorZero = false;
                }
                format = show ? pad("fieldsep") + (print.fieldSeparatorZero ? "ZERO" : "'" + print.fieldSeparator + "'")
                        : "Field separator is \"" + print.fieldSeparator + "\".";
                break;
            case "fieldsep_zero":
                if (!show) print.fieldSeparatorZero = true;
                format = show ? pad("fieldsep_zero") + (print.fieldSeparatorZero ? "on" : "off") : "Field separator is zero byte.";
                break;
            case "recordsep":
                if (!show && val != null) {
                    print.recordSeparator = val;
                    print.recordSeparatorZero = false;
                }
                format = show ? pad("recordsep") + (print.recordSeparatorZero ? "ZERO" : print.recordSeparator.equals("\n") ? "'\\n'" : "'" + print.recordSeparator + "'")
                        : print.recordSeparator.equals("\n") ? "Record separator is <newline>." : "Record separator is \"" + print.recordSeparator + "\".";
                break;
            case "recordsep_zero":
                if (!show) print.recordSeparatorZero = true;
                format = show ? pad("recordsep_zero") + (print.recordSeparatorZero ? "on" : "off") : "Record separator is zero byte.";
                break;
            case "csv_fieldsep":
                if (!show && val != null) {
                    if (val.length() != 1 || val.equals("\"") || val.equals("\n") || val.equals("\r")) {
                        metaError("\\pset: csv_fieldsep must be a single one-byte character");
                        return false;
                    }
                    print.csvFieldSeparator = val;
                }
                format = show ? pad("csv_fieldsep") + "'" + print.csvFieldSeparator + "'" : "Field separator for CSV is \"" + print.csvFieldSeparator + "\".";
                break;
            case "title":
                if (!show) print.title = val;
                format = show ? pad("title") + (print.title == null ? "" : "'" + print.title + "'")
                        : print.title == null ? "Title is unset." : "Title is \"" + print.title + "\".";
                break;
            case "pager":
                if (!show) {
                    if (val != null && val.equalsIgnoreCase("always")) {
                        print.pager = 2;
                    } else {
                        Boolean v = parseBool(val, print.pager == 0, "pager");
                        if (v == null) return false;
                        print.pager = v ? 1 : 0;
                    }
                }
                format = show ? pad("pager") + print.pager : print.pager == 2 ? "Pager is always used." : print.pager == 1
                        ? "Pager is used for long output." : "Pager usage is off.";
                break;
            case "columns":
                if (!show && val != null) print.columns = Integer.parseInt(val.trim());
                format = show ? pad("columns") + print.columns : print.columns == 0 ? "Target width is unset." : "Target width is " + print.columns + ".";
                break;
            case "linestyle":
                if (!show && val != null) {
                    // pg_strncasecmp(name, value, strlen(value)): any prefix, ascii tried first
                    String v = val.toLowerCase(Locale.ROOT);
                    if (!v.isEmpty() && "ascii".startsWith(v)) print.lineStyle = LineStyle.Kind.ASCII;
                    else if (!v.isEmpty() && "old-ascii".startsWith(v)) print.lineStyle = LineStyle.Kind.OLD_ASCII;
                    else if (!v.isEmpty() && "unicode".startsWith(v)) print.lineStyle = LineStyle.Kind.UNICODE;
                    else {
                        metaError("\\pset: allowed line styles are ascii, old-ascii, unicode");
                        return false;
                    }
                }
                format = show ? pad("linestyle") + lineStyleName() : "Line style is " + lineStyleName() + ".";
                break;
            case "numericlocale":
                format = show ? pad("numericlocale") + "off" : "Locale-adjusted numeric output is off.";
                break;
            case "pager_min_lines":
                if (val != null) {
                    try {
                        print.pagerMinLines = Math.max(0, Integer.parseInt(val.trim()));
                    } catch (NumberFormatException bad) {
                        print.pagerMinLines = 0;
                    }
                }
                format = show ? pad("pager_min_lines") + print.pagerMinLines
                        : "Pager won't be used for less than " + print.pagerMinLines + (print.pagerMinLines == 1 ? " line." : " lines.");
                break;
            case "tableattr":
                format = show ? pad("tableattr") : "Table attributes unset.";
                break;
            case "unicode_border_linestyle":
            case "unicode_column_linestyle":
            case "unicode_header_linestyle": {
                String part = opt.substring("unicode_".length(), opt.length() - "_linestyle".length());
                if (!show && val != null) {
                    String v = val.toLowerCase(Locale.ROOT);
                    LineStyle.Unicode u = !v.isEmpty() && "single".startsWith(v) ? LineStyle.Unicode.SINGLE
                            : !v.isEmpty() && "double".startsWith(v) ? LineStyle.Unicode.DOUBLE : null;
                    if (u == null) {
                        metaError("\\pset: allowed Unicode " + part + " line styles are single, double");
                        return false;
                    }
                    switch (part) {
                        case "border" -> print.unicodeBorder = u;
                        case "column" -> print.unicodeColumn = u;
                        default -> print.unicodeHeader = u;
                    }
                }
                LineStyle.Unicode now = part.equals("border") ? print.unicodeBorder
                        : part.equals("column") ? print.unicodeColumn : print.unicodeHeader;
                String name = now.name().toLowerCase(Locale.ROOT);
                format = show ? pad(opt) + name : "Unicode " + part + " line style is \"" + name + "\".";
                break;
            }
            default:
                metaError("\\pset: unknown option: " + opt);
                return false;
        }
        if (show) out.println(format);
        // psql 15 says nothing when footer or tuples_only gets an explicit value
        else if (val == null || !(opt.equals("footer") || opt.equals("tuples_only") || opt.equals("t"))) info(format);
        return true;
    }

    private String lineStyleName() {
        return switch (print.lineStyle) {
            case ASCII -> "ascii";
            case OLD_ASCII -> "old-ascii";
            case UNICODE -> "unicode";
        };
    }

    private static String pad(String name) {
        return String.format("%-24s ", name);
    }
    private Boolean parseBool(String arg, boolean toggled, String what) {
        return parseBool(arg, toggled, what, false);
    }

    private Boolean parseBool(String arg, boolean toggled, String what, boolean required) {
        if (arg == null || arg.isEmpty()) {
            if (required) {
                metaError(what.startsWith("\\") ? what.substring(0, what.indexOf(' ')) + ": missing required argument" : what);
                return null;
            }
            return toggled;
        }
        String s = arg.trim().toLowerCase(Locale.ROOT);
        if (("true".startsWith(s) || "yes".startsWith(s) || (s.length() > 1 && "on".startsWith(s)) || s.equals("1"))) return true;
        if (("false".startsWith(s) || "no".startsWith(s) || (s.length() > 1 && "off".startsWith(s)) || s.equals("0"))) return false;
        metaError("unrecognized value \"" + arg + "\" for \"" + what + "\": Boolean expected");
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

    void metaErrorPublic(String m) { metaError(m); }

    InputStream stdinStream() { return stdin; }

    PrintStream queryOutput() { return qout; }

    void statusLine(String s) { printStatus(s); }

    Map<String, String> variables() { return variables; }

    void queryError(PgError e) {
        lastError = e;
        err.print(locus() + e.libpqMessage());
        err.flush();
    }
    PrintOptions printOptions() { return print; }
    String variable(String name) { return variables.get(name); }
    boolean queryRunning() { return queryRunning; }
    /** The query buffer (earlier lines of the statement being typed), "" when empty. */
    String queryBuffer() { return scanner.pending(); }
    char scanState() { return scanner.promptState(); }

    /** A terminal for the interactive loop instead of the system's (tests); null = the system terminal. */
    org.jline.terminal.Terminal givenTerminal;
    /** Where the line editor keeps its history. */
    Path historyFile = Path.of(System.getProperty("user.home"), ".tusk_history");
    PrintStream out() { return out; }
}
