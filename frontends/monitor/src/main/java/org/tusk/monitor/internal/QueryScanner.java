package org.tusk.monitor.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits input lines into SQL statements and backslash commands, the way
 * psql's lexer (psqlscan.l) does for what matters here: a statement ends at a
 * ';' outside quotes ('...', E'...', "..."), dollar quotes ($tag$...$tag$),
 * comments and parentheses; whitespace and "--" comments before a statement
 * are dropped; lines of a statement are joined with '\n'; a backslash
 * outside quotes starts a meta-command that takes the rest of the line.
 * The state (open quote, comment depth, parentheses) carries across lines.
 */
final class QueryScanner {

    /** What a line produced, in order. */
    sealed interface Event permits Statement, MetaCommand {}

    /** A complete SQL statement, including its terminating ';'. */
    record Statement(String sql) implements Event {}

    /** A backslash command: its name (without the backslash) and the rest of the line. */
    record MetaCommand(String name, String args) implements Event {}

    private enum State { NORMAL, SINGLE_QUOTE, ESCAPE_QUOTE, DOUBLE_QUOTE, DOLLAR_QUOTE, BLOCK_COMMENT }

    /** Looks up a variable for :name interpolation; returns null for none (or while skipping). */
    interface Variables {
        String get(String name);
    }

    private final StringBuilder buffer = new StringBuilder();
    private Variables variables = name -> null;
    private State state = State.NORMAL;
    private String dollarTag;
    private int commentDepth;
    private int parenDepth;

    void setVariables(Variables v) { variables = v; }

