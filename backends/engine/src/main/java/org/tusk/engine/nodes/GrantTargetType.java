package org.tusk.engine.nodes;

/** GrantTargetType: named objects, ALL ... IN SCHEMA, or default privileges. */
public enum GrantTargetType {
    OBJECT, ALL_IN_SCHEMA, DEFAULTS
}
