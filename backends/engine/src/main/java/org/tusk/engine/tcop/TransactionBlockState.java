package org.tusk.engine.tcop;

/** xact.c's TBlockState, reduced to what the engine tracks for now. */
enum TransactionBlockState {
    /** No transaction. */
    DEFAULT,
    /** An implicit (single Query message or extended-protocol batch) transaction is running. */
    STARTED,
    /** Inside BEGIN ... COMMIT. */
    INPROGRESS,
    /** A transaction block that failed: only COMMIT/ROLLBACK are accepted. */
    ABORT,
    /** An implicit transaction that failed: rolled back at the next sync. */
    IMPLICIT_ABORT;

    char readyForQueryStatus() {
        switch (this) {
            case INPROGRESS: return 'T';
            case ABORT: return 'E';
            default: return 'I';
        }
    }
}
