/**
 * Storage manager and shared buffers (PostgreSQL's storage/smgr, storage/buffer,
 * bufpage.c and checksum.c): {@link org.tusk.buffer.Smgr} reads and writes
 * relation fork files in 1 GB segments, {@link org.tusk.buffer.BufferManager}
 * caches their 8 kB pages in shared memory for every process, {@link
 * org.tusk.buffer.Page} and {@link org.tusk.buffer.PageChecksum} know the page
 * format. See the module README for the invariants.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.tusk.buffer;
