package org.tusk.engine.types;

import java.nio.ByteBuffer;
import java.util.Locale;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/** array_out, array_send and array_recv (arrayfuncs.c) over {@link ArrayValue}. */
public final class ArrayFormat {
    private ArrayFormat() {}

    /** array_out: {1,2}, {{a,b},{c,d}}, [0:1]={x,y}; elements quoted when array_in would misread them. */
    public static String output(ArrayValue a, TypeContext ctx) {
        if (a.ndims() == 0) {
            return "{}";
        }
        StringBuilder sb = new StringBuilder();
        boolean decorate = false;
        for (int d = 0; d < a.ndims(); d++) {
            decorate |= a.lowerBound(d) != 1;
        }
        if (decorate) {
            for (int d = 0; d < a.ndims(); d++) {
                sb.append('[').append(a.lowerBound(d)).append(':').append(a.lowerBound(d) + a.length(d) - 1).append(']');
            }
            sb.append('=');
        }
        char delim = a.elementType().delimiter();
        int[] pos = {0};
        appendDim(sb, a, 0, pos, delim, ctx);
        return sb.toString();
    }

    private static void appendDim(StringBuilder sb, ArrayValue a, int dim, int[] pos, char delim, TypeContext ctx) {
        sb.append('{');
        for (int i = 0; i < a.length(dim); i++) {
            if (i > 0) {
                sb.append(delim);
            }
            if (dim + 1 < a.ndims()) {
                appendDim(sb, a, dim + 1, pos, delim, ctx);
            } else {
                Object v = a.element(pos[0]++);
                if (v == null) {
                    sb.append("NULL");
                } else {
                    appendElement(sb, TextFormat.output(a.elementType(), v, ctx), delim);
                }
            }
        }
        sb.append('}');
    }

    private static void appendElement(StringBuilder sb, String s, char delim) {
        boolean quote = s.isEmpty() || s.toUpperCase(Locale.ROOT).equals("NULL");
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == '{' || c == '}' || c == '"' || c == '\\' || c == delim || c == ' ' || c == '\t' || c == '\n'
                    || c == '\r' || c == '\u000b' || c == '\f';
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** array_send: ndim, has-nulls flag, element OID, (length, lower bound) per dimension, then length-prefixed elements. */
    public static byte[] send(ArrayValue a, TypeContext ctx) {
        byte[][] elems = new byte[a.size()][];
        int total = 12 + 8 * a.ndims();
        for (int i = 0; i < a.size(); i++) {
            Object v = a.element(i);
            elems[i] = v == null ? null : BinaryFormat.send(a.elementType(), v, ctx);
            total += 4 + (elems[i] == null ? 0 : elems[i].length);
        }
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(a.ndims()).putInt(a.hasNulls() ? 1 : 0).putInt(a.elementType().oid());
        for (int d = 0; d < a.ndims(); d++) {
            b.putInt(a.length(d)).putInt(a.lowerBound(d));
        }
        for (byte[] e : elems) {
            if (e == null) {
                b.putInt(-1);
            } else {
                b.putInt(e.length).put(e);
            }
        }
        return b.array();
    }

    /** array_recv for an array of {@code elementType}. */
    public static ArrayValue receive(PgType elementType, byte[] data, TypeContext ctx) {
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            int ndim = b.getInt();
            int flags = b.getInt();
            int elemOid = b.getInt();
            if (ndim < 0 || ndim > ArrayValue.MAX_DIMENSIONS) {
                throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION, "invalid number of dimensions: " + ndim);
            }
            if ((flags & ~1) != 0) {
                throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION, "invalid array flags");
            }
            if (elemOid != elementType.oid()) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "wrong element type");
            }
            int[] lengths = new int[ndim];
            int[] lbs = new int[ndim];
            long n = ndim == 0 ? 0 : 1;
            for (int d = 0; d < ndim; d++) {
                lengths[d] = b.getInt();
                lbs[d] = b.getInt();
                n *= lengths[d];
            }
            if (n == 0) {
                return ArrayValue.empty(elementType);
            }
            Object[] elems = new Object[(int) n];
            for (int i = 0; i < n; i++) {
                int len = b.getInt();
                if (len == -1) {
                    continue;
                }
                byte[] e = new byte[len];
                b.get(e);
                elems[i] = BinaryFormat.receive(elementType, -1, e, ctx);
            }
            return new ArrayValue(elementType, lengths, lbs, elems);
        } catch (java.nio.BufferUnderflowException e) {
            throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
        }
    }
}
