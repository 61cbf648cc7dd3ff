package org.tusk.engine.nodes;

/** CURRENT_TIMESTAMP, CURRENT_USER, ... : keywords that act as functions (SQLValueFunction). */
public record SqlValueFunctionNode(String name, int location) implements RawNode {}
