package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RecordTypmods;
import org.tusk.engine.types.RecordValue;
import org.tusk.engine.types.RowType;

/**
 * RowExpr: ROW(a, b, ...), (a, b, ...), and a whole-row reference to a FROM
 * item (a table's row as a value of its row type, {@code t} or {@code t.*}).
 * Its type is record with the typmod registered for {@code rowType}, which
 * names the composite type (or is anonymous). Evaluates to a
 * {@link RecordValue}, never to NULL.
 */
public record RowConstructExpr(List<Expr> args, RowType rowType, int typmod, String wholeRowOf, boolean explicitCast)
        implements Expr {

    public RowConstructExpr(List<Expr> args, RowType rowType, int typmod) {
        this(args, rowType, typmod, null, false);
    }

    public static RowConstructExpr of(List<Expr> args, RowType rowType) {
        return new RowConstructExpr(List.copyOf(args), rowType, RecordTypmods.register(rowType));
    }

    /** The whole row of FROM item {@code refname} (ruleutils prints it {@code (refname.*)::type}). */
    public static RowConstructExpr wholeRow(List<Expr> args, RowType rowType, String refname) {
        return new RowConstructExpr(List.copyOf(args), rowType, RecordTypmods.register(rowType), refname, false);
    }

    /** ROW(...) cast to a named composite ({@code explicit}: written as a cast, printed {@code ROW(...)::type}). */
    public static RowConstructExpr coerced(List<Expr> args, RowType rowType, boolean explicit) {
        return new RowConstructExpr(List.copyOf(args), rowType, RecordTypmods.register(rowType), null, explicit);
    }

    @Override
    public PgType type() {
        return PgType.RECORD;
    }

    @Override
    public List<Expr> children() {
        return args;
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = args.get(i).eval(ctx);
        }
        return new RecordValue(rowType, values);
    }
}
