package org.tusk.engine.commands;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The stored text of a column default that is a bare string literal, labelled with the column's
 * type as PostgreSQL's adbin deparses it: the literal is coerced to the column's type when the
 * default is transformed, so pg_get_expr (and psql's \d, information_schema.columns.column_default,
 * pgjdbc's getColumns) show {@code 'x'::character varying}, {@code 'n'::bpchar}, {@code 'x'::text}.
 * Only the string types are labelled: a literal for a number or boolean column becomes an
 * unlabelled constant in PostgreSQL, and a date/time literal may be evaluated ('now'), so those are
 * stored as written.
 */
public final class DefaultLiteralLabel {
    /** format_type(oid, NULL) of the string types. */
    private static final Map<Integer, String> STRING_TYPES = Map.of(25, "text", 1043, "character varying",
            1042, "bpchar", 19, "name");

    /** A single-quoted literal without E/U& prefixes ('' inside is a quote). */
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");

    private DefaultLiteralLabel() {
    }

    /** {@code source}, with {@code ::type} appended when it is a bare string literal for a string column. */
    public static String label(String source, int typeOid) {
        String type = STRING_TYPES.get(typeOid);
        if (type == null || source == null) {
            return source;
        }
        String t = source.trim();
        return STRING_LITERAL.matcher(t).matches() ? t + "::" + type : source;
    }
}
