package org.tusk.engine.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a psql script into statements the way psql does: at semicolons outside quotes, comments,
 * parentheses and dollar quotes. A backslash meta-command (outside quotes) ends the current
 * statement and the rest of its line is skipped.
 */
final class SqlScriptSplitter {
    private SqlScriptSplitter() {}

    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int e = script.indexOf('\n', i);
                e = e < 0 ? n : e;
                cur.append(script, i, e);
                i = e;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int d = 0;
                int j = i;
                while (j < n) {
                    if (script.startsWith("/*", j)) {
                        d++;
                        j += 2;
                    } else if (script.startsWith("*/", j)) {
                        d--;
                        j += 2;
                        if (d == 0) {
                            break;
                        }
                    } else {
                        j++;
                    }
                }
                cur.append(script, i, Math.min(j, n));
                i = Math.min(j, n);
            } else if (c == '\'' || c == '"') {
                boolean escapes = c == '\'' && i > 0 && (script.charAt(i - 1) == 'e' || script.charAt(i - 1) == 'E')
                        && (i < 2 || !Character.isLetterOrDigit(script.charAt(i - 2)));
                int j = i + 1;
                while (j < n) {
                    char x = script.charAt(j);
                    if (escapes && x == '\\') {
                        j += 2;
                        continue;
                    }
                    if (x == c) {
                        if (j + 1 < n && script.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                cur.append(script, i, Math.min(j + 1, n));
                i = Math.min(j + 1, n);
            } else if (c == '$' && dollarTag(script, i) != null && (i == 0
                    || !Character.isLetterOrDigit(script.charAt(i - 1)) && script.charAt(i - 1) != '_')) {
                String tag = dollarTag(script, i);
                int e = script.indexOf(tag, i + tag.length());
                e = e < 0 ? n : e + tag.length();
                cur.append(script, i, e);
                i = e;
            } else if (c == '\\') {
                int e = script.indexOf('\n', i);
                e = e < 0 ? n : e;
                flush(out, cur);
                depth = 0;
                i = e;
            } else if (c == '(') {
                depth++;
                cur.append(c);
                i++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                cur.append(c);
                i++;
            } else if (c == ';' && depth == 0) {
                cur.append(c);
                boolean copyIn = cur.toString().replaceAll("(?s)--[^\n]*|/\\*.*?\\*/", "").trim()
                        .matches("(?is)copy\\s.*\\sfrom\\s+std(in|out)\\b.*");
                flush(out, cur);
                i++;
                if (copyIn) {
                    // COPY data follows up to a line "\."
                    int e = script.indexOf("\n\\.", i);
                    i = e < 0 ? n : e + 3;
                }
            } else {
                cur.append(c);
                i++;
            }
        }
        flush(out, cur);
        return out;
    }

    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_'
                || (j > i + 1 && Character.isDigit(s.charAt(j))))) {
            j++;
        }
        if (j < s.length() && s.charAt(j) == '$') {
            return s.substring(i, j + 1);
        }
        return null;
    }

    private static void flush(List<String> out, StringBuilder cur) {
        String s = cur.toString();
        cur.setLength(0);
        if (!s.replaceAll("(?s)--[^\n]*|/\\*.*?\\*/", "").trim().replace(";", "").isEmpty()) {
            out.add(s.trim());
        }
    }
}
