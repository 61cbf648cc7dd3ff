package org.tusk.engine.func;

import java.util.regex.Pattern;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.JsonPathItem;

/**
 * jsonpath's like_regex: XQuery flags (i, s, m, x, q) checked when the path is parsed, and the
 * pattern compiled as jspConvertRegexFlags has PostgreSQL's regex engine compile it: by default
 * {@code .} does not match a newline and {@code ^}/{@code $} anchor at the ends only; "s" lets
 * the dot match newlines, "m" anchors at lines, "q" takes the pattern literally.
 */
public final class JsonPathRegex {
    private JsonPathRegex() {}

    /** The flag bits of {@code flags}; the pattern is compiled once here so a bad one fails at input, as in PostgreSQL. */
    public static int checkedFlags(String pattern, String flags) {
        int bits = 0;
        for (int i = 0; i < flags.length(); i++) {
            char c = flags.charAt(i);
            switch (c) {
                case 'i': bits |= JsonPathItem.REGEX_ICASE; break;
                case 's': bits |= JsonPathItem.REGEX_DOTALL; break;
                case 'm': bits |= JsonPathItem.REGEX_MLINE; break;
                case 'x': bits |= JsonPathItem.REGEX_WSPACE; break;
                case 'q': bits |= JsonPathItem.REGEX_QUOTE; break;
                default:
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid input syntax for type jsonpath")
                            .withDetail("Unrecognized flag character \"" + c + "\" in LIKE_REGEX predicate.");
            }
        }
        compile(pattern, bits);
        return bits;
    }

    public static Pattern compile(String pattern, int bits) {
        if ((bits & JsonPathItem.REGEX_QUOTE) == 0 && (bits & JsonPathItem.REGEX_WSPACE) != 0) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "XQuery \"x\" flag (expanded regular expressions) is not implemented");
        }
        int javaFlags = 0;
        if ((bits & JsonPathItem.REGEX_ICASE) != 0) {
            javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if ((bits & JsonPathItem.REGEX_DOTALL) != 0) {
            javaFlags |= Pattern.DOTALL;
        }
        if ((bits & JsonPathItem.REGEX_MLINE) != 0) {
            javaFlags |= Pattern.MULTILINE;
        }
        if ((bits & JsonPathItem.REGEX_QUOTE) != 0) {
            javaFlags |= Pattern.LITERAL;
        }
        return Regex.compile(pattern, javaFlags);
    }
}
