package org.tusk.script.internal;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.tusk.libpq.PgConnection;
import org.tusk.libpq.PgError;
import org.tusk.libpq.PgResult;

/**
 * Runs a plain .sql file the way {@code psql -f} does, kept small: statements split at
 * top-level semicolons (quotes, E'' strings, quoted identifiers, dollar quotes, nested
 * comments and parentheses respected), {@code :var :'var' :"var" :{?var}} interpolation,
 * the meta-commands set, unset, echo, qecho, if, elif, else, endif, g, gset and q, COPY FROM STDIN
 * with inline data up to {@code \.}, ON_ERROR_STOP and QUIET, and errors as
 * {@code psql:FILE:LINE: ERROR:  ...}.
 */
final class SqlRunner {
    /** Exit status when ON_ERROR_STOP stopped the script (psql's EXIT_USER). */
    static final int EXIT_USER = 3;

    private enum State { NORMAL, SQUOTE, ESTRING, DQUOTE, DOLLAR, COMMENT }
    private enum Branch { TRUE, FALSE, IGNORED, ELSE_TRUE, ELSE_FALSE }

    private static final Pattern COPY_FROM_STDIN = Pattern.compile(
            "(?is)\\s*copy\\b.*\\bfrom\\s+stdin\\b.*");

    private final PgConnection conn;
    private final PrintWriter out;
    private final PrintWriter err;
    private final String fileName;
    private final Map<String, String> vars = new TreeMap<>();
    private final Deque<Branch> branches = new ArrayDeque<>();

    private final StringBuilder buf = new StringBuilder();
    private State state = State.NORMAL;
    private String dollarTag;
    private int commentDepth;
    private int parens;

    private String[] lines;
    private int index;      // of the current line, 0-based
    private String pendingCopy;
    private boolean stop;
    private int status;

    SqlRunner(PgConnection conn, PrintWriter out, PrintWriter err, String fileName, Map<String, String> variables) {
        this.conn = conn;
        this.out = out;
        this.err = err;
        this.fileName = fileName;
        this.vars.putAll(variables);
        conn.setNoticeHandler(n -> {
            out.flush();
            err.print(locus() + n.format(false));
            err.flush();
        });
    }

