package org.tusk.libpq;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;

/**
 * The outcome of one statement: its status, command tag, columns and rows.
 * Values are kept as the raw bytes the server sent (text or binary format)
 * and decoded on access. Immutable, so it may be shared between threads.
 */
public final class PgResult {
    private final ResultStatus status;
    private final String commandTag;
    private final List<PgColumn> columns;
    private final List<byte[][]> rows;
    private final Charset charset;
    private final byte[] copyData;

    public PgResult(ResultStatus status, String commandTag, List<PgColumn> columns, List<byte[][]> rows, Charset charset, byte[] copyData) {
        this.status = status;
        this.commandTag = commandTag;
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.charset = charset;
        this.copyData = copyData;
    }

    public ResultStatus status() { return status; }
    /** The CommandComplete tag, e.g. "SELECT 2", "INSERT 0 1"; "" for an empty query. */
    public String commandTag() { return commandTag; }
    public List<PgColumn> columns() { return columns; }
    public int columnCount() { return columns.size(); }
    public PgColumn column(int col) { return columns.get(col); }
    public int rowCount() { return rows.size(); }
    /** Data of a COPY TO STDOUT, or null. */
    public byte[] copyData() { return copyData; }

    /** Rows affected (libpq's PQcmdTuples): the last number of the tag for INSERT/UPDATE/DELETE/MERGE/SELECT/MOVE/FETCH/COPY, else -1. */
    public long affectedRows() {
        if (commandTag == null) return -1;
        String[] parts = commandTag.split(" ");
        switch (parts[0]) {
            case "INSERT": case "UPDATE": case "DELETE": case "MERGE": case "SELECT":
            case "MOVE": case "FETCH": case "COPY":
                try {
                    return Long.parseLong(parts[parts.length - 1]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            default:
                return -1;
        }
    }

    /** Index of the first column with this name, or -1. */
    public int findColumn(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) return i;
        }
        return -1;
    }

    public boolean isNull(int row, int col) { return rows.get(row)[col] == null; }

    /** The raw bytes of a value as sent by the server, or null for NULL. */
    public byte[] getBytes(int row, int col) { return rows.get(row)[col]; }

    /** The value as text (the server's text output for text-format columns), or null for NULL. */
    public String getString(int row, int col) {
        byte[] v = rows.get(row)[col];
        if (v == null) return null;
        if (columns.get(col).format() == 0) return new String(v, charset);
        Object o = decodeBinary(columns.get(col).typeOid(), v);
        if (o instanceof byte[]) return ValueText.byteaHex((byte[]) o);
        if (o instanceof Boolean) return ((Boolean) o) ? "t" : "f";
        return o.toString();
    }

    /** int2/int4 value; 0 for NULL (check {@link #isNull}). */
    public int getInt(int row, int col) {
        Object o = getObject(row, col);
        if (o == null) return 0;
        if (o instanceof Number) return ((Number) o).intValue();
        return Integer.parseInt(o.toString().trim());
    }

    public long getLong(int row, int col) {
        Object o = getObject(row, col);
        if (o == null) return 0;
        if (o instanceof Number) return ((Number) o).longValue();
        return Long.parseLong(o.toString().trim());
    }

    public double getDouble(int row, int col) {
        Object o = getObject(row, col);
        if (o == null) return 0;
        if (o instanceof Number) return ((Number) o).doubleValue();
        return ValueText.parseDouble(o.toString());
    }

    public BigDecimal getBigDecimal(int row, int col) {
        String s = getString(row, col);
        return s == null ? null : new BigDecimal(s.trim());
    }

    /** bool value; false for NULL. Accepts the server's t/f and the usual spellings. */
    public boolean getBoolean(int row, int col) {
        Object o = getObject(row, col);
        if (o == null) return false;
        if (o instanceof Boolean) return (Boolean) o;
        return ValueText.parseBoolean(o.toString());
    }

    /**
     * The value as a Java object chosen by the column's type OID: Short, Integer,
     * Long (int8, oid), BigDecimal (numeric; Double for NaN/Infinity), Float,
     * Double, Boolean, byte[] (bytea), String for everything else; null for NULL.
     */
    public Object getObject(int row, int col) {
        byte[] v = rows.get(row)[col];
        if (v == null) return null;
        PgColumn c = columns.get(col);
        if (c.format() == 1) return decodeBinary(c.typeOid(), v);
        String s = new String(v, charset);
        switch (c.typeOid()) {
            case PgType.INT2: return Short.valueOf(s);
            case PgType.INT4: return Integer.valueOf(s);
            case PgType.INT8: case PgType.OID: return Long.valueOf(s);
            case PgType.FLOAT4: return (float) ValueText.parseDouble(s);
            case PgType.FLOAT8: return ValueText.parseDouble(s);
            case PgType.NUMERIC:
                try {
                    return new BigDecimal(s);
                } catch (NumberFormatException e) {
                    return ValueText.parseDouble(s);
                }
            case PgType.BOOL: return ValueText.parseBoolean(s);
            case PgType.BYTEA: return ValueText.decodeBytea(s);
            default: return s;
        }
    }

    private Object decodeBinary(int oid, byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v);
        switch (oid) {
            case PgType.INT2: return b.getShort();
            case PgType.INT4: return b.getInt();
            case PgType.INT8: return b.getLong();
            case PgType.OID: return b.getInt() & 0xffffffffL;
            case PgType.FLOAT4: return b.getFloat();
            case PgType.FLOAT8: return b.getDouble();
            case PgType.BOOL: return v[0] != 0;
            case PgType.TEXT: case PgType.VARCHAR: case PgType.BPCHAR: case PgType.NAME: case PgType.UNKNOWN:
                return new String(v, charset);
            default: return v.clone();
        }
    }

    @Override
    public String toString() {
        return "PgResult[" + status + " " + commandTag + ", " + columns.size() + " columns, " + rows.size() + " rows]";
    }
}
