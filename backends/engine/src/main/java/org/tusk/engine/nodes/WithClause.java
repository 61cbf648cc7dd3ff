package org.tusk.engine.nodes;

import java.util.List;

/** WithClause: WITH [RECURSIVE] ctes. */
public record WithClause(List<CommonTableExpr> ctes, boolean recursive, int location) implements RawNode {}
