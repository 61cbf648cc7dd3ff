package org.tusk.protocol.internal.startup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;

/**
 * The startup packet's {@code options} parameter, handled as PostgreSQL does:
 * pg_split_opts cuts it into words (whitespace separated, backslash escapes the
 * next character), then process_postgres_switches reads them as the
 * postgres command line with getopt("B:bc:C:D:d:EeFf:h:ijk:lN:nOPp:r:S:sTt:v:W:-:").
 * The result is the settings they ask for, in order; whether a setting may be
 * changed at session start is for the engine to judge.
 */
public final class CommandLineOptions {
    private static final String OPTSTRING = "B:bc:C:D:d:EeFf:h:ijk:lN:nOPp:r:S:sTt:v:W:-:";

    private CommandLineOptions() {}

    /** pg_split_opts. */
    public static List<String> split(String optstr) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = optstr.length();
        StringBuilder sb = new StringBuilder();
        while (i < n) {
            while (i < n && isSpace(optstr.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            sb.setLength(0);
            boolean lastWasEscape = false;
            while (i < n) {
                char c = optstr.charAt(i);
                if (isSpace(c) && !lastWasEscape) {
                    break;
                }
                if (!lastWasEscape && c == '\\') {
                    lastWasEscape = true;
                } else {
                    lastWasEscape = false;
                    sb.append(c);
                }
                i++;
            }
            words.add(sb.toString());
        }
        return words;
    }

    /** C isspace in the "C" locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /**
     * Splits and interprets an options string.
     *
     * @throws PgException FATAL 42601 for what PostgreSQL's getopt loop refuses
     */
    public static Map<String, String> parse(String optstr) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> argv = split(optstr);
        int optind = 0;
        while (optind < argv.size()) {
            String arg = argv.get(optind);
            if (!arg.startsWith("-") || arg.length() == 1) {
                throw invalidArgument(arg); // getopt stops at the first non-option
            }
            optind++;
            int pos = 1;
            while (pos < arg.length()) {
                char flag = arg.charAt(pos++);
                int spec = flag == ':' ? -1 : OPTSTRING.indexOf(flag);
                if (spec < 0) {
                    throw invalidArgument(arg);
                }
                boolean takesArg = spec + 1 < OPTSTRING.length() && OPTSTRING.charAt(spec + 1) == ':';
                String optarg = null;
                if (takesArg) {
                    if (pos < arg.length()) {
                        optarg = arg.substring(pos);
                    } else if (optind < argv.size()) {
                        optarg = argv.get(optind++);
                    } else {
                        throw invalidArgument(arg);
                    }
                    pos = arg.length();
                }
                if (!apply(flag, optarg, settings)) {
                    throw invalidArgument(arg);
                }
            }
        }
        return settings;
    }

    /** One switch; false when its argument is refused (getopt's errs++). */
    private static boolean apply(char flag, String optarg, Map<String, String> s) {
        switch (flag) {
            case 'B': s.put("shared_buffers", optarg); return true;
            case 'c':
            case '-': {
                int eq = optarg.indexOf('=');
                if (eq < 0) {
                    String what = flag == '-' ? "--" + optarg : "-c " + optarg;
                    throw new PgException(Severity.FATAL, SqlState.SYNTAX_ERROR, what + " requires a value", null, null, 0, null);
                }
                // ParseLongOption: dashes in the name stand for underscores
                s.put(optarg.substring(0, eq).replace('-', '_'), optarg.substring(eq + 1));
                return true;
            }
            case 'd': {
                int level = atoi(optarg);
                if (level > 0) {
                    s.put("log_min_messages", "debug" + Math.min(level, 5));
                }
                return true;
            }
            case 'e': s.put("datestyle", "euro"); return true;
            case 'F': s.put("fsync", "false"); return true;
            case 'f': {
                String guc = switch (optarg.isEmpty() ? ' ' : optarg.charAt(0)) {
                    case 's' -> "enable_seqscan";
                    case 'i' -> "enable_indexscan";
                    case 'o' -> "enable_indexonlyscan";
                    case 'b' -> "enable_bitmapscan";
                    case 't' -> "enable_tidscan";
                    case 'n' -> "enable_nestloop";
                    case 'm' -> "enable_mergejoin";
                    case 'h' -> "enable_hashjoin";
                    default -> null;
                };
                if (guc == null) {
                    return false;
                }
                s.put(guc, "false");
                return true;
            }
            case 'h': s.put("listen_addresses", optarg); return true;
            case 'i': s.put("listen_addresses", "*"); return true;
            case 'k': s.put("unix_socket_directories", optarg); return true;
            case 'l': s.put("ssl", "true"); return true;
            case 'N': s.put("max_connections", optarg); return true;
            case 'O': s.put("allow_system_table_mods", "true"); return true;
            case 'P': s.put("ignore_system_indexes", "true"); return true;
            case 'p': s.put("port", optarg); return true;
            case 'S': s.put("work_mem", optarg); return true;
            case 's': s.put("log_statement_stats", "true"); return true;
            case 't': {
                String guc = switch (optarg) {
                    case "pa", "pars", "parser" -> "log_parser_stats";
                    case "pl", "plan", "planner" -> "log_planner_stats";
                    case "e", "ex", "exec", "executor" -> "log_executor_stats";
                    default -> null;
                };
                if (guc == null) {
                    return false;
                }
                s.put(guc, "true");
                return true;
            }
            case 'W': s.put("post_auth_delay", optarg); return true;
            default:
                // b, C, D, E, j, n, r, T, v: postmaster-only or ignored outside a secure context
                return true;
        }
    }

    private static int atoi(String s) {
        int i = 0;
        int v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && v < 1000) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        return v;
    }

    private static PgException invalidArgument(String arg) {
        return new PgException(Severity.FATAL, SqlState.SYNTAX_ERROR,
                "invalid command-line argument for server process: " + arg, null,
                "Try \"postgres --help\" for more information.", 0, null);
    }
}
