package org.tusk.engine.parser;

import java.util.Set;

/** Keyword categories from PostgreSQL's kwlist.h that the grammar needs to tell apart. */
public final class Keywords {
    private Keywords() {}

    /** RESERVED_KEYWORD: never a column name, function name or bare column label. */
    public static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user",
            "using", "variadic", "when", "where", "window", "with");

    /** TYPE_FUNC_NAME_KEYWORD: may name a function or type, not a column. */
    public static final Set<String> TYPE_FUNC_NAME = Set.of(
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    /** Keywords that cannot follow an expression as a column label without AS (not BARE_LABEL, or continuing syntax). */
    public static final Set<String> NOT_BARE_LABEL = Set.of(
            "is", "isnull", "notnull", "like", "ilike", "between", "similar", "escape", "at", "overlaps", "over",
            "filter", "within", "without", "with", "year", "month", "day", "hour", "minute", "second", "varying",
            "precision", "zone");

    public static boolean canBeColumnName(String word) {
        return !RESERVED.contains(word) && !TYPE_FUNC_NAME.contains(word);
    }

    public static boolean canBeBareLabel(String word) {
        return !RESERVED.contains(word) && !NOT_BARE_LABEL.contains(word);
    }
}
