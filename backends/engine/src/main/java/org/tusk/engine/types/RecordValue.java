package org.tusk.engine.types;

import java.util.Arrays;

/**
 * A composite (row) value: its shape ({@link RowType}, which names the
 * composite type or is an anonymous record) and its field values in the
 * engine's representation of each field's type (null = SQL NULL field).
 * A NULL row is Java null; a row whose fields are all NULL is not.
 */
public record RecordValue(RowType type, Object[] fields) {

    /** The composite type's OID (2249 for an anonymous record). */
    public int typeOid() {
        return type.typeOid();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordValue r && r.type.typeOid() == type.typeOid() && Arrays.deepEquals(r.fields, fields);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(fields) * 31 + type.typeOid();
    }

    @Override
    public String toString() {
        return "RecordValue" + Arrays.deepToString(fields);
    }
}
