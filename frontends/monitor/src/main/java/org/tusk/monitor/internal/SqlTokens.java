package org.tusk.monitor.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A rough SQL tokenizer for completion: words (with dots, so {@code s.t} is one token, and
 * "quoted" identifiers), and the punctuation that shapes a statement ({@code ( ) , ; =} ...)
 * as one-character tokens. String literals and comments are skipped: a word inside them
 * says nothing about what comes next.
 */
final class SqlTokens {
    private SqlTokens() {}

    static List<String> of(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                int e = s.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int e = s.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (c == '\'') {
                int k = i + 1;
                while (k < n) {
                    if (s.charAt(k) != '\'') k++;
                    else if (k + 1 < n && s.charAt(k + 1) == '\'') k += 2;
                    else break;
                }
                out.add("''");
                i = Math.min(n, k + 1);
            } else if (isWordChar(c) || c == '"') {
                int k = i;
                while (k < n) {
                    char d = s.charAt(k);
                    if (d == '"') {
                        int e = s.indexOf('"', k + 1);
                        k = e < 0 ? n : e + 1;
                    } else if (isWordChar(d) || d == '.') {
                        k++;
                    } else {
                        break;
                    }
                }
                out.add(s.substring(i, k));
                i = k;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    /** Whitespace-separated words, for backslash commands. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) out.add(w);
        }
        return out;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
