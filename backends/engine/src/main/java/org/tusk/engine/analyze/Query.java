package org.tusk.engine.analyze;

import java.util.List;

import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.AggrefExpr;
import org.tusk.engine.expr.Expr;

/**
 * An analyzed SELECT (parsenodes.h's Query): output columns, the scanned
 * relation (null without FROM), qualification, aggregates, sort and limits.
 */
public record Query(List<TargetEntry> targets, VirtualRelation relation, Expr where, List<AggrefExpr> aggregates,
        List<SortKey> sortKeys, Expr limitCount, Expr limitOffset) {
    public boolean hasAggregates() {
        return !aggregates.isEmpty();
    }
}
