package org.tusk.api.storage;

/** The files of one relation (PostgreSQL's ForkNumber), with their file name suffixes. */
public enum ForkNumber {
    MAIN(""), FSM("_fsm"), VISIBILITY_MAP("_vm"), INIT("_init");

    private final String suffix;

    ForkNumber(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** The fork with number {@code ordinal} as stored in WAL records. */
    public static ForkNumber of(int ordinal) {
        ForkNumber[] all = values();
        if (ordinal < 0 || ordinal >= all.length) {
            throw new IllegalArgumentException("invalid fork number " + ordinal);
        }
        return all[ordinal];
    }
}
