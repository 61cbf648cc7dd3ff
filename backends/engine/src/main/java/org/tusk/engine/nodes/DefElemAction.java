package org.tusk.engine.nodes;

/** DefElemAction (ALTER ... OPTIONS (SET/ADD/DROP ...)). */
public enum DefElemAction {
    UNSPEC, SET, ADD, DROP
}
