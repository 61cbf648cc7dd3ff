package org.tusk.api.storage;

/**
 * What an index access method needs to know about one index (the parts of
 * PostgreSQL's Relation an AM reads): its name for messages, its files, the
 * table it indexes, whether it is unique, and its key order.
 *
 * @param name       the index's name, used in error messages ("... violates unique constraint \"name\"")
 * @param index      the index's files
 * @param heap       the indexed table's files (heap TIDs in the index point into them)
 * @param unique     whether equal keys of two live rows are an error (23505)
 * @param comparator the key order
 */
public record IndexDescriptor(String name, RelFileLocator index, RelFileLocator heap, boolean unique,
        IndexKeyComparator comparator) {
}
