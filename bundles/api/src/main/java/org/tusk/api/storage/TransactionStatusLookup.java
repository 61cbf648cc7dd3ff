package org.tusk.api.storage;

/**
 * The status of any transaction now (TransactionIdIsInProgress +
 * TransactionIdDidCommit): a transaction that no longer runs and never
 * committed, crashed ones included, reads as ABORTED. The storage core
 * registers one as a service in every process; VACUUM and page checkers use
 * it outside any transaction.
 */
@FunctionalInterface
public interface TransactionStatusLookup {

    TransactionStatus status(int xid);
}
