package org.tusk.engine.nodes;

/** NamedArgExpr (raw form): name => value in a function call. */
public record NamedArgExpr(RawNode arg, String name, int location) implements RawNode {}
