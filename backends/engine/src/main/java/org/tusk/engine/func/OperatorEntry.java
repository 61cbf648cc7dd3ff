package org.tusk.engine.func;

import org.tusk.engine.types.PgType;

/**
 * One pg_operator row: a prefix operator has a null left type. {@code proc} is
 * the pg_proc row of oprcode.
 */
public record OperatorEntry(int oid, String name, PgType left, PgType right, PgType result, int commutatorOid,
        int negatorOid, ProcEntry proc) {
    public boolean isPrefix() {
        return left == null;
    }
}
