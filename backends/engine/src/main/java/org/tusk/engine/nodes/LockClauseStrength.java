package org.tusk.engine.nodes;

/** LockClauseStrength: FOR KEY SHARE, FOR SHARE, FOR NO KEY UPDATE, FOR UPDATE. */
public enum LockClauseStrength {
    NONE, FOR_KEY_SHARE, FOR_SHARE, FOR_NO_KEY_UPDATE, FOR_UPDATE
}
