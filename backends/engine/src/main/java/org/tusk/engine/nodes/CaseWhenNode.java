package org.tusk.engine.nodes;

/** WHEN expr THEN result. */
public record CaseWhenNode(RawNode expr, RawNode result, int location) implements RawNode {}
