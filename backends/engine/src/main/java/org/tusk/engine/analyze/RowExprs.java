package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.BoolExpr;
import org.tusk.engine.expr.ConstExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FieldSelectExpr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.ParamExpr;
import org.tusk.engine.expr.RowCompareExpr;
import org.tusk.engine.expr.RowConstructExpr;
import org.tusk.engine.expr.RowConvertExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.RowExpr;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RecordFormat;
import org.tusk.engine.types.RecordTypmods;
import org.tusk.engine.types.RowType;
import org.tusk.engine.types.UserTypes;

/**
 * Row values in expressions (parse_expr.c's transformRowExpr,
 * make_row_comparison_op, make_row_distinct_op, transformWholeRowRef,
 * ParseFuncOrColumn's field selection, parse_coerce.c's
 * coerce_record_to_complex). A row-typed expression has type record and a
 * typmod naming its shape ({@link RecordTypmods}).
 */
final class RowExprs {
    private RowExprs() {
    }

    /** The shape of a row-typed expression, or null when unknown. */
    static RowType shapeOf(Expr e) {
        return e.type() == PgType.RECORD ? RecordTypmods.lookup(e.typmod()) : null;
    }

    /** The typmod an expression reading a field carries (a nested composite's registered shape). */
    static int fieldTypmod(RowType.Field f) {
        return f.type() == PgType.RECORD ? UserTypes.columnTypmod(f.typeOid(), f.typmod()) : f.typmod();
    }

