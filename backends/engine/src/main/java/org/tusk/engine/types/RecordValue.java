package org.tusk.engine.types;

import java.util.Arrays;

/** A composite (row) value: its type's OID (record = 2249 for anonymous rows) and its field values. */
public record RecordValue(int typeOid, Object[] fields) {
    @Override
    public boolean equals(Object o) {
        return o instanceof RecordValue r && r.typeOid == typeOid && Arrays.deepEquals(r.fields, fields);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(fields) * 31 + typeOid;
    }

    @Override
    public String toString() {
        return "RecordValue" + Arrays.deepToString(fields);
    }
}
