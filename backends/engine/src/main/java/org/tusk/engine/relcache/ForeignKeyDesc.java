package org.tusk.engine.relcache;

/**
 * A FOREIGN KEY constraint as the executor enforces it (RI_ConstraintInfo in
 * ri_triggers.c): the referencing table {@code conrelid} and its key columns
 * {@code conkey}, the referenced table {@code confrelid} and {@code confkey}
 * (attnums, pairwise), the ON UPDATE / ON DELETE actions ('a' no action,
 * 'r' restrict, 'c' cascade, 'n' set null, 'd' set default) and the match type
 * ('s' simple, 'f' full).
 */
public record ForeignKeyDesc(long oid, String name, int conrelid, int[] conkey, int confrelid, int[] confkey,
        char updateAction, char deleteAction, char matchType, boolean deferrable, boolean initiallyDeferred) {
}
