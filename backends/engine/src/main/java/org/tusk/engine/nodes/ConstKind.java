package org.tusk.engine.nodes;

/** The kinds of literal the grammar produces (A_Const's Value node types). */
public enum ConstKind { INTEGER, FLOAT, STRING, BOOLEAN, NULL }
