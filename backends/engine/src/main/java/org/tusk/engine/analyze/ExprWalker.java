package org.tusk.engine.analyze;

import java.util.List;
import java.util.function.Predicate;

import org.tusk.engine.expr.*;

/** expression_tree_walker for the analyzed expression nodes, not descending into aggregate arguments. */
final class ExprWalker {
    private ExprWalker() {}

    /** The first node (pre-order) outside aggregates matching {@code test}, or null. */
    static Expr find(Expr e, Predicate<Expr> test) {
        if (e == null) {
            return null;
        }
        if (test.test(e)) {
            return e;
        }
        if (e instanceof AggrefExpr) {
            return null;
        }
        List<Expr> children;
        if (e instanceof FuncExpr f) {
            children = f.args();
        } else if (e instanceof BoolExpr b) {
            children = b.args();
        } else if (e instanceof NullTestExpr n) {
            children = List.of(n.arg());
        } else if (e instanceof BoolTestExpr b) {
            children = List.of(b.arg());
        } else if (e instanceof CaseExpr c) {
            children = new java.util.ArrayList<>(c.conditions());
            children.addAll(c.results());
            if (c.defaultResult() != null) {
                children.add(c.defaultResult());
            }
        } else if (e instanceof CoalesceExpr c) {
            children = c.args();
        } else if (e instanceof MinMaxExpr m) {
            children = m.args();
        } else if (e instanceof NullIfExpr n) {
            children = List.of(n.left(), n.equality());
        } else if (e instanceof DistinctExpr d) {
            children = List.of(d.left(), d.right());
        } else {
            children = List.of();
        }
        for (Expr c : children) {
            Expr found = find(c, test);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
