package org.tusk.engine.types;

import java.util.List;

/**
 * The shape of a composite value (a TupleDesc): the composite type's OID
 * (a named composite's pg_type OID, or record, 2249, for an anonymous row)
 * and its live fields in order. Dropped attributes are not listed.
 *
 * <p>Each field has its name, the built-in type carrying its values (its
 * representation, see {@link UserTypes}), its typmod and its own pg_type OID
 * (the user type's for user-typed fields, which record_send writes and
 * record_in uses to find a nested composite's shape).
 */
public record RowType(int typeOid, List<Field> fields) {

    /** One attribute of the row type. */
    public record Field(String name, PgType type, int typmod, int typeOid) {

        public static Field of(String name, PgType type, int typmod) {
            return new Field(name, type, typmod, type.oid());
        }
    }

    public RowType {
        fields = List.copyOf(fields);
    }

    /** An anonymous row type (RECORD) with these fields. */
    public static RowType anonymous(List<Field> fields) {
        return new RowType(PgType.RECORD.oid(), fields);
    }

    public boolean isNamed() {
        return typeOid != PgType.RECORD.oid();
    }

    public int size() {
        return fields.size();
    }

    public Field field(int i) {
        return fields.get(i);
    }

    /** The 0-based position of the field called {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** format_type of the row type: the named composite's name, else "record". */
    public String typeName() {
        if (isNamed()) {
            UserTypes.UserType u = UserTypes.byOid(typeOid);
            if (u != null) {
                return u.name();
            }
        }
        return "record";
    }
}
