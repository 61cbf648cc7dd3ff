/**
 * The heap table access method (PostgreSQL's access/heap): tuples in 8 kB
 * slotted pages of shared buffers, MVCC visibility by xmin/xmax, WAL for every
 * change. {@link org.tusk.heapam.HeapAccessMethod} is the table AM ("heap"),
 * {@link org.tusk.heapam.HeapResourceManager} and
 * {@link org.tusk.heapam.Heap2ResourceManager} replay its WAL,
 * {@link org.tusk.heapam.HeapCheck} verifies a relation (amcheck's
 * verify_heapam). See the module README for formats and invariants.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.tusk.heapam;
