package org.tusk.lmgr;

import java.time.Instant;

/**
 * One row of pg_locks: a mode that a process holds ({@code granted}) or waits
 * for on one object; {@code fastPath} when it is held in the process's
 * fast-path slots rather than in the shared lock table (pg_locks.fastpath).
 * The column accessors give null where pg_locks shows NULL for this lock
 * type; oids and xids are unsigned, hence longs.
 */
public record LockStatus(LockTag tag, LockMode lockMode, int procNumber, int pid, boolean granted,
        Instant waitStart, boolean fastPath) {

    /** A row of the shared lock table (fastpath = false). */
    public LockStatus(LockTag tag, LockMode lockMode, int procNumber, int pid, boolean granted, Instant waitStart) {
        this(tag, lockMode, procNumber, pid, granted, waitStart, false);
    }

    public String locktype() {
        return tag.type().lockTypeName();
    }

    public Long database() {
        return switch (tag.type()) {
            case RELATION, RELATION_EXTEND, PAGE, TUPLE, OBJECT, ADVISORY -> unsigned(tag.field1());
            default -> null;
        };
    }

    public Long relation() {
        return switch (tag.type()) {
            case RELATION, RELATION_EXTEND, PAGE, TUPLE -> unsigned(tag.field2());
            default -> null;
        };
    }

    public Long page() {
        return tag.type() == LockTagType.PAGE || tag.type() == LockTagType.TUPLE ? unsigned(tag.field3()) : null;
    }

    public Integer tuple() {
        return tag.type() == LockTagType.TUPLE ? tag.field4() : null;
    }

    public String virtualxid() {
        return tag.type() == LockTagType.VIRTUAL_TRANSACTION
                ? tag.field1() + "/" + Integer.toUnsignedString(tag.field2()) : null;
    }

    public Long transactionid() {
        return tag.type() == LockTagType.TRANSACTION ? unsigned(tag.field1()) : null;
    }

    public Long classid() {
        return switch (tag.type()) {
            case OBJECT -> unsigned(tag.field2());
            case ADVISORY -> unsigned(tag.field2());
            default -> null;
        };
    }

    public Long objid() {
        return switch (tag.type()) {
            case OBJECT -> unsigned(tag.field3());
            case ADVISORY -> unsigned(tag.field3());
            default -> null;
        };
    }

    public Integer objsubid() {
        return tag.type() == LockTagType.OBJECT || tag.type() == LockTagType.ADVISORY ? tag.field4() : null;
    }

    /** pg_locks.mode ("RowExclusiveLock"). */
    public String mode() {
        return lockMode.displayName();
    }

    private static long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }
}
