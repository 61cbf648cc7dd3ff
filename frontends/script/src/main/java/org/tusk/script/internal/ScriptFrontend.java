package org.tusk.script.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.frontend.Frontend;
import org.tusk.libpq.ConnInfo;
import org.tusk.libpq.PgConnection;
import org.tusk.libpq.PgError;
import org.tusk.monitor.SqlScript;
import org.tusk.script.Db;

/**
 * {@code ./tusk script [OPTIONS] FILE [ARGS...]}: runs a Groovy script (JSR 223) with
 * {@code db}, {@code args}, {@code out}, {@code err} and {@code exit(status)} bound, or a
 * plain .sql file like {@code psql -f}. Exit status: 0 ok, 1 script error (or bad usage),
 * n for {@code exit(n)}, 2 when the connection fails, 3 when ON_ERROR_STOP stops a .sql file.
 */
@Component(service = Frontend.class, property = "tusk.frontend=script")
public final class ScriptFrontend implements Frontend {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptFrontend.class);
    static final String PROGNAME = "tusk script";

    private final Map<String, String> env;

    public ScriptFrontend() {
        this(System.getenv());
    }

    /** With an explicit environment (PG* variables), for tests. */
    ScriptFrontend(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String description() {
        return "run a Groovy (.groovy) or SQL (.sql) script with arguments: script [-h -p -U -d] FILE [ARGS]";
    }

    @Override
    public int run(String[] args, InputStream in, PrintStream outStream, PrintStream errStream) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(outStream, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(errStream, StandardCharsets.UTF_8), true);
        try {
            return run(args, in, out, err, outStream, errStream);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(String[] argv, InputStream in, PrintWriter out, PrintWriter err, PrintStream outStream, PrintStream errStream) {
        Options o;
        try {
            o = Options.parse(argv);
        } catch (IllegalArgumentException e) {
            err.println(PROGNAME + ": " + e.getMessage());
            err.println("Try \"" + PROGNAME + " --help\" for more information.");
            return 1;
        }
        if (o.help) {
            out.print(usage());
            return 0;
        }
        if (o.file == null) {
            err.println(PROGNAME + ": no script file given");
            err.println("Try \"" + PROGNAME + " --help\" for more information.");
            return 1;
        }
        String source;
        File scriptFile = null;
        String name = o.file;
        try {
            if (o.file.equals("-")) {
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                name = "<stdin>";
            } else {
                scriptFile = new File(o.file).getAbsoluteFile();
                source = Files.readString(Path.of(o.file), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            err.println(PROGNAME + ": error: could not read file \"" + o.file + "\": " + e.getMessage());
            return 1;
        }
        String language = o.language != null ? o.language
                : o.file.toLowerCase(Locale.ROOT).endsWith(".sql") ? "sql" : "groovy";
        ConnInfo base;
        try {
            base = connInfo(o);
        } catch (PgError e) {
            err.print(PROGNAME + ": error: " + e.libpqMessage());
            return 2;
        }
        List<Db> opened = new ArrayList<>();
        try {
            switch (language) {
                case "sql": {
                    PgConnection c;
                    try {
                        c = connect(base);
                    } catch (ConnectionFailed e) {
                        err.print(PROGNAME + ": error: " + e.getMessage());
                        return 2;
                    }
                    try {
                        Map<String, String> vars = new LinkedHashMap<>(o.variables);
                        for (int i = 0; i < o.scriptArgs.size(); i++) vars.put(Integer.toString(i + 1), o.scriptArgs.get(i));
                        vars.put("ARGC", Integer.toString(o.scriptArgs.size()));
                        if (o.quiet) vars.put("QUIET", "on");
                        // the monitor's runner: psql -f's meta-commands, printer and messages
                        out.flush();
                        err.flush();
                        return SqlScript.run(c, new StringReader(source), name, vars, outStream, errStream, in);
                    } finally {
                        c.close();
                    }
                }
                case "groovy": {
                    Db db = newDb(base, opened, err);
                    return new GroovyRunner(out, err, o.trace).run(name, source, scriptFile,
                            o.scriptArgs.toArray(new String[0]), db, in);
                }
                default:
                    err.println(PROGNAME + ": unknown language \"" + language + "\" (groovy or sql)");
                    return 1;
            }
        } finally {
            for (Db d : opened) {
                try {
                    d.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing a script connection", e);
                }
            }
        }
    }

    private Db newDb(ConnInfo info, List<Db> opened, PrintWriter err) {
        Db db = new Db(() -> {
            PgConnection c = connect(info);
            c.setNoticeHandler(n -> {
                err.print(n.format(false));
                err.flush();
            });
            return c;
        }, more -> newDb(ConnInfo.parse(more).orElse(info), opened, err));
        opened.add(db);
        return db;
    }

    private PgConnection connect(ConnInfo info) {
        try {
            return PgConnection.connect(info);
        } catch (PgError e) {
            throw new ConnectionFailed(e);
        }
    }

    /** -d (a name or a conninfo string/URI), then -h -p -U over it, then PG* variables and libpq's defaults. */
    ConnInfo connInfo(Options o) {
        ConnInfo info = o.dbname != null && ConnInfo.looksLikeConnString(o.dbname) ? ConnInfo.parse(o.dbname)
                : ConnInfo.parse("").with("dbname", o.dbname);
        if (o.host != null) info = info.with("host", o.host);
        if (o.port != null) info = info.with("port", o.port);
        if (o.user != null) info = info.with("user", o.user);
        if (info.get("application_name") == null && env.get("PGAPPNAME") == null) {
            info = info.with("application_name", "tusk_script");
        }
        return info.withDefaults(env, System.getProperty("user.name"));
    }

    static String usage() {
        return PROGNAME + " runs a Groovy or SQL script against a database.\n\n"
                + "Usage:\n  " + PROGNAME + " [OPTION]... FILE [ARG]...\n\n"
                + "FILE ending in .sql runs like psql -f; anything else is Groovy (\"-\" reads standard input).\n\n"
                + "Options:\n"
                + "  -h, --host=HOSTNAME      database server host or socket directory\n"
                + "  -p, --port=PORT          database server port\n"
                + "  -U, --username=USERNAME  database user name\n"
                + "  -d, --dbname=DBNAME      database name or connection string\n"
                + "  -v, --set=NAME=VALUE     set a variable (.sql scripts)\n"
                + "  -l, --language=LANG      groovy or sql, whatever the file name\n"
                + "  -q, --quiet              no command tags (.sql scripts)\n"
                + "      --trace              print the stack trace of an uncaught error (Groovy)\n"
                + "  -?, --help               show this help, then exit\n\n"
                + "Groovy scripts see: db (query, firstRow, value, execute, transaction, copyIn, copyOut,\n"
                + "listen, notify, notifications, connect), args, out, err, stdin, scriptFile, exit(status).\n"
                + "Connection defaults come from PGHOST, PGPORT, PGUSER, PGDATABASE, ... as in libpq.\n"
                + "Exit status: 0 ok, 1 script error, 2 connection failure, 3 ON_ERROR_STOP, n from exit(n).\n";
    }

    /** The command line: options up to FILE, everything after FILE goes to the script. */
    static final class Options {
        String host;
        String port;
        String user;
        String dbname;
        String language;
        boolean quiet;
        boolean trace;
        boolean help;
        String file;
        final Map<String, String> variables = new LinkedHashMap<>();
        final List<String> scriptArgs = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            int i = 0;
            for (; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--")) {
                    i++;
                    break;
                }
                if (a.equals("-") || !a.startsWith("-")) break;
                String opt;
                String value = null;
                if (a.startsWith("--")) {
                    int eq = a.indexOf('=');
                    opt = eq < 0 ? a.substring(2) : a.substring(2, eq);
                    if (eq >= 0) value = a.substring(eq + 1);
                    opt = switch (opt) {
                        case "host" -> "h";
                        case "port" -> "p";
                        case "username" -> "U";
                        case "dbname" -> "d";
                        case "set", "variable" -> "v";
                        case "language" -> "l";
                        case "quiet" -> "q";
                        case "help" -> "?";
                        case "trace" -> "trace";
                        default -> throw new IllegalArgumentException("unrecognized option '" + a + "'");
                    };
                } else {
                    opt = a.substring(1, 2);
                    if (a.length() > 2) value = a.substring(2);
                }
                boolean takesValue = "hpUdvl".contains(opt) && opt.length() == 1;
                if (takesValue && value == null) {
                    if (++i >= args.length) throw new IllegalArgumentException("option requires an argument -- '" + opt + "'");
                    value = args[i];
                } else if (!takesValue && value != null && !a.startsWith("--")) {
                    throw new IllegalArgumentException("invalid option -- '" + a.substring(1) + "'");
                }
                switch (opt) {
                    case "h": o.host = value; break;
                    case "p": o.port = value; break;
                    case "U": o.user = value; break;
                    case "d": o.dbname = value; break;
                    case "l": o.language = value.toLowerCase(Locale.ROOT); break;
                    case "v": {
                        int eq = value.indexOf('=');
                        if (eq <= 0) throw new IllegalArgumentException("-v needs NAME=VALUE, not \"" + value + "\"");
                        o.variables.put(value.substring(0, eq), value.substring(eq + 1));
                        break;
                    }
                    case "q": o.quiet = true; break;
                    case "trace": o.trace = true; break;
                    case "?": o.help = true; break;
                    default: throw new IllegalArgumentException("invalid option -- '" + opt + "'");
                }
            }
            if (i < args.length) {
                o.file = args[i++];
                while (i < args.length) o.scriptArgs.add(args[i++]);
            }
            return o;
        }
    }
}
