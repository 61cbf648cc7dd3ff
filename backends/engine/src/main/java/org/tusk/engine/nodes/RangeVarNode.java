package org.tusk.engine.nodes;

/** A relation in FROM: [schema.]name [[AS] alias]. */
public record RangeVarNode(String schema, String name, String alias, int location) implements RawNode {}