    List<Event> feedLine(String line) {
        List<Event> events = new ArrayList<>();
        int noInterpolationBefore = 0;
        if (buffer.length() > 0) buffer.append('\n');
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            switch (state) {
                case SINGLE_QUOTE:
                case ESCAPE_QUOTE:
                    buffer.append(c);
                    if (state == State.ESCAPE_QUOTE && c == '\\' && i + 1 < n) {
                        buffer.append(line.charAt(++i));
                    } else if (c == '\'') {
                        if (i + 1 < n && line.charAt(i + 1) == '\'') {
                            buffer.append('\'');
                            i++;
                        } else {
                            state = State.NORMAL;
                        }
                    }
                    i++;
                    continue;
                case DOUBLE_QUOTE:
                    buffer.append(c);
                    if (c == '"') state = State.NORMAL;
                    i++;
                    continue;
                case DOLLAR_QUOTE:
                    if (c == '$' && line.startsWith(dollarTag, i)) {
                        buffer.append(dollarTag);
                        i += dollarTag.length();
                        state = State.NORMAL;
                    } else {
                        buffer.append(c);
                        i++;
                    }
                    continue;
                case BLOCK_COMMENT:
                    if (c == '*' && i + 1 < n && line.charAt(i + 1) == '/') {
                        buffer.append("*/");
                        i += 2;
                        if (--commentDepth == 0) state = State.NORMAL;
                    } else if (c == '/' && i + 1 < n && line.charAt(i + 1) == '*') {
                        buffer.append("/*");
                        i += 2;
                        commentDepth++;
                    } else {
                        buffer.append(c);
                        i++;
                    }
                    continue;
                default:
                    break;
            }
            // NORMAL state
            if (Character.isWhitespace(c) && buffer.length() == 0) {
                i++;
            } else if (c == '-' && i + 1 < n && line.charAt(i + 1) == '-') {
                if (buffer.length() > 0) buffer.append(line, i, n);
                i = n;
            } else if (c == '/' && i + 1 < n && line.charAt(i + 1) == '*') {
                buffer.append("/*");
                i += 2;
                state = State.BLOCK_COMMENT;
                commentDepth = 1;
            } else if (c == '\'') {
                boolean escape = buffer.length() > 0 && (buffer.charAt(buffer.length() - 1) == 'E' || buffer.charAt(buffer.length() - 1) == 'e')
                        && (buffer.length() == 1 || !isIdentChar(buffer.charAt(buffer.length() - 2)));
                buffer.append(c);
                state = escape ? State.ESCAPE_QUOTE : State.SINGLE_QUOTE;
                i++;
            } else if (c == '"') {
                buffer.append(c);
                state = State.DOUBLE_QUOTE;
                i++;
            } else if (c == '$' && (buffer.length() == 0 || !isIdentChar(buffer.charAt(buffer.length() - 1)))
                    && dollarTagAt(line, i) != null) {
                dollarTag = dollarTagAt(line, i);
                buffer.append(dollarTag);
                i += dollarTag.length();
                state = State.DOLLAR_QUOTE;
            } else if (c == ':' && i + 1 < n && line.charAt(i + 1) == ':') {
                buffer.append("::");
                i += 2;
            } else if (c == ':' && i >= noInterpolationBefore && i + 1 < n
                    && (line.charAt(i + 1) == '\'' || line.charAt(i + 1) == '"')) {
                char q = line.charAt(i + 1);
                int end = line.indexOf(q, i + 2);
                String name = end < 0 ? null : line.substring(i + 2, end);
                String value = name == null || !isVarName(name) ? null : variables.get(name);
                if (value == null) {
                    buffer.append(c);
                    i++;
                } else {
                    buffer.append(q == '\'' ? quoteLiteral(value) : quoteIdent(value));
                    i = end + 1;
                }
            } else if (c == ':' && i >= noInterpolationBefore && line.startsWith("{?", i + 1)
                    && line.indexOf('}', i + 3) > i + 3 && isVarName(line.substring(i + 3, line.indexOf('}', i + 3)))) {
                // :{?name} tests whether the variable is set
                int end = line.indexOf('}', i + 3);
                boolean set = variables.get(line.substring(i + 3, end)) != null;
                buffer.append(set ? "TRUE" : "FALSE");
                i = end + 1;
            } else if (c == ':' && i >= noInterpolationBefore && i + 1 < n && isVarChar(line.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && isVarChar(line.charAt(j))) j++;
                String value = variables.get(line.substring(i + 1, j));
                if (value == null) {
                    buffer.append(line, i, j);
                    i = j;
                } else {
                    // psql lexes the value again (it may hold ';' or quotes), but not recursively
                    line = line.substring(0, i) + value + line.substring(j);
                    n = line.length();
                    noInterpolationBefore = i + value.length();
                }
            } else if (c == '(') {
                parenDepth++;
                buffer.append(c);
                i++;
            } else if (c == ')') {
                if (parenDepth > 0) parenDepth--;
                buffer.append(c);
                i++;
            } else if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                buffer.append(c);
                events.add(new Statement(buffer.toString()));
                buffer.setLength(0);
                identifierCount = 0;
                i++;
            } else if (c == '\\') {
                int j = i + 1;
                if (j < n && line.charAt(j) == '\\') {
                    i = j + 1; // "\\" separates commands on a line
                    continue;
                }
                while (j < n && !Character.isWhitespace(line.charAt(j)) && line.charAt(j) != '\\') j++;
                String name = line.substring(i + 1, j);
                int k = j;
                if (!name.equals("copy") && !name.equals("!")) {
                    // the arguments end at the next backslash outside quotes: "\if x \echo y \endif"
                    char q = 0;
                    while (k < n) {
                        char d = line.charAt(k);
                        if (q != 0) {
                            if (d == q) q = 0;
                        } else if (d == '\'' || d == '"' || d == '`') {
                            q = d;
                        } else if (d == '\\') {
                            break;
                        }
                        k++;
                    }
                } else {
                    k = n;
                }
                events.add(new MetaCommand(name, line.substring(j, k).trim()));
                i = k;
            } else if ((Character.isLetter(c) || c == '_' || c >= 0x80)
                    && (buffer.length() == 0 || !isIdentChar(buffer.charAt(buffer.length() - 1)))) {
                int j = i + 1;
                while (j < n && isIdentChar(line.charAt(j))) j++;
                String word = line.substring(i, j);
                buffer.append(word);
                trackBeginAtomic(word);
                i = j;
            } else {
                buffer.append(c);
                i++;
            }
        }
        return events;
    }

    /**
     * psqlscan.l's heuristic for SQL-standard function bodies: in a statement that starts
     * CREATE [OR REPLACE] FUNCTION|PROCEDURE, BEGIN ... END (and CASE ... END inside it)
     * nest outside parentheses, and a ';' inside them does not end the statement.
     */
    private void trackBeginAtomic(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        if (identifierCount == 0) java.util.Arrays.fill(leadingWords, (char) 0);
        if (identifierCount < leadingWords.length
                && (w.equals("create") || w.equals("function") || w.equals("procedure") || w.equals("or") || w.equals("replace"))) {
            leadingWords[identifierCount] = w.charAt(0);
        }
        identifierCount++;
        boolean createRoutine = leadingWords[0] == 'c' && (leadingWords[1] == 'f' || leadingWords[1] == 'p'
                || (leadingWords[1] == 'o' && leadingWords[2] == 'r' && (leadingWords[3] == 'f' || leadingWords[3] == 'p')));
        if (!createRoutine || parenDepth != 0) return;
        if (w.equals("begin")) {
            beginDepth++;
        } else if (w.equals("case")) {
            if (beginDepth >= 1) beginDepth++;
        } else if (w.equals("end")) {
            if (beginDepth > 0) beginDepth--;
        }
    }

    private final char[] leadingWords = new char[4];
    private int identifierCount;
    private int beginDepth;

    static boolean isVarChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
    }

    static boolean isVarName(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (!isVarChar(s.charAt(i))) return false;
        return true;
    }

    /** PQescapeLiteral: '...' with quotes doubled; with backslashes, " E'...'" with them doubled too. */
    static String quoteLiteral(String v) {
        boolean backslash = v.indexOf('\\') >= 0;
        String body = v.replace("'", "''");
        if (backslash) return " E'" + body.replace("\\", "\\\\") + "'";
        return "'" + body + "'";
    }

    /** PQescapeIdentifier. */
    static String quoteIdent(String v) {
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** "$tag$" at position i, or null. */
    private static String dollarTagAt(String line, int i) {
        int j = i + 1;
        while (j < line.length() && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
            if (j == i + 1 && Character.isDigit(line.charAt(j))) return null;
            j++;
        }
        if (j < line.length() && line.charAt(j) == '$') return line.substring(i, j + 1);
        return null;
    }

    /** The unfinished statement text, "" if none. */
    String pending() {
        return buffer.toString();
    }

    boolean hasPending() {
        return buffer.length() > 0;
    }

    void resetBuffer() {
        reset();
    }

    void reset() {
        buffer.setLength(0);
        state = State.NORMAL;
        commentDepth = 0;
        parenDepth = 0;
        identifierCount = 0;
        beginDepth = 0;
    }

    /** psql's %R prompt character for the current state. */
    char promptState() {
        switch (state) {
            case SINGLE_QUOTE: case ESCAPE_QUOTE: return '\'';
            case DOUBLE_QUOTE: return '"';
            case DOLLAR_QUOTE: return '$';
            case BLOCK_COMMENT: return '*';
            default:
                if (parenDepth > 0) return '(';
                return buffer.length() > 0 ? '-' : '=';
        }
    }

    /** Lines in the query buffer so far (0 when it is empty), for PROMPT's %l. */
    int pendingLines() {
        if (buffer.length() == 0) return 0;
        int n = 1;
        for (int i = 0; i < buffer.length(); i++) if (buffer.charAt(i) == '\n') n++;
        return n;
    }
}
