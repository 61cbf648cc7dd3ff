package org.tusk.engine.nodes;

/** FunctionParameter: [mode] [name] type [DEFAULT expr] of CREATE FUNCTION. */
public record FunctionParameter(String name, TypeName argType, FunctionParameterMode mode, RawNode defexpr) {}
