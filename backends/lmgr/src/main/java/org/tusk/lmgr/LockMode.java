package org.tusk.lmgr;

/**
 * The eight table lock modes of PostgreSQL (lockdefs.h), weakest first, with
 * its conflict table. Bit {@code 1 << ordinal()} stands for a mode in the
 * masks of the lock table (PostgreSQL's LOCKBIT_ON, shifted down by one since
 * Java ordinals start at 0).
 */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private static final LockMode[] VALUES = values();

    /** LockConflicts[] of lock.c: for each mode, the modes it conflicts with. */
    private static final int[] CONFLICTS = {
        /* AccessShare */ bits(7),
        /* RowShare */ bits(6, 7),
        /* RowExclusive */ bits(4, 5, 6, 7),
        /* ShareUpdateExclusive */ bits(3, 4, 5, 6, 7),
        /* Share */ bits(2, 3, 5, 6, 7),
        /* ShareRowExclusive */ bits(2, 3, 4, 5, 6, 7),
        /* Exclusive */ bits(1, 2, 3, 4, 5, 6, 7),
        /* AccessExclusive */ bits(0, 1, 2, 3, 4, 5, 6, 7),
    };

    private final String displayName;

    LockMode(String displayName) {
        this.displayName = displayName;
    }

    /** PostgreSQL's name, as pg_locks.mode and error messages show it ("AccessShareLock"). */
    public String displayName() {
        return displayName;
    }

    /** This mode's bit in lock masks. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The bits of every mode this one conflicts with. */
    public int conflictMask() {
        return CONFLICTS[ordinal()];
    }

    public boolean conflictsWith(LockMode other) {
        return (conflictMask() & other.bit()) != 0;
    }

    /** The mode whose bit is {@code 1 << ordinal}. */
    public static LockMode ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** The mode named {@code name} ("ShareLock", case-insensitive), as LOCK TABLE's parser needs. */
    public static LockMode fromDisplayName(String name) {
        for (LockMode mode : VALUES) {
            if (mode.displayName.equalsIgnoreCase(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unrecognized lock mode: " + name);
    }

    @Override
    public String toString() {
        return displayName;
    }

    private static int bits(int... ordinals) {
        int mask = 0;
        for (int o : ordinals) {
            mask |= 1 << o;
        }
        return mask;
    }
}
