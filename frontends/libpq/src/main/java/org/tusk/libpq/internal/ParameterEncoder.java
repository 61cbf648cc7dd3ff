package org.tusk.libpq.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

import org.tusk.libpq.PgType;

/**
 * Turns Java values into Bind parameters: fixed-width numbers, booleans and
 * byte arrays go in binary format with their type OID; BigDecimal and strings
 * go as text (strings with OID 0, so the server infers the type, as libpq
 * callers usually do). When a prepared statement declared a parameter type
 * the value's natural type does not match, the value is sent as text and the
 * server's input function converts it.
 */
public final class ParameterEncoder {
    private ParameterEncoder() {}

    /** One encoded parameter. bytes is null for SQL NULL. */
    public record Param(int typeOid, int format, byte[] bytes) {}

    /** The OID the value's Java type suggests (0 = let the server infer). */
    public static int naturalType(Object v) {
        if (v instanceof Integer) return PgType.INT4;
        if (v instanceof Long) return PgType.INT8;
        if (v instanceof Short) return PgType.INT2;
        if (v instanceof Double) return PgType.FLOAT8;
        if (v instanceof Float) return PgType.FLOAT4;
        if (v instanceof Boolean) return PgType.BOOL;
        if (v instanceof byte[]) return PgType.BYTEA;
        if (v instanceof BigDecimal) return PgType.NUMERIC;
        return 0;
    }

    /** Encodes v for a parameter whose declared type is declaredOid (0 = unknown). */
    public static Param encode(Object v, int declaredOid, Charset cs) {
        int natural = naturalType(v);
        int oid = declaredOid != 0 ? declaredOid : natural;
        if (v == null) return new Param(oid, 0, null);
        if (declaredOid != 0 && declaredOid != natural) {
            return new Param(oid, 0, text(v).getBytes(cs));
        }
        if (v instanceof Integer) return new Param(oid, 1, ByteBuffer.allocate(4).putInt((Integer) v).array());
        if (v instanceof Long) return new Param(oid, 1, ByteBuffer.allocate(8).putLong((Long) v).array());
        if (v instanceof Short) return new Param(oid, 1, ByteBuffer.allocate(2).putShort((Short) v).array());
        if (v instanceof Double) return new Param(oid, 1, ByteBuffer.allocate(8).putDouble((Double) v).array());
        if (v instanceof Float) return new Param(oid, 1, ByteBuffer.allocate(4).putFloat((Float) v).array());
        if (v instanceof Boolean) return new Param(oid, 1, new byte[] {(byte) (((Boolean) v) ? 1 : 0)});
        if (v instanceof byte[]) return new Param(oid, 1, ((byte[]) v).clone());
        return new Param(oid, 0, text(v).getBytes(cs));
    }

    /** The text form of a value, as the server's input functions accept it. */
    static String text(Object v) {
        if (v instanceof BigDecimal) return ((BigDecimal) v).toPlainString();
        if (v instanceof Boolean) return ((Boolean) v) ? "t" : "f";
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) return "NaN";
            if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
            return v.toString();
        }
        if (v instanceof byte[]) {
            StringBuilder sb = new StringBuilder("\\x");
            for (byte b : (byte[]) v) sb.append(String.format("%02x", b & 0xff));
            return sb.toString();
        }
        return v.toString();
    }
}
