/** Implementation of the WAL: record format, shared buffers, segment files. Not exported. */
package org.tusk.wal.internal;
