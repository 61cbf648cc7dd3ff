package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.parser.Keywords;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RecordTypmods;
import org.tusk.engine.types.RecordValue;
import org.tusk.engine.types.RowType;

/**
 * Set-returning functions over the server's fixed tables whose rows are records of OUT columns:
 * pg_get_keywords() (the parser's keyword list, misc.c) and pg_options_to_table(text[]) (a
 * reloptions array split into name and value, foreign.c).
 */
final class CatalogSetFunctions {
    private CatalogSetFunctions() {}

    private static final RowType KEYWORDS = RowType.anonymous(List.of(RowType.Field.of("word", PgType.TEXT, -1),
            RowType.Field.of("catcode", PgType.CHAR, -1), RowType.Field.of("barelabel", PgType.BOOL, -1),
            RowType.Field.of("catdesc", PgType.TEXT, -1), RowType.Field.of("baredesc", PgType.TEXT, -1)));
    private static final RowType OPTIONS = RowType.anonymous(List.of(RowType.Field.of("option_name", PgType.TEXT, -1),
            RowType.Field.of("option_value", PgType.TEXT, -1)));

    static void register(Map<String, FunctionBody> bodies) {
        bodies.put("pg_get_keywords", (a, c) -> keywords());
        bodies.put("pg_options_to_table", (a, c) -> options((ArrayValue) a[0]));
    }

    /** The record typmod of the function's OUT columns, or -1 if it is not one of these. */
    static int outTypmod(String prosrc) {
        switch (prosrc) {
            case "pg_get_keywords": return RecordTypmods.register(KEYWORDS);
            case "pg_options_to_table": return RecordTypmods.register(OPTIONS);
            default: return -1;
        }
    }

    /** One row per keyword in kwlist.h's (ASCII) order, with its category as misc.c describes it. */
    private static List<Object> keywords() {
        TreeSet<String> words = new TreeSet<>();
        words.addAll(Keywords.UNRESERVED);
        words.addAll(Keywords.COL_NAME);
        words.addAll(Keywords.TYPE_FUNC_NAME);
        words.addAll(Keywords.RESERVED);
        List<Object> out = new ArrayList<>(words.size());
        for (String w : words) {
            String code;
            String desc;
            if (Keywords.UNRESERVED.contains(w)) {
                code = "U";
                desc = "unreserved";
            } else if (Keywords.COL_NAME.contains(w)) {
                code = "C";
                desc = "unreserved (cannot be function or type name)";
            } else if (Keywords.TYPE_FUNC_NAME.contains(w)) {
                code = "T";
                desc = "reserved (can be function or type name)";
            } else {
                code = "R";
                desc = "reserved";
            }
            boolean bare = Keywords.canBeBareLabel(w);
            out.add(new RecordValue(KEYWORDS, new Object[] {w, code, bare, desc, bare ? "can be bare label" : "requires AS"}));
        }
        return out;
    }

    /** Each "name=value" element split at its first '=' (the value NULL when there is none); deconstruct_array refuses NULLs. */
    private static List<Object> options(ArrayValue options) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = (String) options.element(i);
            if (option == null) {
                throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "null array element not allowed in this context");
            }
            int eq = option.indexOf('=');
            out.add(new RecordValue(OPTIONS, eq < 0 ? new Object[] {option, null}
                    : new Object[] {option.substring(0, eq), option.substring(eq + 1)}));
        }
        return out;
    }
}
