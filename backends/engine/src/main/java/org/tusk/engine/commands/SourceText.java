package org.tusk.engine.commands;

/**
 * The source text of expressions in DDL (DEFAULT, CHECK), cut out of the
 * query string. PostgreSQL stores the analyzed tree (nodeToString) and
 * deparses it for pg_get_expr; until the engine has a deparser the catalogs
 * keep the expression's SQL text, which the analyzer re-parses when it
 * needs the expression.
 */
final class SourceText {

    private SourceText() {
    }

    /** The index just past keyword {@code word} (a whole word, any case) at or after {@code from}; -1 if none. */
    static int afterKeyword(String sql, int from, String word) {
        int n = sql.length();
        for (int i = Math.max(0, from); i + word.length() <= n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i) - 1;
                continue;
            }
            if (sql.regionMatches(true, i, word, 0, word.length())
                    && (i == 0 || !identChar(sql.charAt(i - 1)))
                    && (i + word.length() == n || !identChar(sql.charAt(i + word.length())))) {
                return i + word.length();
            }
        }
        return -1;
    }

    /** The text inside the first parenthesized group at or after {@code from}. */
    static String parenthesized(String sql, int from) {
        int open = sql.indexOf('(', from);
        if (open < 0) {
            return null;
        }
        int depth = 0;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return sql.substring(open + 1, i).trim();
            }
        }
        return sql.substring(open + 1).trim();
    }

    private static final String[] STOP_WORDS = {"not", "null", "check", "primary", "unique", "references", "constraint",
        "default", "collate", "generated", "deferrable", "initially"};

    /** A b_expr starting at {@code from}: up to a comma or close paren at depth 0, or the next column constraint. */
    static String expression(String sql, int from) {
        int depth = 0;
        int i = from;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i);
                continue;
            }
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if ((c == ',' || c == ';') && depth == 0) {
                break;
            } else if (depth == 0 && Character.isLetter(c) && (i == 0 || !identChar(sql.charAt(i - 1)))) {
                int end = i;
                while (end < n && identChar(sql.charAt(end))) {
                    end++;
                }
                String word = sql.substring(i, end).toLowerCase(java.util.Locale.ROOT);
                for (String stop : STOP_WORDS) {
                    if (stop.equals(word) && i > from) {
                        return sql.substring(from, i).trim();
                    }
                }
                i = end;
                continue;
            }
            i++;
        }
        return sql.substring(from, i).trim();
    }

    static int skipQuoted(String sql, int i) {
        char q = sql.charAt(i);
        int j = i + 1;
        while (j < sql.length()) {
            if (sql.charAt(j) == q) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == q) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return j;
    }

    static boolean identChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