    /** Runs the script text; returns the exit status (0, 3 after ON_ERROR_STOP, 2 when the connection is lost). */
    int run(String text) {
        lines = text.split("\r?\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) count--;
        try {
            for (index = 0; index < count && !stop; index++) {
                scan(lines[index], true);
                if (buf.length() > 0) buf.append('\n');
                if (pendingCopy != null && !stop) copyFromScript(count);
            }
            if (!stop && active() && !buf.toString().isBlank()) {
                index = count - 1;
                send(null);
            }
            if (!stop && !branches.isEmpty()) {
                index = count - 1;
                error("reached EOF without finding closing \\endif(s)");
            }
        } finally {
            out.flush();
            err.flush();
        }
        return status;
    }

    // ---- the lexer ----

    /** Feeds text through the statement lexer; input lines may hold meta-commands and variables, substituted values not. */
    private void scan(String s, boolean input) {
        int i = 0;
        int n = s.length();
        while (i < n && !stop) {
            char c = s.charAt(i);
            char next = i + 1 < n ? s.charAt(i + 1) : 0;
            switch (state) {
                case NORMAL:
                    if (c == '-' && next == '-') {
                        if (!buf.toString().isBlank()) buf.append(s, i, n);
                        return;
                    }
                    if (c == '/' && next == '*') {
                        state = State.COMMENT;
                        commentDepth = 1;
                        buf.append("/*");
                        i += 2;
                        continue;
                    }
                    if (c == '\'') {
                        state = i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
                                && (i < 2 || !identChar(s.charAt(i - 2))) ? State.ESTRING : State.SQUOTE;
                    } else if (c == '"') {
                        state = State.DQUOTE;
                    } else if (c == '$' && (i == 0 || !identChar(s.charAt(i - 1)))) {
                        String tag = dollarTag(s, i);
                        if (tag != null) {
                            state = State.DOLLAR;
                            dollarTag = tag;
                            buf.append(tag);
                            i += tag.length();
                            continue;
                        }
                    } else if (c == '(') {
                        parens++;
                    } else if (c == ')') {
                        if (parens > 0) parens--;
                    } else if (c == ';' && parens == 0) {
                        buf.append(';');
                        send(null);
                        i++;
                        continue;
                    } else if (c == '\\' && input) {
                        meta(s.substring(i + 1));
                        return;
                    } else if (c == ':' && input && active()) {
                        if (next == ':') {
                            buf.append("::");
                            i += 2;
                            continue;
                        }
                        int[] end = new int[1];
                        String value = variableReference(s, i, end);
                        if (value != null) {
                            scan(value, false);
                            i = end[0];
                            continue;
                        }
                    } else if (Character.isWhitespace(c) && buf.length() == 0) {
                        i++;
                        continue;
                    }
                    buf.append(c);
                    i++;
                    break;
                case SQUOTE:
                case ESTRING:
                    if (c == '\\' && state == State.ESTRING && i + 1 < n) {
                        buf.append(c).append(next);
                        i += 2;
                        continue;
                    }
                    if (c == '\'') {
                        if (next == '\'') {
                            buf.append("''");
                            i += 2;
                            continue;
                        }
                        state = State.NORMAL;
                    }
                    buf.append(c);
                    i++;
                    break;
                case DQUOTE:
                    if (c == '"') {
                        if (next == '"') {
                            buf.append("\"\"");
                            i += 2;
                            continue;
                        }
                        state = State.NORMAL;
                    }
                    buf.append(c);
                    i++;
                    break;
                case DOLLAR:
                    if (c == '$' && s.startsWith(dollarTag, i)) {
                        buf.append(dollarTag);
                        i += dollarTag.length();
                        state = State.NORMAL;
                        continue;
                    }
                    buf.append(c);
                    i++;
                    break;
                case COMMENT:
                    if (c == '/' && next == '*') {
                        commentDepth++;
                        buf.append("/*");
                        i += 2;
                        continue;
                    }
                    if (c == '*' && next == '/') {
                        buf.append("*/");
                        i += 2;
                        if (--commentDepth == 0) state = State.NORMAL;
                        continue;
                    }
                    buf.append(c);
                    i++;
                    break;
                default:
                    throw new AssertionError(state);
            }
        }
    }

    private static boolean identChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    private static boolean varChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80;
    }

    /** "$tag$" starting at i, or null. */
    private static String dollarTag(String s, int i) {
        int j = i + 1;
        if (j < s.length() && (Character.isDigit(s.charAt(j)))) return null;
        while (j < s.length() && s.charAt(j) != '$') {
            if (!identChar(s.charAt(j)) || s.charAt(j) == '$') return null;
            j++;
        }
        return j < s.length() ? s.substring(i, j + 1) : null;
    }

    /**
     * The replacement text of a variable reference at s[i] == ':' (end[0] set past it), or
     * null when there is none or the variable is unset (the text then stays as it is).
     */
    private String variableReference(String s, int i, int[] end) {
        int n = s.length();
        if (i + 1 >= n) return null;
        char q = s.charAt(i + 1);
        if (q == '\'' || q == '"') {
            int close = s.indexOf(q, i + 2);
            if (close < 0) return null;
            String name = s.substring(i + 2, close);
            if (name.isEmpty() || !name.chars().allMatch(ch -> varChar((char) ch))) return null;
            String v = vars.get(name);
            if (v == null) return null;
            end[0] = close + 1;
            return q == '\'' ? literal(v) : '"' + v.replace("\"", "\"\"") + '"';
        }
        if (q == '{' && s.startsWith("{?", i + 1)) {
            int close = s.indexOf('}', i + 3);
            if (close < 0) return null;
            end[0] = close + 1;
            return vars.containsKey(s.substring(i + 3, close)) ? "TRUE" : "FALSE";
        }
        int j = i + 1;
        while (j < n && varChar(s.charAt(j))) j++;
        if (j == i + 1) return null;
        String v = vars.get(s.substring(i + 1, j));
        if (v == null) return null;
        end[0] = j;
        return v;
    }

    /** PQescapeLiteral: 'it''s', or E'...' with doubled backslashes when there are any. */
    static String literal(String v) {
        String body = v.replace("'", "''");
        if (v.indexOf('\\') >= 0) return " E'" + body.replace("\\", "\\\\") + "'";
        return "'" + body + "'";
    }

    // ---- statements ----

