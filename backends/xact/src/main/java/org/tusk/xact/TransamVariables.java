package org.tusk.xact;

/**
 * The shared xid counters (PostgreSQL's TransamVariables, varsup.c): the
 * next full xid, handed out under XidGenLock, and the wraparound limits
 * derived from the oldest unfrozen xid.
 */
public interface TransamVariables {

    /** The full xid the next assignment will return (its 32-bit part may still be special: it is skipped). */
    long nextFullXid();

    /** The oldest xid still present unfrozen anywhere (datfrozenxid of the oldest database); 0 if unknown. */
    int oldestXid();

    /** New xids are refused from this one on ("not accepting commands"); 0 if no limit is set. */
    int xidStopLimit();

    /** New xids log a WARNING from this one on; 0 if no limit is set. */
    int xidWarnLimit();

    /**
     * SetTransactionIdLimit: records the oldest unfrozen xid (and its database,
     * named in the messages) and derives the warn and stop limits.
     */
    void setOldestXid(int oldestXid, int oldestXidDatabase);

    /**
     * AdvanceNextFullTransactionIdPastXid: during recovery, makes sure the
     * next xid is after {@code xid}, seen in the WAL.
     */
    void advanceNextXidPast(int xid);
}
