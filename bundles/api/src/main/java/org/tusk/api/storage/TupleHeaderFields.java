package org.tusk.api.storage;

/**
 * The fields of a tuple version's header that SQL can read as system columns
 * (heap_getsysattr): {@code xmin} the inserting transaction, {@code xmax} the
 * raw deleting or locking transaction (0 when none), and {@code rawCommandId}
 * the raw command id (t_cid; PostgreSQL shows it as both cmin and cmax, a
 * combo id when one transaction inserted and deleted the version).
 * Transaction ids are 32-bit and unsigned, as on disk.
 *
 * @since 1.4
 */
public record TupleHeaderFields(int xmin, int xmax, int rawCommandId) {
}
