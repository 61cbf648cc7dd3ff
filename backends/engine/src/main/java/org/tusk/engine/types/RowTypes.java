package org.tusk.engine.types;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/** lookup_rowtype_tupdesc: the shape of a composite type by OID, and of an expression's record typmod. */
public final class RowTypes {
    private RowTypes() {
    }

    /** The shape of named composite {@code oid}; 42809 when it is not one. */
    public static RowType forTypeOid(int oid) {
        RowType t = UserTypes.rowType(oid);
        if (t == null) {
            PgType b = PgType.byOid(oid);
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "type " + (b != null ? b.displayName()
                    : Integer.toUnsignedString(oid)) + " is not composite");
        }
        return t;
    }

    /** The shape an expression of type record with this typmod has, or null when unknown. */
    public static RowType ofTypmod(int typmod) {
        return RecordTypmods.lookup(typmod);
    }
}
