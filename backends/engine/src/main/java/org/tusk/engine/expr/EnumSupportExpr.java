package org.tusk.engine.expr;

import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.UserTypes;
import org.tusk.engine.types.UserTypes.UserType;

/**
 * The enum support functions of enum.c (enum_first, enum_last, enum_range,
 * enum_cmp, enum_lt ... enum_ne, enum_larger, enum_smaller) over a user enum
 * type the analyzer identified from the arguments. A value of an enum type is
 * carried as its label; its place is the label's position in pg_enum's
 * enumsortorder order, read from the session's type cache when the expression
 * runs (so labels added since the statement was analyzed count). Arguments are
 * label expressions (or NULL constants where the function allows them).
 */
public record EnumSupportExpr(String function, UserType enumType, List<Expr> args, PgType type) implements Expr {

    /** The result type of {@code function}, or null when it is not one of the enum support functions. */
    public static PgType resultType(String function, int nargs) {
        return switch (function) {
            case "enum_first", "enum_last" -> nargs == 1 ? PgType.ANYENUM : null;
            case "enum_range" -> nargs == 1 || nargs == 2 ? PgType.TEXT_ARRAY : null;
            case "enum_cmp" -> nargs == 2 ? PgType.INT4 : null;
            case "enum_lt", "enum_le", "enum_gt", "enum_ge", "enum_eq", "enum_ne" -> nargs == 2 ? PgType.BOOL : null;
            case "enum_larger", "enum_smaller" -> nargs == 2 ? PgType.ANYENUM : null;
            default -> null;
        };
    }

    @Override
    public List<Expr> children() {
        return args;
    }

    @Override
    public Object eval(EvalContext ctx) {
        UserType current = UserTypes.byOid(enumType.oid());
        List<String> labels = (current != null ? current : enumType).enumLabels();
        switch (function) {
            case "enum_first", "enum_last" -> {
                if (labels.isEmpty()) {
                    throw Ereport.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "enum " + enumType.name() + " contains no values");
                }
                return new org.tusk.engine.types.EnumValue(enumType.oid(),
                        function.equals("enum_first") ? labels.get(0) : labels.get(labels.size() - 1));
            }
            case "enum_range" -> {
                int from = 0;
                int to = labels.size() - 1;
                if (args.size() == 2) {
                    Object lo = args.get(0).eval(ctx);
                    Object hi = args.get(1).eval(ctx);
                    from = lo == null ? 0 : position(labels, lo);
                    to = hi == null ? labels.size() - 1 : position(labels, hi);
                }
                if (labels.isEmpty() || from > to) {
                    return ArrayValue.empty(PgType.TEXT);
                }
                return ArrayValue.of(PgType.TEXT, labels.subList(from, to + 1).toArray());
            }
            default -> {
                Object a = args.get(0).eval(ctx);
                Object b = args.get(1).eval(ctx);
                if (a == null || b == null) {
                    return null;        // all of them are strict
                }
                int c = Integer.compare(position(labels, a), position(labels, b));
                return switch (function) {
                    case "enum_cmp" -> c < 0 ? -1 : c > 0 ? 1 : 0;
                    case "enum_lt" -> c < 0;
                    case "enum_le" -> c <= 0;
                    case "enum_gt" -> c > 0;
                    case "enum_ge" -> c >= 0;
                    case "enum_eq" -> c == 0;
                    case "enum_ne" -> c != 0;
                    case "enum_larger" -> c >= 0 ? a : b;
                    default -> c <= 0 ? a : b;
                };
            }
        }
    }

    private int position(List<String> labels, Object label) {
        int at = labels.indexOf(label.toString());
        if (at < 0) {
            throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input value for enum " + enumType.name() + ": \"" + label + "\"");
        }
        return at;
    }
}
