package org.tusk.engine.nodes;

/** OnConflictAction. */
public enum OnConflictAction {
    NONE, NOTHING, UPDATE
}