    private void send(String gsetPrefix) {
        String sql = buf.toString();
        buf.setLength(0);
        parens = 0;
        if (!active() || sql.isBlank()) return;
        if (gsetPrefix == null && COPY_FROM_STDIN.matcher(sql).matches()) {
            pendingCopy = sql;
            return;
        }
        try {
            PgResult r = conn.query(sql);
            if (gsetPrefix != null) {
                gset(r, gsetPrefix);
                return;
            }
            printResult(r);
        } catch (PgError e) {
            failed(e);
        }
    }

    private void printResult(PgResult r) {
        switch (r.status()) {
            case TUPLES_OK:
                TablePrinter.print(r, out);
                String tag = r.commandTag();
                if (!quiet() && tag != null && tag.matches("(INSERT|UPDATE|DELETE|MERGE)\\b.*")) out.println(tag);
                break;
            case COPY_OUT:
                if (r.copyData() != null) out.print(new String(r.copyData(), StandardCharsets.UTF_8));
                break;
            case COMMAND_OK:
                if (!quiet()) out.println(r.commandTag());
                break;
            default:
                break;
        }
    }

    private void gset(PgResult r, String prefix) {
        if (r.columnCount() == 0 || r.rowCount() == 0) {
            error(r.columnCount() == 0 ? "\\gset: query must return results to be stored" : "no rows returned for \\gset");
            return;
        }
        if (r.rowCount() > 1) {
            error("more than one row returned for \\gset");
            return;
        }
        for (int j = 0; j < r.columnCount(); j++) {
            String name = prefix + r.column(j).name();
            if (r.isNull(0, j)) vars.remove(name); else vars.put(name, r.getString(0, j));
        }
    }

