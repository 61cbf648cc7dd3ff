package org.tusk.engine.nodes;

/** OnCommitAction of CREATE TEMP TABLE. */
public enum OnCommitAction {
    NOOP, PRESERVE_ROWS, DELETE_ROWS, DROP
}
