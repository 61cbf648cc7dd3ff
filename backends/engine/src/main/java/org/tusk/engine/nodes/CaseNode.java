package org.tusk.engine.nodes;

import java.util.List;

/** CASE [arg] WHEN ... [ELSE ...] END. */
public record CaseNode(RawNode arg, List<CaseWhenNode> whens, RawNode defaultResult, int location) implements RawNode {}
