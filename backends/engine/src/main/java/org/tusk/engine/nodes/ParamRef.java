package org.tusk.engine.nodes;

/** $n. */
public record ParamRef(int number, int location) implements RawNode {}
