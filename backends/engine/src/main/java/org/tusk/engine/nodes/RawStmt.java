package org.tusk.engine.nodes;

/** A top-level statement of the raw parse tree. */
public interface RawStmt {
    /** The command tag's first word(s), known before analysis. */
    String commandName();
}
