package org.tusk.engine.nodes;

/** DropBehavior: RESTRICT (default) or CASCADE. */
public enum DropBehavior {
    RESTRICT, CASCADE
}
