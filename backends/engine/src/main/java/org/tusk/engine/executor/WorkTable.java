package org.tusk.engine.executor;

/** The working table of a recursive WITH query: the rows of the previous iteration, read by WorkTableScan. */
public final class WorkTable {
    TupleStore current;
}
