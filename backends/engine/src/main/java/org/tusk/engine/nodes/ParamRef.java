package org.tusk.engine.nodes;

/** ParamRef: $n. */
public record ParamRef(int number, int location) implements RawNode {}
