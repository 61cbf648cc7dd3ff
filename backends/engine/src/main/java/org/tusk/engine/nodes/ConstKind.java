package org.tusk.engine.nodes;

/** The kinds of literal the grammar produces (A_Const's Value node types: Integer, Float, String, Boolean, BitString) and NULL. */
public enum ConstKind {
    INTEGER, FLOAT, STRING, BOOLEAN, BITSTRING, NULL
}
