package org.tusk.engine.nodes;

/** FunctionParameterMode. */
public enum FunctionParameterMode {
    IN, OUT, INOUT, VARIADIC, TABLE, DEFAULT
}
