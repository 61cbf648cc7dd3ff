package org.tusk.lmgr;

/** What a {@link LockTag} names (PostgreSQL's LockTagType), with pg_locks' {@code locktype} text. */
public enum LockTagType {
    /** A whole relation: (database, relation). */
    RELATION("relation"),
    /** The right to extend a relation: (database, relation). */
    RELATION_EXTEND("extend"),
    /** One page of a relation: (database, relation, block). */
    PAGE("page"),
    /** One tuple: (database, relation, block, offset). */
    TUPLE("tuple"),
    /** A transaction, held exclusively by it until it ends: (xid). */
    TRANSACTION("transactionid"),
    /** A virtual transaction: (procNumber, local transaction id). */
    VIRTUAL_TRANSACTION("virtualxid"),
    /** A non-relation database object: (database, class id, object id, sub id). */
    OBJECT("object"),
    /** A user-defined advisory lock: (database, key1, key2, 1 = one int8 key / 2 = two int4 keys). */
    ADVISORY("advisory");

    private static final LockTagType[] VALUES = values();

    private final String lockTypeName;

    LockTagType(String lockTypeName) {
        this.lockTypeName = lockTypeName;
    }

    /** pg_locks.locktype. */
    public String lockTypeName() {
        return lockTypeName;
    }

    public static LockTagType ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
