package org.tusk.engine.nodes;

/** CTEMaterialize: [NOT] MATERIALIZED. */
public enum CTEMaterialize {
    DEFAULT, ALWAYS, NEVER
}
