package org.tusk.engine.nodes;

/** GroupingSetKind: () , a plain list inside GROUPING SETS, ROLLUP, CUBE, GROUPING SETS. */
public enum GroupingSetKind {
    EMPTY, SIMPLE, ROLLUP, CUBE, SETS
}
