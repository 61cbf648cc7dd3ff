package org.tusk.api.engine;

/**
 * One result column as RowDescription describes it.
 *
 * @param name       column label
 * @param tableOid   OID of the source table, or 0
 * @param attnum     attribute number in that table, or 0
 * @param typeOid    PostgreSQL type OID (int4 = 23, text = 25, ...)
 * @param typlen     pg_type.typlen (-1 varlena, -2 cstring)
 * @param typmod     type modifier, -1 when none
 * @param format     0 text, 1 binary
 */
public record Column(String name, int tableOid, short attnum, int typeOid, short typlen, int typmod, short format) {
    public Column withFormat(short newFormat) {
        return new Column(name, tableOid, attnum, typeOid, typlen, typmod, newFormat);
    }
}
