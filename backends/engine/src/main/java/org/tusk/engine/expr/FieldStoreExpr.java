package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.types.PgType;
import org.tusk.engine.types.RecordValue;
import org.tusk.engine.types.RowType;

/**
 * FieldStore: the row {@code arg} with field {@code fieldno} replaced by
 * {@code value} (UPDATE t SET f.a = ..., INSERT INTO t (f.a) ...). A NULL
 * row becomes a row of NULLs first, as ExecEvalFieldStoreDeForm does.
 */
public record FieldStoreExpr(Expr arg, int fieldno, Expr value, RowType rowType, int typmod) implements Expr {

    @Override
    public PgType type() {
        return PgType.RECORD;
    }

    @Override
    public List<Expr> children() {
        return List.of(arg, value);
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object v = arg.eval(ctx);
        Object[] fields = v == null ? new Object[rowType.size()] : ((RecordValue) v).fields().clone();
        fields[fieldno] = value.eval(ctx);
        return new RecordValue(v == null ? rowType : ((RecordValue) v).type(), fields);
    }
}
