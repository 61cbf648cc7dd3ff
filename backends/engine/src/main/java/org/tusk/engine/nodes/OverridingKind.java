package org.tusk.engine.nodes;

/** OverridingKind of INSERT ... OVERRIDING {USER|SYSTEM} VALUE. */
public enum OverridingKind {
    NOT_SET, USER_VALUE, SYSTEM_VALUE
}
