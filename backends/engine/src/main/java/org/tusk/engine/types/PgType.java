package org.tusk.engine.types;

import java.util.HashMap;
import java.util.Map;

/**
 * The built-in types the engine knows, with PostgreSQL's pg_type OIDs, typlen,
 * type category and preferred flag (used by operator and function resolution,
 * as in parse_func.c / parse_oper.c).
 */
public enum PgType {
    BOOL(16, "bool", "boolean", 1, 'B', true),
    INT2(21, "int2", "smallint", 2, 'N', false),
    INT4(23, "int4", "integer", 4, 'N', false),
    INT8(20, "int8", "bigint", 8, 'N', false),
    NUMERIC(1700, "numeric", "numeric", -1, 'N', false),
    FLOAT4(700, "float4", "real", 4, 'N', false),
    FLOAT8(701, "float8", "double precision", 8, 'N', true),
    TEXT(25, "text", "text", -1, 'S', true),
    VARCHAR(1043, "varchar", "character varying", -1, 'S', false),
    BPCHAR(1042, "bpchar", "character", -1, 'S', false),
    NAME(19, "name", "name", 64, 'S', false),
    OID(26, "oid", "oid", 4, 'N', true),
    XID(28, "xid", "xid", 4, 'U', false),
    INET(869, "inet", "inet", -1, 'I', true),
    DATE(1082, "date", "date", 4, 'D', false),
    TIMESTAMP(1114, "timestamp", "timestamp without time zone", 8, 'D', false),
    TIMESTAMPTZ(1184, "timestamptz", "timestamp with time zone", 8, 'D', true),
    VOID(2278, "void", "void", 4, 'P', false),
    UNKNOWN(705, "unknown", "unknown", -2, 'X', false);

    private static final Map<Integer, PgType> BY_OID = new HashMap<>();
    static {
        for (PgType t : values()) {
            BY_OID.put(t.oid, t);
        }
    }

    private final int oid;
    private final String typname;
    private final String displayName;
    private final short typlen;
    private final char category;
    private final boolean preferred;

    PgType(int oid, String typname, String displayName, int typlen, char category, boolean preferred) {
        this.oid = oid;
        this.typname = typname;
        this.displayName = displayName;
        this.typlen = (short) typlen;
        this.category = category;
        this.preferred = preferred;
    }

    public int oid() { return oid; }
    /** pg_type.typname, e.g. "int4": what a cast's default column name is. */
    public String typname() { return typname; }
    /** format_type()'s spelling, e.g. "integer": what error messages show. */
    public String displayName() { return displayName; }
    public short typlen() { return typlen; }
    public char category() { return category; }
    public boolean preferred() { return preferred; }

    public boolean isStringLike() { return category == 'S'; }
    public boolean isInteger() { return this == INT2 || this == INT4 || this == INT8; }

    /** The type with this OID, or null. */
    public static PgType byOid(int oid) {
        return BY_OID.get(oid);
    }

    /** format_type() with a typmod, e.g. "character varying(10)", "numeric(10,2)". */
    public String displayName(int typmod) {
        if (typmod < 0) {
            return displayName;
        }
        switch (this) {
            case VARCHAR: case BPCHAR: return displayName + "(" + (typmod - 4) + ")";
            case NUMERIC: return "numeric(" + (((typmod - 4) >> 16) & 0xffff) + "," + ((typmod - 4) & 0xffff) + ")";
            default: return displayName;
        }
    }
}
