package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * A value the plan computes into a slot of the query level's row: an
 * aggregate's result (Aggref), a window function's result (WindowFunc), or
 * GROUPING(). The analyzer creates it with its kind and index; the position in
 * the row is fixed once the query's row layout is known ({@link #setPosition}).
 * {@code args} are kept for the planner (aggregate/window arguments, evaluated
 * on the input rows), not evaluated here.
 */
public final class SlotExpr implements Expr {
    public enum Kind { AGGREGATE, WINDOW, GROUPING, SRF }

    private final Kind kind;
    private final int index;
    private final String name;
    private final PgType type;
    private final List<Expr> args;
    private final int typmod;
    private int position = -1;

    public SlotExpr(Kind kind, int index, String name, PgType type, List<Expr> args) {
        this(kind, index, name, type, -1, args);
    }

    /** With the value's typmod (a set-returning function's registered record shape). */
    public SlotExpr(Kind kind, int index, String name, PgType type, int typmod, List<Expr> args) {
        this.kind = kind;
        this.index = index;
        this.name = name;
        this.type = type;
        this.typmod = typmod;
        this.args = args;
    }

    public Kind kind() { return kind; }
    public int index() { return index; }
    public String name() { return name; }
    public List<Expr> args() { return args; }
    public int position() { return position; }

    public void setPosition(int position) {
        this.position = position;
    }

    @Override
    public PgType type() {
        return type;
    }

    @Override
    public int typmod() {
        return typmod;
    }

    @Override
    public Object eval(EvalContext ctx) {
        return ctx.row()[position];
    }

    @Override
    public String toString() {
        return name + "#" + kind + index;
    }
}
