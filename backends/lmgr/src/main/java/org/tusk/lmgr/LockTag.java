package org.tusk.lmgr;

import java.util.Objects;

/**
 * The name of a lockable object (PostgreSQL's LOCKTAG): a type and four
 * fields whose meaning depends on it. Fields are unsigned 32-bit values (oids,
 * block numbers, xids) kept in Java ints; {@code field4} is 16 bits in
 * PostgreSQL (tuple offset, object sub id, advisory key kind).
 */
public record LockTag(LockTagType type, int field1, int field2, int field3, int field4) {

    public LockTag {
        Objects.requireNonNull(type, "type");
    }

    // Written out instead of the record's generated ones: every lock acquire and release looks its tag up in
    // the backend's local lock table, and the generated methods (invokedynamic, a method handle per field) cost
    // several times these in C1-compiled code. Process-local only: the shared table hashes tags itself.
    @Override
    public int hashCode() {
        int h = type.ordinal();
        h = h * 31 + field1;
        h = h * 31 + field2;
        h = h * 31 + field3;
        return h * 31 + field4;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockTag t && t.type == type && t.field1 == field1 && t.field2 == field2
                && t.field3 == field3 && t.field4 == field4;
    }

    public static LockTag relation(int database, int relation) {
        return new LockTag(LockTagType.RELATION, database, relation, 0, 0);
    }

    public static LockTag relationExtend(int database, int relation) {
        return new LockTag(LockTagType.RELATION_EXTEND, database, relation, 0, 0);
    }

    public static LockTag page(int database, int relation, int block) {
        return new LockTag(LockTagType.PAGE, database, relation, block, 0);
    }

    public static LockTag tuple(int database, int relation, int block, int offset) {
        return new LockTag(LockTagType.TUPLE, database, relation, block, offset);
    }

    public static LockTag transaction(int xid) {
        return new LockTag(LockTagType.TRANSACTION, xid, 0, 0, 0);
    }

    public static LockTag virtualTransaction(int procNumber, int localTransactionId) {
        return new LockTag(LockTagType.VIRTUAL_TRANSACTION, procNumber, localTransactionId, 0, 0);
    }

    public static LockTag object(int database, int classId, int objectId, int subId) {
        return new LockTag(LockTagType.OBJECT, database, classId, objectId, subId);
    }

    /** pg_advisory_lock(bigint): the key's high and low halves, kind 1. */
    public static LockTag advisory(int database, long key) {
        return new LockTag(LockTagType.ADVISORY, database, (int) (key >>> 32), (int) key, 1);
    }

    /** pg_advisory_lock(int, int): the two keys, kind 2. */
    public static LockTag advisory(int database, int key1, int key2) {
        return new LockTag(LockTagType.ADVISORY, database, key1, key2, 2);
    }

    /** The object as PostgreSQL's DescribeLockTag words it in deadlock reports ("transaction 745"). */
    public String describe() {
        return switch (type) {
            case RELATION -> "relation " + u(field2) + " of database " + u(field1);
            case RELATION_EXTEND -> "extension of relation " + u(field2) + " of database " + u(field1);
            case PAGE -> "page " + u(field3) + " of relation " + u(field2) + " of database " + u(field1);
            case TUPLE -> "tuple (" + u(field3) + "," + u(field4) + ") of relation " + u(field2) + " of database "
                    + u(field1);
            case TRANSACTION -> "transaction " + u(field1);
            case VIRTUAL_TRANSACTION -> "virtual transaction " + field1 + "/" + u(field2);
            case OBJECT -> "object " + u(field3) + " of class " + u(field2) + " of database " + u(field1);
            case ADVISORY -> "advisory lock [" + u(field1) + "," + u(field2) + "," + u(field3) + "," + u(field4) + "]";
        };
    }

    private static String u(int value) {
        return Integer.toUnsignedString(value);
    }
}
