package org.tusk.engine.nodes;

/** FetchDirection: FORWARD/BACKWARD with a count, or ABSOLUTE/RELATIVE positions. */
public enum FetchDirection {
    FORWARD, BACKWARD, ABSOLUTE, RELATIVE
}
