package org.tusk.engine.types;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * record_in / record_out / record_recv / record_send (rowtypes.c).
 *
 * <p>Text: {@code (f1,f2,...)}; a NULL field is nothing at all, so
 * {@code (,)} is two NULLs and {@code ("")} one empty string. A field is
 * double-quoted when its text is empty or holds a quote, backslash,
 * parenthesis, comma or white space; inside quotes {@code "} and {@code \}
 * are doubled. Input accepts backslash escapes and quoted stretches anywhere
 * in a field, and white space before the left and after the right
 * parenthesis only.
 *
 * <p>Binary: int4 number of fields, then per field its type OID (int4),
 * the length of its send form (int4, -1 for NULL) and those bytes.
 */
public final class RecordFormat {
    private RecordFormat() {
    }

    /** record_out. */
    public static String output(RecordValue v, TypeContext ctx) {
        StringBuilder sb = new StringBuilder("(");
        RowType type = v.type();
        Object[] fields = v.fields();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object f = fields[i];
            if (f == null) {
                continue;
            }
            PgType ft = i < type.size() ? type.field(i).type() : guess(f);
            String s = f instanceof RecordValue r ? output(r, ctx) : TextFormat.output(ft, f, ctx);
            boolean quote = s.isEmpty();
            for (int k = 0; k < s.length() && !quote; k++) {
                char ch = s.charAt(k);
                quote = ch == '"' || ch == '\\' || ch == '(' || ch == ')' || ch == ',' || isSpace(ch);
            }
            if (!quote) {
                sb.append(s);
                continue;
            }
            sb.append('"');
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                if (ch == '"' || ch == '\\') {
                    sb.append(ch);
                }
                sb.append(ch);
            }
            sb.append('"');
        }
        return sb.append(')').toString();
    }

    /** A field whose declared type is unknown (a record built without a shape): its value class decides. */
    private static PgType guess(Object f) {
        if (f instanceof Integer) {
            return PgType.INT4;
        }
        if (f instanceof Boolean) {
            return PgType.BOOL;
        }
        return PgType.TEXT;
    }

    /** isspace() of the C locale. */
    static boolean isSpace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == 0x0B;
    }

    /** record_in for a value of row type {@code type}; null shape = anonymous record (not supported by PostgreSQL). */
    public static RecordValue input(RowType type, String s, TypeContext ctx) {
        if (type == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not implemented");
        }
        int p = 0;
        int n = s.length();
        while (p < n && isSpace(s.charAt(p))) {
            p++;
        }
        if (p >= n || s.charAt(p) != '(') {
            throw malformed(s, "Missing left parenthesis.");
        }
        p++;
        Object[] values = new Object[type.size()];
        boolean needComma = false;
        for (int i = 0; i < values.length; i++) {
            if (needComma) {
                if (p < n && s.charAt(p) == ',') {
                    p++;
                } else {
                    throw malformed(s, "Too few columns.");
                }
            }
            if (p < n && (s.charAt(p) == ',' || s.charAt(p) == ')')) {
                values[i] = null;
            } else {
                StringBuilder buf = new StringBuilder();
                boolean inQuote = false;
                while (inQuote || !(p < n && (s.charAt(p) == ',' || s.charAt(p) == ')'))) {
                    if (p >= n) {
                        throw malformed(s, "Unexpected end of input.");
                    }
                    char ch = s.charAt(p++);
                    if (ch == '\\') {
                        if (p >= n) {
                            throw malformed(s, "Unexpected end of input.");
                        }
                        buf.append(s.charAt(p++));
                    } else if (ch == '"') {
                        if (!inQuote) {
                            inQuote = true;
                        } else if (p < n && s.charAt(p) == '"') {
                            buf.append('"');
                            p++;
                        } else {
                            inQuote = false;
                        }
                    } else {
                        buf.append(ch);
                    }
                }
                values[i] = fieldInput(type.field(i), buf.toString(), ctx);
            }
            needComma = true;
        }
        if (p >= n || s.charAt(p) != ')') {
            throw malformed(s, "Too many columns.");
        }
        p++;
        while (p < n && isSpace(s.charAt(p))) {
            p++;
        }
        if (p < n) {
            throw malformed(s, "Junk after right parenthesis.");
        }
        return new RecordValue(type, values);
    }

    /** The field's input function: a nested composite through its own shape, else the type's. */
    static Object fieldInput(RowType.Field f, String text, TypeContext ctx) {
        if (f.type() == PgType.RECORD) {
            return input(RowTypes.forTypeOid(f.typeOid()), text, ctx);
        }
        return TextFormat.input(f.type(), f.typmod(), text, ctx);
    }

    private static RuntimeException malformed(String s, String detail) {
        return Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed record literal: \"" + s + "\"")
                .withDetail(detail);
    }

    /** record_send. */
    public static byte[] send(RecordValue v, TypeContext ctx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object[] fields = v.fields();
        writeInt(out, fields.length);
        for (int i = 0; i < fields.length; i++) {
            RowType.Field f = v.type().field(i);
            writeInt(out, f.typeOid());
            if (fields[i] == null) {
                writeInt(out, -1);
                continue;
            }
            byte[] b = fields[i] instanceof RecordValue r ? send(r, ctx) : BinaryFormat.send(f.type(), fields[i], ctx);
            writeInt(out, b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    /** record_recv for a value of row type {@code type}. */
    public static RecordValue receive(RowType type, byte[] data, TypeContext ctx) {
        if (type == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not implemented");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            int n = b.getInt();
            if (n != type.size()) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "wrong number of columns: " + n + ", expected "
                        + type.size());
            }
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                RowType.Field f = type.field(i);
                int oid = b.getInt();
                if (oid != f.typeOid()) {
                    throw Ereport.error(SqlState.DATATYPE_MISMATCH, "binary data has type " + Integer.toUnsignedString(oid)
                            + " instead of expected " + Integer.toUnsignedString(f.typeOid()) + " in record column "
                            + (i + 1));
                }
                int len = b.getInt();
                if (len == -1) {
                    continue;
                }
                byte[] item = new byte[len];
                b.get(item);
                values[i] = f.type() == PgType.RECORD ? receive(RowTypes.forTypeOid(f.typeOid()), item, ctx)
                        : BinaryFormat.receive(f.type(), f.typmod(), item, ctx);
            }
            if (b.hasRemaining()) {
                throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION, "improper binary format in record column "
                        + n);
            }
            return new RecordValue(type, values);
        } catch (java.nio.BufferUnderflowException e) {
            throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
        }
    }
}
