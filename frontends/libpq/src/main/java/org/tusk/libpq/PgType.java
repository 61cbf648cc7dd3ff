package org.tusk.libpq;

/** The built-in type OIDs the client decodes (PostgreSQL's pg_type.dat). */
public final class PgType {
    private PgType() {}

    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int XID = 28;
    public static final int CID = 29;
    public static final int XID8 = 5069;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int MONEY = 790;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int NUMERIC = 1700;

    /** Whether psql right-aligns values of this type (print.c's column_type_alignment). */
    public static boolean isNumeric(int oid) {
        switch (oid) {
            case INT2: case INT4: case INT8: case FLOAT4: case FLOAT8: case NUMERIC:
            case OID: case XID: case XID8: case CID: case MONEY:
                return true;
            default:
                return false;
        }
    }
}