    /** ROW(a, b, ...) / (a, b, ...): fields f1..fn; {@code t.*} among the arguments expands to t's columns. */
    static Expr rowConstructor(ExprAnalyzer a, RowExpr r) {
        List<Expr> args = args(a, r.args());
        List<RowType.Field> fields = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Expr e = args.get(i);
            PgType t = e.type() == PgType.UNKNOWN ? PgType.TEXT : e.type();
            RowType shape = shapeOf(e);
            fields.add(new RowType.Field("f" + (i + 1), t, e.typmod(), shape != null ? shape.typeOid() : t.oid()));
        }
        return a.pstate().at(RowConstructExpr.of(args, RowType.anonymous(fields)), r.location());
    }

    /** transformExpressionList: the arguments, with {@code t.*} expanded. */
    static List<Expr> args(ExprAnalyzer a, List<RawNode> raw) {
        List<Expr> args = new ArrayList<>();
        for (RawNode n : raw) {
            if (n instanceof ColumnRef c && c.star() && !c.fields().isEmpty()) {
                args.addAll(starColumns(a, c.fields().get(c.fields().size() - 1), c.location()).args());
            } else {
                args.add(a.transform(n));
            }
        }
        return args;
    }

    /**
     * transformWholeRowRef: the FROM item {@code refname} (this level or an enclosing one) as
     * a row value; a table's row has the table's row type. Null when there is no such item.
     */
    static RowConstructExpr wholeRow(ExprAnalyzer a, String refname, int location) {
        ParseState here = a.pstate();
        for (ParseState p = here; p != null; p = p.parent) {
            for (ParseState.NsItem item : p.namespace) {
                if (item.qualifiedVisible() && refname.equals(item.rte().refname)) {
                    return wholeRow(a, p, item.rte(), refname, location);
                }
            }
        }
        return null;
    }

    static RowConstructExpr starColumns(ExprAnalyzer a, String refname, int location) {
        RowConstructExpr row = wholeRow(a, refname, location);
        if (row == null) {
            throw Ereport.error(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + refname + "\"",
                    location);
        }
        return row;
    }

    private static RowConstructExpr wholeRow(ExprAnalyzer a, ParseState level, RangeTblEntry rte, String refname,
            int location) {
        List<Expr> args = new ArrayList<>();
        List<RowType.Field> fields = new ArrayList<>();
        for (int i = 0; i < rte.columns.size(); i++) {
            if (rte.isHidden(i)) {
                continue;
            }
            RangeTblEntry.Column c = rte.columns.get(i);
            Expr e;
            if (level == a.pstate()) {
                e = c.expr() instanceof VarExpr v
                        ? new VarExpr(v.attno(), v.type(), v.typmod(), v.relationName(), v.columnName()) : c.expr();
            } else {
                e = a.pstate().lookupColumn(refname, c.name(), location);
            }
            args.add(e);
            RowType shape = shapeOf(e);
            fields.add(new RowType.Field(c.name(), c.type(), c.typmod(), shape != null ? shape.typeOid() : c.type().oid()));
        }
        RowType type = RowType.anonymous(fields);
        if (rte.kind == RangeTblEntry.Kind.RELATION && rte.relation != null) {
            int rowType = UserTypes.rowTypeOfRelation((int) rte.relation.oid());
            RowType named = rowType == 0 ? null : UserTypes.rowType(rowType);
            if (named != null && named.size() == fields.size()) {
                type = named;
            }
        }
        return (RowConstructExpr) a.pstate().at(RowConstructExpr.wholeRow(args, type, refname), location);
    }

    /** make_row_comparison_op: {@code (a, b) op (c, d)}. */
    static Expr compare(ExprAnalyzer a, String op, RowExpr l, RowExpr r, int location) {
        List<Expr> left = args(a, l.args());
        List<Expr> right = args(a, r.args());
        return compare(a, op, left, right, location);
    }

    static Expr compare(ExprAnalyzer a, String op, List<Expr> left, List<Expr> right, int location) {
        if (left.size() != right.size()) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions", location);
        }
        if (left.isEmpty()) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot compare rows of zero length", location);
        }
        List<Expr> tests = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            Expr t = a.binaryOperator(op, left.get(i), right.get(i), location);
            if (t.type() != PgType.BOOL) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "row comparison operator must yield type boolean, not type "
                        + t.type().displayName(), location);
            }
            tests.add(t);
        }
        if (tests.size() == 1) {
            return tests.get(0);
        }
        switch (op) {
            case "=":
                return new BoolExpr(BoolOp.AND, tests);
            case "<>":
                return new BoolExpr(BoolOp.OR, tests);
            case "<": case "<=": case ">": case ">=": {
                List<Expr> equals = new ArrayList<>();
                for (int i = 0; i < left.size(); i++) {
                    equals.add(a.binaryOperator("=", left.get(i), right.get(i), location));
                }
                return new RowCompareExpr(op, equals, tests);
            }
            default:
                throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "could not determine interpretation of row comparison operator "
                        + op, location).withHint("Row comparison operators must be associated with btree operator families.");
        }
    }

    /** make_row_distinct_op: OR of the pairs' IS DISTINCT FROM (NOT of that for IS NOT DISTINCT FROM). */
    static Expr distinct(ExprAnalyzer a, RowExpr l, RowExpr r, boolean not, int location) {
        List<Expr> left = args(a, l.args());
        List<Expr> right = args(a, r.args());
        if (left.size() != right.size()) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions", location);
        }
        List<Expr> tests = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            tests.add(a.distinctOp(left.get(i), right.get(i), false, location));
        }
        Expr any = tests.size() == 1 ? tests.get(0) : new BoolExpr(BoolOp.OR, tests);
        if (tests.isEmpty()) {
            any = new ConstExpr(PgType.BOOL, -1, false);
        }
        return not ? new BoolExpr(BoolOp.NOT, List.of(any)) : any;
    }

    /** {@code (base).name}. */
    static Expr fieldSelect(Expr base, String name, int location) {
        if (base.type() != PgType.RECORD) {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "column notation ." + name + " applied to type "
                    + base.type().displayName(base.typmod()) + ", which is not a composite type", location);
        }
        RowType shape = shapeOf(base);
        if (shape == null) {
            throw Ereport.error(SqlState.UNDEFINED_COLUMN, "could not identify column \"" + name
                    + "\" in record data type", location);
        }
        int i = shape.indexOf(name);
        if (i < 0) {
            throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" not found in data type "
                    + shape.typeName(), location);
        }
        if (base instanceof RowConstructExpr row) {
            return row.args().get(i);
        }
        RowType.Field f = shape.field(i);
        return new FieldSelectExpr(base, i, name, f.type(), fieldTypmod(f));
    }

    /** {@code (base).*}: every field, with its name. */
    static List<TargetEntry> expandFields(Expr base, int location) {
        RowType shape = shapeOf(base);
        if (shape == null) {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "type " + base.type().displayName(base.typmod())
                    + " is not composite", location);
        }
        List<TargetEntry> out = new ArrayList<>();
        for (int i = 0; i < shape.size(); i++) {
            out.add(new TargetEntry(shape.field(i).name(), fieldSelect(base, shape.field(i).name(), location), 0,
                    (short) 0));
        }
        return out;
    }

    /**
     * coerce_type to the row type registered as {@code typmod}: a ROW() field by field
     * (coerce_record_to_complex), another row type field by field at run time, text
     * through record_in. Null when there is no such coercion.
     */
    static Expr coerceToRowType(ExprAnalyzer a, Expr expr, int typmod, CastContext context) {
        RowType target = RecordTypmods.lookup(typmod);
        if (target == null || expr.type() == PgType.RECORD && expr.typmod() == typmod) {
            return expr.type() == PgType.RECORD ? expr : null;
        }
        int location = a.pstate().locationOf(expr);
        if (expr.type() == PgType.RECORD) {
            String from = expr.type().displayName(expr.typmod());
            if (expr instanceof RowConstructExpr row) {
                checkWidth(from, target, row.args().size(), location);
                List<Expr> args = new ArrayList<>();
                for (int i = 0; i < target.size(); i++) {
                    RowType.Field f = target.field(i);
                    Expr arg = row.args().get(i);
                    Expr c = a.coerce(arg, f.type(), fieldTypmod(f), context);
                    if (c == null) {
                        throw cannotCast(from, target, location).withDetail("Cannot cast type "
                                + arg.type().displayName(arg.typmod()) + " to " + f.type().displayName(fieldTypmod(f))
                                + " in column " + (i + 1) + ".");
                    }
                    args.add(c);
                }
                return RowConstructExpr.coerced(args, target, context == CastContext.EXPLICIT);
            }
            RowType source = shapeOf(expr);
            if (source == null) {
                return new RowConvertExpr(expr, identity(target), target, typmod);
            }
            checkWidth(from, target, source.size(), location);
            List<Expr> fields = new ArrayList<>();
            for (int i = 0; i < target.size(); i++) {
                RowType.Field f = target.field(i);
                RowType.Field s = source.field(i);
                Expr c = a.coerce(new ParamExpr(i, s.type()), f.type(), fieldTypmod(f), context);
                if (c == null) {
                    throw cannotCast(from, target, location).withDetail("Cannot cast type "
                            + s.type().displayName(fieldTypmod(s)) + " to " + f.type().displayName(fieldTypmod(f))
                            + " in column " + (i + 1) + ".");
                }
                fields.add(c);
            }
            return new RowConvertExpr(expr, fields, target, typmod);
        }
        if (expr.type() == PgType.UNKNOWN && expr instanceof ConstExpr c) {
            Object v;
            try {
                v = c.value() == null ? null : RecordFormat.input(target, (String) c.value(), a.typeContext());
            } catch (PgException e) {
                throw Ereport.atLocation(e, location);
            }
            return a.pstate().at(new ConstExpr(PgType.RECORD, typmod, v), location);
        }
        boolean string = expr.type() == PgType.TEXT || expr.type() == PgType.VARCHAR || expr.type() == PgType.BPCHAR
                || expr.type() == PgType.NAME || expr.type() == PgType.UNKNOWN;
        if (string && (context == CastContext.EXPLICIT || expr.type() == PgType.UNKNOWN)) {
            return new FuncExpr("record_in", (args, ctx) -> RecordFormat.input(target, args[0].toString(),
                    ctx.session().typeContext()), List.of(expr), PgType.RECORD, typmod, true);
        }
        return null;
    }

    private static List<Expr> identity(RowType target) {
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < target.size(); i++) {
            out.add(new ParamExpr(i, target.field(i).type()));
        }
        return out;
    }

    private static void checkWidth(String from, RowType target, int width, int location) {
        if (width < target.size()) {
            throw cannotCast(from, target, location).withDetail("Input has too few columns.");
        }
        if (width > target.size()) {
            throw cannotCast(from, target, location).withDetail("Input has too many columns.");
        }
    }

    private static PgException cannotCast(String from, RowType target, int location) {
        return Ereport.error(SqlState.CANNOT_COERCE, "cannot cast type " + from + " to " + target.typeName(), location);
    }
}
