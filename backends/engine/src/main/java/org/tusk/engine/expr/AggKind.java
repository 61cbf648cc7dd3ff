package org.tusk.engine.expr;

/** The built-in aggregates. */
public enum AggKind { COUNT_STAR, COUNT, SUM, MIN, MAX }
