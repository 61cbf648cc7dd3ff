package org.tusk.engine.analyze;

import org.tusk.engine.expr.Expr;

/** One ORDER BY key after analysis. */
public record SortKey(Expr expr, boolean descending, boolean nullsFirst) {}
