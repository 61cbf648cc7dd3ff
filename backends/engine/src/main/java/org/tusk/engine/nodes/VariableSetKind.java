package org.tusk.engine.nodes;

/** VariableSetKind. */
public enum VariableSetKind { VALUE, DEFAULT, RESET, RESET_ALL }
