package org.tusk.monitor.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a backslash command, lexed like psqlscanslash.l's OT_NORMAL:
 * whitespace-separated words; '...' with psql's escapes (\n, \t, \\, '' ...);
 * "..." kept with its quotes (or stripped and not folded for identifiers);
 * :var, :'var' and :"var" interpolation; `command` output.
 */
final class MetaArgs {
    private final String text;
    private final QueryScanner.Variables vars;
    private int pos;

    MetaArgs(String text, QueryScanner.Variables vars) {
        this.text = text;
        this.vars = vars;
    }

    /** The next word, or null at the end. */
    String next() {
        return next(false);
    }

    /** The next word; sqlId strips double quotes and folds the rest to lower case (OT_SQLID). */
    String next(boolean sqlId) {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        if (pos >= text.length()) return null;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            char c = text.charAt(pos);
            if (c == '\'') {
                pos++;
                while (pos < text.length()) {
                    char d = text.charAt(pos++);
                    if (d == '\'') {
                        if (pos < text.length() && text.charAt(pos) == '\'') {
                            sb.append('\'');
                            pos++;
                            continue;
                        }
                        break;
                    }
                    if (d == '\\' && pos < text.length()) {
                        char e = text.charAt(pos++);
                        switch (e) {
                            case 'n': sb.append('\n'); break;
                            case 't': sb.append('\t'); break;
                            case 'b': sb.append('\b'); break;
                            case 'r': sb.append('\r'); break;
                            case 'f': sb.append('\f'); break;
                            default:
                                if (e >= '0' && e <= '7') {
                                    int v = e - '0';
                                    for (int k = 0; k < 2 && pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '7'; k++) {
                                        v = v * 8 + (text.charAt(pos++) - '0');
                                    }
                                    sb.append((char) v);
                                } else {
                                    sb.append(e);
                                }
                        }
                        continue;
                    }
                    sb.append(d);
                }
            } else if (c == '"') {
                int end = text.indexOf('"', pos + 1);
                if (end < 0) end = text.length() - 1;
                if (sqlId) sb.append(text, pos + 1, end); else sb.append(text, pos, end + 1);
                pos = end + 1;
            } else if (c == '`') {
                int end = text.indexOf('`', pos + 1);
                if (end < 0) end = text.length();
                sb.append(backtick(text.substring(pos + 1, end)));
                pos = Math.min(text.length(), end + 1);
            } else if (c == ':' && pos + 1 < text.length() && (text.charAt(pos + 1) == '\'' || text.charAt(pos + 1) == '"')) {
                char q = text.charAt(pos + 1);
                int end = text.indexOf(q, pos + 2);
                String name = end < 0 ? null : text.substring(pos + 2, end);
                String value = name == null || !QueryScanner.isVarName(name) ? null : vars.get(name);
                if (value == null) {
                    int stop = end < 0 ? text.length() : end + 1;
                    sb.append(text, pos, stop);
                    pos = stop;
                } else {
                    sb.append(q == '\'' ? QueryScanner.quoteLiteral(value) : QueryScanner.quoteIdent(value));
                    pos = end + 1;
                }
            } else if (c == ':' && text.startsWith("{?", pos + 1) && text.indexOf('}', pos + 3) > pos + 3
                    && QueryScanner.isVarName(text.substring(pos + 3, text.indexOf('}', pos + 3)))) {
                int end = text.indexOf('}', pos + 3);
                sb.append(vars.get(text.substring(pos + 3, end)) != null ? "TRUE" : "FALSE");
                pos = end + 1;
            } else if (c == ':' && pos + 1 < text.length() && QueryScanner.isVarChar(text.charAt(pos + 1))) {
                int j = pos + 1;
                while (j < text.length() && QueryScanner.isVarChar(text.charAt(j))) j++;
                String value = vars.get(text.substring(pos + 1, j));
                sb.append(value == null ? text.substring(pos, j) : value);
                pos = j;
            } else {
                sb.append(sqlId ? Character.toLowerCase(c) : c);
                pos++;
            }
        }
        return sb.toString();
    }

    /** All remaining words. */
    List<String> rest() {
        List<String> out = new ArrayList<>();
        String a;
        while ((a = next()) != null) out.add(a);
        return out;
    }

    /** The rest of the line as it is (OT_WHOLE_LINE). */
    String wholeLine() {
        String s = text.substring(Math.min(pos, text.length())).trim();
        pos = text.length();
        return s;
    }

    private static String backtick(String cmd) {
        try {
            Process p = new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(false).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
