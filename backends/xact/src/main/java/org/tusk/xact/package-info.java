/**
 * Transactions (PostgreSQL's access/transam and storage/ipc/procarray.c):
 * transaction ids, the commit log, subtransaction parents, the ProcArray of
 * running transactions, MVCC snapshots and the per-process transaction
 * manager. Entry point: {@link TransactionSystem}. See the module README.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.tusk.xact;
