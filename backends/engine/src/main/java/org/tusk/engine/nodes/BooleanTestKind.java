package org.tusk.engine.nodes;

/** BoolTestType: IS [NOT] TRUE/FALSE/UNKNOWN. */
public enum BooleanTestKind {
    IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE, IS_UNKNOWN, IS_NOT_UNKNOWN
}
