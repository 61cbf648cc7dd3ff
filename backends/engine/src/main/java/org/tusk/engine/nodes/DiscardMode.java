package org.tusk.engine.nodes;

/** DiscardMode. */
public enum DiscardMode {
    ALL, PLANS, SEQUENCES, TEMP
}
