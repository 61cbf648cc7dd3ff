/**
 * The memory table access method: tuple versions in 8 kB blocks of a shared
 * memory area instead of relation files, with the heap's MVCC rules, no WAL
 * and no durability (the area is zeroed at every start and crash reset).
 * {@link org.tusk.memam.MemoryAccessMethod} is the table AM ("memory"). See
 * the module README for the shared-memory layout and invariants.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.tusk.memam;
