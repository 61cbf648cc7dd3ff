package org.tusk.engine.nodes;

/** VariableSetKind: SET x = v, SET x TO DEFAULT, SET x FROM CURRENT, RESET x, RESET ALL. */
public enum VariableSetKind {
    VALUE, DEFAULT, CURRENT, RESET, RESET_ALL
}
