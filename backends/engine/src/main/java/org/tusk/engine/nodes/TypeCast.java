package org.tusk.engine.nodes;

/** TypeCast: x::type, CAST(x AS type), type 'literal'. */
public record TypeCast(RawNode arg, TypeName typeName, int location) implements RawNode {}
