package org.tusk.engine.analyze;

import org.tusk.engine.nodes.*;

/** FigureColname: the default label of a select-list item without AS. */
public final class ColumnNames {
    private ColumnNames() {}

    private record Named(String name, int strength) {}

    public static String figure(RawNode node) {
        Named n = internal(node);
        return n.strength == 0 ? "?column?" : n.name;
    }

    private static Named internal(RawNode node) {
        if (node instanceof ColumnRef c) {
            if (c.star() || c.fields().isEmpty()) {
                return new Named(null, 0);
            }
            return new Named(c.fields().get(c.fields().size() - 1), 2);
        }
        if (node instanceof FuncCall f) {
            return new Named(f.lastName(), 2);
        }
        if (node instanceof GroupingFunc) {
            return new Named("grouping", 2);
        }
        if (node instanceof SubLink l) {
            switch (l.subLinkType()) {
                case EXISTS: return new Named("exists", 2);
                case ARRAY: return new Named("array", 2);
                case EXPR: {
                    // the subquery's single output column's name, if it has a strong one
                    SelectStmt s = l.subselect();
                    while (s.op() != SetOperation.NONE && s.larg() != null) {
                        s = s.larg();
                    }
                    if (s.targetList() != null && !s.targetList().isEmpty()) {
                        ResTarget t = s.targetList().get(0);
                        if (t.name() != null) {
                            return new Named(t.name(), 2);
                        }
                        Named inner = internal(t.val());
                        if (inner.strength == 2) {
                            return inner;
                        }
                    }
                    return new Named(null, 0);
                }
                default: return new Named(null, 0);
            }
        }
        if (node instanceof TypeCast t) {
            Named inner = internal(t.arg());
            if (inner.strength <= 1) {
                return new Named(t.typeName().lastName(), 1);
            }
            return inner;
        }
        if (node instanceof CaseExprNode c) {
            Named inner = c.defresult() == null ? new Named(null, 0) : internal(c.defresult());
            if (inner.strength <= 1) {
                return new Named("case", 1);
            }
            return inner;
        }
        if (node instanceof CoalesceExprNode) {
            return new Named("coalesce", 2);
        }
        if (node instanceof MinMaxExprNode m) {
            return new Named(m.greatest() ? "greatest" : "least", 2);
        }
        if (node instanceof AExpr a && a.kind() == AExprKind.NULLIF) {
            return new Named("nullif", 2);
        }
        if (node instanceof SQLValueFunction s) {
            return new Named(s.op().keyword(), 2);
        }
        if (node instanceof AArrayExpr) {
            return new Named("array", 2);
        }
        if (node instanceof AIndirection ind) {
            // the last field name if there is one, else whatever the indirected expression is called
            for (int i = ind.indirection().size() - 1; i >= 0; i--) {
                if (ind.indirection().get(i) instanceof IndirectionField f) {
                    return new Named(f.name(), 2);
                }
            }
            return internal(ind.arg());
        }
        return new Named(null, 0);
    }
}
