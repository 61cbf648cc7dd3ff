package org.tusk.engine.func;

import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.EnumValue;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.UserTypes;

/**
 * enum.c's functions over values of user enum types ({@link EnumValue}): the
 * btree comparisons behind the anyenum operators and enum_ops (enum_eq ...
 * enum_cmp), enum_larger/enum_smaller (max/min), and enum_first/enum_last/
 * enum_range where the argument is a value (the analyzer answers calls whose
 * argument is a typed NULL, see {@code expr.EnumSupportExpr}). Either side of a
 * comparison may be a bare label (an untyped literal met by an enum column):
 * it is placed among the other side's labels.
 */
final class EnumFunctions {
    private EnumFunctions() {
    }

    static void register() {
        FunctionRegistry.bind("enum_eq", (a, c) -> EnumValue.compare(a[0], a[1]) == 0);
        FunctionRegistry.bind("enum_ne", (a, c) -> EnumValue.compare(a[0], a[1]) != 0);
        FunctionRegistry.bind("enum_lt", (a, c) -> EnumValue.compare(a[0], a[1]) < 0);
        FunctionRegistry.bind("enum_le", (a, c) -> EnumValue.compare(a[0], a[1]) <= 0);
        FunctionRegistry.bind("enum_gt", (a, c) -> EnumValue.compare(a[0], a[1]) > 0);
        FunctionRegistry.bind("enum_ge", (a, c) -> EnumValue.compare(a[0], a[1]) >= 0);
        FunctionRegistry.bind("enum_cmp", (a, c) -> Integer.signum(EnumValue.compare(a[0], a[1])));
        FunctionRegistry.bind("enum_larger", (a, c) -> EnumValue.compare(a[0], a[1]) >= 0 ? a[0] : a[1]);
        FunctionRegistry.bind("enum_smaller", (a, c) -> EnumValue.compare(a[0], a[1]) <= 0 ? a[0] : a[1]);
        FunctionRegistry.bind("hashenum", (a, c) -> a[0].toString().hashCode());
        FunctionRegistry.bind("enum_first", (a, c) -> {
            EnumValue v = (EnumValue) a[0];
            List<String> labels = labels(v);
            return new EnumValue(v.typeOid(), labels.get(0));
        });
        FunctionRegistry.bind("enum_last", (a, c) -> {
            EnumValue v = (EnumValue) a[0];
            List<String> labels = labels(v);
            return new EnumValue(v.typeOid(), labels.get(labels.size() - 1));
        });
        FunctionRegistry.bind("enum_range_all", (a, c) -> {
            List<String> labels = labels((EnumValue) a[0]);
            return ArrayValue.of(PgType.TEXT, labels.toArray());
        });
        FunctionRegistry.bind("enum_range_bounds", (a, c) -> {
            EnumValue any = (EnumValue) (a[0] != null ? a[0] : a[1]);
            if (any == null) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "could not determine actual enum type");
            }
            List<String> labels = labels(any);
            int from = a[0] == null ? 0 : labels.indexOf(a[0].toString());
            int to = a[1] == null ? labels.size() - 1 : labels.indexOf(a[1].toString());
            if (from < 0 || to < 0 || from > to) {
                return ArrayValue.empty(PgType.TEXT);
            }
            return ArrayValue.of(PgType.TEXT, labels.subList(from, to + 1).toArray());
        });
    }

    private static List<String> labels(EnumValue v) {
        UserTypes.UserType t = UserTypes.byOid(v.typeOid());
        if (t == null || t.enumLabels().isEmpty()) {
            throw Ereport.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "enum "
                    + (t == null ? String.valueOf(v.typeOid()) : t.name()) + " contains no values");
        }
        return t.enumLabels();
    }
}
