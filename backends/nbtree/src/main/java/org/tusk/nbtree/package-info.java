/**
 * The B-tree index access method (PostgreSQL's access/nbtree): Lehman–Yao
 * trees of 8 kB pages in shared buffers, WAL for every change.
 * {@link org.tusk.nbtree.BTreeAccessMethod} is the index AM ("btree"),
 * {@link org.tusk.nbtree.BTreeResourceManager} replays its WAL,
 * {@link org.tusk.nbtree.BTreeCheck} verifies an index (amcheck's
 * bt_index_check). See the module README for formats and invariants.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.tusk.nbtree;
