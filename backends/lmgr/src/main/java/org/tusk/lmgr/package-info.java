/**
 * Heavyweight locks (PostgreSQL's storage/lmgr: lock.c, proc.c, deadlock.c):
 * table, row, transaction and advisory locks held until transaction end, kept
 * in a shared lock table so that every backend process sees them, with FIFO
 * wait queues, sleeping waiters and deadlock detection.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.tusk.lmgr;
