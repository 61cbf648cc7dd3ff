package org.tusk.engine.nodes;

/** AND, OR, NOT. */
public enum BoolOp { AND, OR, NOT }