    /** COPY ... FROM STDIN: the data are the script's next lines, up to a line "\." (or the end). */
    private void copyFromScript(int count) {
        String sql = pendingCopy;
        pendingCopy = null;
        StringBuilder data = new StringBuilder();
        int i = index + 1;
        for (; i < count && !lines[i].equals("\\."); i++) data.append(lines[i]).append('\n');
        index = Math.min(i, count - 1);
        try {
            long rows = conn.copyIn(sql, new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)));
            if (!quiet()) out.println("COPY " + rows);
        } catch (PgError e) {
            failed(e);
        }
    }

    private void failed(PgError e) {
        out.flush();
        err.print(locus() + e.libpqMessage());
        if (conn.isClosed()) {
            err.println(locus() + "error: connection to server was lost");
            stop = true;
            status = 2;
            return;
        }
        errorStop();
    }

    private void error(String message) {
        out.flush();
        err.println(locus() + "error: " + message);
        errorStop();
    }

    private void errorStop() {
        if (Boolean.TRUE.equals(parseBool(vars.get("ON_ERROR_STOP")))) {
            stop = true;
            status = EXIT_USER;
        }
    }

    private String locus() {
        return "psql:" + fileName + ":" + (index + 1) + ": ";
    }

    private boolean quiet() {
        return Boolean.TRUE.equals(parseBool(vars.get("QUIET")));
    }

    private boolean active() {
        Branch b = branches.peek();
        return b == null || b == Branch.TRUE || b == Branch.ELSE_TRUE;
    }

    // ---- meta-commands ----

    private void meta(String text) {
        int i = 0;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '\\') i++;
        String cmd = text.substring(0, i);
        String rest = text.substring(i);
        boolean conditional = cmd.equals("if") || cmd.equals("elif") || cmd.equals("else") || cmd.equals("endif");
        if (!active() && !conditional) return;
        switch (cmd) {
            case "if": {
                if (!active()) {
                    branches.push(Branch.IGNORED);
                } else {
                    branches.push(condition("\\if", rest) ? Branch.TRUE : Branch.FALSE);
                }
                break;
            }
            case "elif": {
                Branch b = branches.peek();
                if (b == null) { error("\\elif: no matching \\if"); break; }
                if (b == Branch.ELSE_TRUE || b == Branch.ELSE_FALSE) { error("\\elif: cannot occur after \\else"); break; }
                branches.pop();
                if (b == Branch.FALSE) branches.push(condition("\\elif", rest) ? Branch.TRUE : Branch.FALSE);
                else branches.push(Branch.IGNORED);
                if (!active()) buf.setLength(0);
                break;
            }
            case "else": {
                Branch b = branches.peek();
                if (b == null) { error("\\else: no matching \\if"); break; }
                if (b == Branch.ELSE_TRUE || b == Branch.ELSE_FALSE) { error("\\else: cannot occur after \\else"); break; }
                branches.pop();
                branches.push(b == Branch.FALSE ? Branch.ELSE_TRUE : Branch.ELSE_FALSE);
                if (!active()) buf.setLength(0);
                break;
            }
            case "endif":
                if (branches.isEmpty()) error("\\endif: no matching \\if"); else branches.pop();
                break;
            case "set": {
                List<String> args = arguments(rest);
                if (args.isEmpty()) {
                    for (Map.Entry<String, String> e : vars.entrySet()) out.println(e.getKey() + " = '" + e.getValue() + "'");
                } else if (!args.get(0).chars().allMatch(ch -> varChar((char) ch))) {
                    error("invalid variable name: \"" + args.get(0) + "\"");
                } else {
                    vars.put(args.get(0), String.join("", args.subList(1, args.size())));
                }
                break;
            }
            case "unset": {
                List<String> args = arguments(rest);
                if (args.isEmpty()) error("\\unset: missing required argument"); else vars.remove(args.get(0));
                break;
            }
            case "echo":
            case "qecho": {
                List<String> args = arguments(rest);
                boolean newline = true;
                if (!args.isEmpty() && args.get(0).equals("-n")) {
                    newline = false;
                    args = args.subList(1, args.size());
                }
                out.print(String.join(" ", args));
                if (newline) out.println(); else out.flush();
                break;
            }
            case "g":
                send(null);
                break;
            case "gset": {
                List<String> args = arguments(rest);
                send(args.isEmpty() ? "" : args.get(0));
                break;
            }
            case "q":
            case "quit":
                stop = true;
                break;
            default:
                out.flush();
                err.println(locus() + "error: invalid command \\" + cmd);
                errorStop();
        }
    }

    private boolean condition(String what, String rest) {
        List<String> args = arguments(rest);
        if (args.isEmpty()) {
            error(what + ": missing required argument");
            return false;
        }
        Boolean b = parseBool(args.get(0));
        if (b == null) {
            out.flush();
            err.println(locus() + "error: unrecognized value \"" + args.get(0) + "\" for \"" + what + " expression\": Boolean expected");
            return false;
        }
        return b;
    }

    /** Meta-command arguments as psql splits them: words, 'quoted' (with escapes), "kept", :variables. */
    private List<String> arguments(String s) {
        List<String> args = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= n || s.charAt(i) == '\\') break;
            StringBuilder w = new StringBuilder();
            while (i < n && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '\\') {
                char c = s.charAt(i);
                if (c == '\'') {
                    i++;
                    while (i < n) {
                        char d = s.charAt(i);
                        if (d == '\'') {
                            if (i + 1 < n && s.charAt(i + 1) == '\'') { w.append('\''); i += 2; continue; }
                            i++;
                            break;
                        }
                        if (d == '\\' && i + 1 < n) {
                            char e = s.charAt(i + 1);
                            w.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e);
                            i += 2;
                            continue;
                        }
                        w.append(d);
                        i++;
                    }
                } else if (c == '"') {
                    int close = s.indexOf('"', i + 1);
                    int stopAt = close < 0 ? n : close + 1;
                    w.append(s, i, stopAt);
                    i = stopAt;
                } else if (c == ':') {
                    int[] end = new int[1];
                    String v = variableReference(s, i, end);
                    if (v != null) {
                        w.append(v);
                        i = end[0];
                    } else {
                        w.append(c);
                        i++;
                    }
                } else {
                    w.append(c);
                    i++;
                }
            }
            args.add(w.toString());
        }
        return args;
    }

    /** psql's ParseVariableBool: unique prefixes of true/false/yes/no, on/off, 1/0; null when none. */
    static Boolean parseBool(String v) {
        if (v == null) return null;
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) return null;
        if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("1")) return true;
        if ("false".startsWith(s) || "no".startsWith(s) || s.equals("0")) return false;
        if (s.length() >= 2 && "on".startsWith(s)) return true;
        if (s.length() >= 2 && "off".startsWith(s)) return false;
        return null;
    }
}
