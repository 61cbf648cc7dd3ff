package org.tusk.monitor.internal;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Syntax highlighting as you type (not in psql): SQL keywords bold blue, string literals
 * (quotes, E'', dollar quotes) green, numbers cyan, comments faint, quoted identifiers as
 * typed, backslash commands and :variables yellow. The line is lexed from the state the
 * query buffer left (a string or comment opened on an earlier line carries on).
 * Off when the terminal is dumb or HIGHLIGHT is off.
 */
final class SqlHighlighter implements Highlighter {
    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.faint();
    static final AttributedStyle META = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);

    private final BooleanSupplier enabled;
    /** The query buffer's scan state at the start of the line ('=' or '-' = none, '\'', '*', '$'). */
    private final Supplier<Character> startState;

    SqlHighlighter(BooleanSupplier enabled, Supplier<Character> startState) {
        this.enabled = enabled;
        this.startState = startState;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        if (!enabled.getAsBoolean()) return new AttributedString(buffer);
        return highlight(buffer, startState.get());
    }

    static AttributedString highlight(String s, char start) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        int n = s.length();
        int i = 0;
        if (start == '\'' || start == '$') {
            int end = start == '\'' ? stringEnd(s, 0, false) : dollarContinuationEnd(s);
            sb.styled(STRING, s.substring(0, end));
            i = end;
        } else if (start == '*') {
            int end = s.indexOf("*/");
            end = end < 0 ? n : end + 2;
            sb.styled(COMMENT, s.substring(0, end));
            i = end;
        }
        while (i < n) {
            char c = s.charAt(i);
            int j;
            if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                sb.styled(COMMENT, s.substring(i));
                break;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                j = s.indexOf("*/", i + 2);
                j = j < 0 ? n : j + 2;
                sb.styled(COMMENT, s.substring(i, j));
            } else if (c == '\'') {
                boolean escape = i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
                        && (i == 1 || !isIdentChar(s.charAt(i - 2)));
                j = stringEnd(s, i + 1, escape);
                sb.styled(STRING, s.substring(i, j));
            } else if (c == '"') {
                j = s.indexOf('"', i + 1);
                j = j < 0 ? n : j + 1;
                sb.append(s, i, j);
            } else if (c == '$' && (i == 0 || !isIdentChar(s.charAt(i - 1))) && dollarTagEnd(s, i) > 0) {
                j = dollarEnd(s, i);
                sb.styled(STRING, s.substring(i, j));
            } else if (c == '\\' && (i + 1 < n && Character.isLetter(s.charAt(i + 1)) || i + 1 < n && "?!".indexOf(s.charAt(i + 1)) >= 0)) {
                j = i + 1;
                while (j < n && !Character.isWhitespace(s.charAt(j))) j++;
                sb.styled(META, s.substring(i, j));
            } else if (c == ':' && i + 1 < n && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '_'
                    || s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '"') && (i == 0 || s.charAt(i - 1) != ':')) {
                j = i + 1;
                if (s.charAt(j) == '\'' || s.charAt(j) == '"') {
                    char q = s.charAt(j);
                    int e = s.indexOf(q, j + 1);
                    j = e < 0 ? n : e + 1;
                } else {
                    while (j < n && isIdentChar(s.charAt(j))) j++;
                }
                sb.styled(META, s.substring(i, j));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                if (i > 0 && isIdentChar(s.charAt(i - 1))) {
                    j = i + 1;
                    sb.append(c);
                } else {
                    j = i;
                    while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == '_'
                            || (s.charAt(j) == '+' || s.charAt(j) == '-') && (s.charAt(j - 1) == 'e' || s.charAt(j - 1) == 'E'))) j++;
                    sb.styled(NUMBER, s.substring(i, j));
                }
            } else if (Character.isLetter(c) || c == '_') {
                j = i;
                while (j < n && isIdentChar(s.charAt(j))) j++;
                String word = s.substring(i, j);
                boolean qualified = i > 0 && s.charAt(i - 1) == '.';
                if (!qualified && SqlKeywords.isKeyword(word)) sb.styled(KEYWORD, word); else sb.append(word);
            } else {
                j = i + 1;
                sb.append(c);
            }
            i = j;
        }
        return sb.toAttributedString();
    }

    private static int stringEnd(String s, int from, boolean escape) {
        int n = s.length();
        for (int k = from; k < n; k++) {
            char c = s.charAt(k);
            if (escape && c == '\\') {
                k++;
            } else if (c == '\'') {
                if (k + 1 < n && s.charAt(k + 1) == '\'') k++;
                else return k + 1;
            }
        }
        return n;
    }

    /** The end of a $tag$ at i (exclusive), or -1. */
    private static int dollarTagEnd(String s, int i) {
        int k = i + 1;
        while (k < s.length() && isIdentChar(s.charAt(k)) && !(k == i + 1 && Character.isDigit(s.charAt(k)))) k++;
        return k < s.length() && s.charAt(k) == '$' ? k + 1 : -1;
    }

    private static int dollarEnd(String s, int i) {
        int tagEnd = dollarTagEnd(s, i);
        if (tagEnd < 0) {
            // the line continues a dollar quote whose tag we cannot see: up to the next $...$
            int e = s.indexOf('$', i);
            if (e < 0) return s.length();
            int t = s.indexOf('$', e + 1);
            return t < 0 ? s.length() : t + 1;
        }
        String tag = s.substring(i, tagEnd);
        int close = s.indexOf(tag, tagEnd);
        return close < 0 ? s.length() : close + tag.length();
    }

    /** A line inside a dollar quote opened earlier: up to the first $tag$ (we cannot see which tag). */
    private static int dollarContinuationEnd(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$[A-Za-z_]*\\$").matcher(s);
        return m.find() ? m.end() : s.length();
    }

    static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
