package org.tusk.engine.nodes;

import java.util.List;

/** CaseExpr (raw form): CASE [arg] WHEN ... [ELSE defresult] END. */
public record CaseExprNode(RawNode arg, List<CaseWhen> args, RawNode defresult, int location) implements RawNode {}
