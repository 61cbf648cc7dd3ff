package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * parse_ident(str, strict): splits a qualified identifier into its parts as
 * the scanner would read them ("quoted" parts keep case and "" doubling,
 * unquoted parts fold to lower case), without truncating them to NAMEDATALEN.
 * With strict off, anything after the last complete identifier is ignored.
 */
final class ParseIdent {
    private ParseIdent() {}

    static ArrayValue parse(String s, boolean strict) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        int n = s.length();
        boolean afterDot = false;
        while (true) {
            i = skipSpace(s, i);
            if (i < n && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (true) {
                    int q = s.indexOf('"', j);
                    if (q < 0) {
                        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "string is not a valid identifier: \"" + s + "\"")
                                .withDetail("String has unclosed double quotes.");
                    }
                    sb.append(s, j, q);
                    if (q + 1 < n && s.charAt(q + 1) == '"') {
                        sb.append('"');
                        j = q + 2;
                        continue;
                    }
                    i = q + 1;
                    break;
                }
                if (sb.length() == 0) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "string is not a valid identifier: \"" + s + "\"")
                            .withDetail("Quoted identifier must not be empty.");
                }
                parts.add(sb.toString());
            } else if (i < n && identStart(s.charAt(i))) {
                int j = i;
                while (j < n && identCont(s.charAt(j))) {
                    j++;
                }
                parts.add(downcase(s.substring(i, j)));
                i = j;
            } else {
                if (i < n && s.charAt(i) == '.') {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "string is not a valid identifier: \"" + s + "\"")
                            .withDetail(afterDot ? "No valid identifier after \".\"." : "No valid identifier before \".\".");
                }
                if (afterDot) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "string is not a valid identifier: \"" + s + "\"")
                            .withDetail("No valid identifier after \".\".");
                }
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "string is not a valid identifier: \"" + s + "\"");
            }
            i = skipSpace(s, i);
            if (i < n && s.charAt(i) == '.') {
                afterDot = true;
                i++;
                continue;
            }
            if (i < n && strict) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "string is not a valid identifier: \"" + s + "\"");
            }
            break;
        }
        return ArrayValue.of(PgType.TEXT, parts.toArray());
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean identStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean identCont(char c) {
        return identStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    private static String downcase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }
}
