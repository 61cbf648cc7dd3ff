package org.tusk.engine.nodes;

/** LimitOption: FETCH FIRST ... WITH TIES is WITH_TIES. */
public enum LimitOption {
    DEFAULT, COUNT, WITH_TIES
}
