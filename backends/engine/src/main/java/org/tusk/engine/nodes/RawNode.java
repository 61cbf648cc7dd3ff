package org.tusk.engine.nodes;

/** A node of the raw parse tree (gram.y's output): no types resolved yet. */
public interface RawNode {
    /** 0-based offset of the node's leading token in the query string, or -1. */
    int location();
}
