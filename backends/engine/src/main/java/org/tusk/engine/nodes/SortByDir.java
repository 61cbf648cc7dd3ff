package org.tusk.engine.nodes;

/** SortByDir. */
public enum SortByDir {
    DEFAULT, ASC, DESC, USING
}
