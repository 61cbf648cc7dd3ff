package org.tusk.engine.expr;

import java.util.regex.Pattern;

import org.tusk.engine.nodes.SQLValueFunctionOp;

/**
 * SQLValueFunction: CURRENT_DATE, CURRENT_TIMESTAMP(p), CURRENT_USER and the other keywords that
 * act as functions. The analyzer makes each a {@link FuncExpr} without arguments whose name is the
 * keyword as ruleutils prints it ({@link #keyword}), so EXPLAIN, pg_get_viewdef and stored defaults
 * show {@code CURRENT_USER} and {@code LOCALTIMESTAMP(2)}, never a call like
 * {@code "current_user"()} (which is not even valid SQL: the keywords are reserved).
 */
public final class SqlValueFunctions {

    private static final Pattern KEYWORD = Pattern.compile(
            "(CURRENT_TIME|CURRENT_TIMESTAMP|LOCALTIME|LOCALTIMESTAMP)(\\(\\d+\\))?"
                    + "|CURRENT_DATE|CURRENT_ROLE|CURRENT_USER|USER|SESSION_USER|CURRENT_CATALOG|CURRENT_SCHEMA");

    private SqlValueFunctions() {
    }

    /** The keyword as get_rule_expr prints an SQLValueFunction: upper case, the precision of the _N forms in parentheses. */
    public static String keyword(SQLValueFunctionOp op, int typmod) {
        String word = op.keyword().toUpperCase(java.util.Locale.ROOT);
        return op.name().endsWith("_N") ? word + "(" + typmod + ")" : word;
    }

    /** Whether {@code e} is an SQLValueFunction as the analyzer builds it: deparsers print its name alone. */
    public static boolean isKeyword(Expr e) {
        return e instanceof FuncExpr f && f.args().isEmpty() && KEYWORD.matcher(f.name()).matches();
    }
}
