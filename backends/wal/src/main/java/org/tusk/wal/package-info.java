/**
 * The write-ahead log (PostgreSQL's xlog): records inserted by many processes
 * into shared WAL buffers, flushed at commit with group commit, read back by
 * recovery and dispatched to resource managers for redo. See the module README.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.tusk.wal;
