package org.tusk.engine.nodes;

/** x::type, CAST(x AS type), type 'literal'. */
public record TypeCastNode(RawNode arg, TypeNameNode typeName, int location) implements RawNode {}
