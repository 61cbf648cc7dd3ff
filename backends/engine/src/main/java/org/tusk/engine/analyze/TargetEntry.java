package org.tusk.engine.analyze;

import org.tusk.engine.expr.Expr;

/** An output column: expression, label, and the source table column if it is a plain column reference. */
public record TargetEntry(String name, Expr expr, int tableOid, short attnum) {}
