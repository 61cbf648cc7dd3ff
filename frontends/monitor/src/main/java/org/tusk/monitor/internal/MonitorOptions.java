package org.tusk.monitor.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line, parsed like psql's getopt_long (combined short options, -xVALUE, --name=value). */
final class MonitorOptions {
    /** One -c or -f, run in command-line order. */
    record Action(boolean isFile, String value) {}

    String host;
    String port;
    String user;
    String dbname;
    boolean noPsqlrc;
    boolean unaligned;
    boolean csv;
    boolean singleTransaction;
    boolean echoAll;
    String recordSep;
    boolean tuplesOnly;
    boolean quiet;
    boolean expanded;
    boolean help;
    boolean version;
    /** -w never prompt, -W always prompt, neither: prompt when the server asks and input is a terminal. */
    Boolean promptPassword;
    final List<Action> actions = new ArrayList<>();
    final List<String> psets = new ArrayList<>();
    String output;
    final Map<String, String> variables = new LinkedHashMap<>();

    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;
        UsageError(String m) { super(m); }
    }

    private static final String WITH_ARG = "hpUdcfvFRPo";

    static MonitorOptions parse(String[] args) throws UsageError {
        MonitorOptions o = new MonitorOptions();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                char shortName = longToShort(name);
                if (shortName == 0) throw new UsageError("unrecognized option '" + a + "'");
                if (WITH_ARG.indexOf(shortName) >= 0 && value == null) {
                    if (++i >= args.length) throw new UsageError("option '--" + name + "' requires an argument");
                    value = args[i];
                }
                o.apply(shortName, value);
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    if (WITH_ARG.indexOf(c) >= 0) {
                        String value;
                        if (k + 1 < a.length()) {
                            value = a.substring(k + 1);
                        } else if (i + 1 < args.length) {
                            value = args[++i];
                        } else {
                            throw new UsageError("option requires an argument -- '" + c + "'");
                        }
                        o.apply(c, value);
                        break;
                    }
                    o.apply(c, null);
                }
            } else {
                positional.add(a);
            }
        }
        if (positional.size() > 0 && o.dbname == null) o.dbname = positional.get(0);
        if (positional.size() > 1 && o.user == null) o.user = positional.get(1);
        return o;
    }

    private static char longToShort(String name) {
        switch (name) {
            case "host": return 'h';
            case "port": return 'p';
            case "username": return 'U';
            case "dbname": return 'd';
            case "command": return 'c';
            case "file": return 'f';
            case "variable": case "set": return 'v';
            case "no-psqlrc": return 'X';
            case "no-align": return 'A';
            case "tuples-only": return 't';
            case "quiet": return 'q';
            case "expanded": return 'x';
            case "no-password": return 'w';
            case "password": return 'W';
            case "help": return '?';
            case "version": return 'V';
            case "field-separator": return 'F';
            case "record-separator": return 'R';
            case "csv": return 'C';
            case "single-transaction": return '1';
            case "echo-all": return 'a';
            case "pset": return 'P';
            case "output": return 'o';
            default: return 0;
        }
    }

    private void apply(char c, String value) throws UsageError {
        switch (c) {
            case 'h': host = value; break;
            case 'p': port = value; break;
            case 'U': user = value; break;
            case 'd': dbname = value; break;
            case 'c': actions.add(new Action(false, value)); break;
            case 'f': actions.add(new Action(true, value)); break;
            case 'v': {
                int eq = value.indexOf('=');
                if (eq < 0) variables.put(value, ""); else variables.put(value.substring(0, eq), value.substring(eq + 1));
                break;
            }
            case 'F': variables.put("FIELDSEP", value); break;
            case 'X': noPsqlrc = true; break;
            case 'R': recordSep = value; break;
            case 'C': csv = true; break;
            case '1': singleTransaction = true; break;
            case 'a': echoAll = true; break;
            case 'P': psets.add(value); break;
            case 'o': output = value; break;
            case 'A': unaligned = true; break;
            case 't': tuplesOnly = true; break;
            case 'q': quiet = true; break;
            case 'x': expanded = true; break;
            case 'w': promptPassword = false; break;
            case 'W': promptPassword = true; break;
            case '?': help = true; break;
            case 'V': version = true; break;
            default: throw new UsageError("invalid option -- '" + c + "'");
        }
    }
}
