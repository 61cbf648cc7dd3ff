package org.tusk.engine.executor.modify;

import org.tusk.engine.expr.Expr;

/**
 * A row-level security WithCheckOption (WCO_RLS_INSERT_CHECK / WCO_RLS_UPDATE_CHECK): {@code expr}
 * over the target's new row in the target's column order; anything but true is 42501. {@code policyName}
 * is null for the permissive policies' combination, a restrictive policy's name otherwise;
 * {@code relationName} is the target as the statement named it (not the partition a row goes to).
 */
public record PolicyCheck(String policyName, String relationName, Expr expr) {
}
