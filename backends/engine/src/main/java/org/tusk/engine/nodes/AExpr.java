package org.tusk.engine.nodes;

import java.util.List;

/** A_Expr: an operator-like expression. {@code name} is the (possibly schema-qualified) operator name; for IN and BETWEEN {@code rexpr} is a {@link NodeList}. {@code lexpr} is null for a prefix operator. */
public record AExpr(AExprKind kind, List<String> name, RawNode lexpr, RawNode rexpr, int location) implements RawNode {
    /** The operator name without its schema. */
    public String opName() {
        return name.get(name.size() - 1);
    }
}
