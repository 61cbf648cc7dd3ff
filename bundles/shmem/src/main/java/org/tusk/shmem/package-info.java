/**
 * Tusk's shared memory: one mapped file shared by the postmaster and every
 * backend process, holding spinlocks, LWLocks, per-process latches and the
 * per-backend slots (PGPROC and PgBackendStatus) behind pg_stat_activity.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package org.tusk.shmem;
