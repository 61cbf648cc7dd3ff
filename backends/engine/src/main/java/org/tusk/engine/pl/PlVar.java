package org.tusk.engine.pl;

import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * A PL/pgSQL variable (PLpgSQL_var, or PLpgSQL_rec for RECORD and
 * %ROWTYPE): a scalar of a declared type, or a record whose shape is fixed
 * by the declared row type or taken from the last row assigned to it.
 */
final class PlVar {
    final String name;
    PgType type;
    final boolean isRecord;
    boolean constant;
    boolean notNull;
    Object value;
    /** Records: field names and types (null until a row is assigned to a RECORD), and values (null = NULL row). */
    List<String> fieldNames;
    List<PgType> fieldTypes;
    Object[] fields;

    PlVar(String name, PgType type) {
        this.name = name;
        this.type = type;
        this.isRecord = false;
    }

    PlVar(String name, List<String> fieldNames, List<PgType> fieldTypes) {
        this.name = name;
        this.type = PgType.RECORD;
        this.isRecord = true;
        this.fieldNames = fieldNames;
        this.fieldTypes = fieldTypes;
    }

    int field(String fieldName) {
        return fieldNames == null ? -1 : fieldNames.indexOf(fieldName);
    }
}
