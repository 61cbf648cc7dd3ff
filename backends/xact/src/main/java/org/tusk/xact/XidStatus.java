package org.tusk.xact;

/** A transaction's state in the commit log (PostgreSQL's XidStatus, 2 bits per xid). */
public enum XidStatus {
    IN_PROGRESS(0),
    COMMITTED(1),
    ABORTED(2),
    /** Committed as part of a parent that has not finished committing yet: ask the parent. */
    SUB_COMMITTED(3);

    private final int code;

    XidStatus(int code) {
        this.code = code;
    }

    /** The 2-bit value stored in pg_xact. */
    public int code() {
        return code;
    }

    public static XidStatus ofCode(int code) {
        return values()[code & 3];
    }
}
