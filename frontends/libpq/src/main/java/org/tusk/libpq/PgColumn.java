package org.tusk.libpq;

/**
 * One field of a RowDescription.
 *
 * @param name       column label
 * @param tableOid   OID of the source table, 0 if none
 * @param tableColumn attribute number in that table, 0 if none
 * @param typeOid    data type OID (see {@link PgType})
 * @param typeSize   pg_type.typlen
 * @param typeModifier atttypmod
 * @param format     0 text, 1 binary
 */
public record PgColumn(String name, int tableOid, int tableColumn, int typeOid, int typeSize, int typeModifier, int format) {
}
