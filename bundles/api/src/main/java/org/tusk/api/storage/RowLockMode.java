package org.tusk.api.storage;

/** Row-level lock strengths (FOR KEY SHARE, FOR SHARE, FOR NO KEY UPDATE, FOR UPDATE). */
public enum RowLockMode {
    KEY_SHARE, SHARE, NO_KEY_UPDATE, UPDATE
}
