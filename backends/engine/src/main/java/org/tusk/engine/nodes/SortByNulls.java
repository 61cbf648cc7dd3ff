package org.tusk.engine.nodes;

/** SortByNulls. */
public enum SortByNulls {
    DEFAULT, FIRST, LAST
}
