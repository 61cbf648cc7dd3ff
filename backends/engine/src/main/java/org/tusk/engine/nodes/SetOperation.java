package org.tusk.engine.nodes;

/** SetOperation of a SelectStmt: NONE for a leaf SELECT/VALUES. */
public enum SetOperation {
    NONE, UNION, INTERSECT, EXCEPT
}
