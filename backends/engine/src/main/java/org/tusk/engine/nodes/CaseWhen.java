package org.tusk.engine.nodes;

/** CaseWhen: WHEN expr THEN result. */
public record CaseWhen(RawNode expr, RawNode result, int location) implements RawNode {}
