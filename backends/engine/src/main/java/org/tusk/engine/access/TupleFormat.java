package org.tusk.engine.access;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.Interval;
import org.tusk.engine.types.NumericSpecial;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.Tid;
import org.tusk.engine.types.TimeTz;

/**
 * The engine's on-disk row format (the part of PostgreSQL's heap_form_tuple /
 * heap_deform_tuple below the access method's tuple header): the bytes a table
 * access method stores opaquely.
 *
 * <pre>
 *   u16 natts | null bitmap, ceil(natts/8) bytes, bit set = not null (t_bits) | values of the non-null attributes
 * </pre>
 *
 * Each value starts with a one-byte tag naming its Java representation (the
 * engine's value classes, see common types README), followed by a fixed-width
 * big-endian encoding for the fixed-width classes (bool 1, int2 2, int4 4,
 * int8/oid 8, float4 4, float8 8) or a length-prefixed one for the others.
 * The tags make the format independent of the column types (which are still
 * growing), so deforming a row yields exactly the objects that were formed.
 * A row with fewer attributes than its relation has now (ADD COLUMN
 * afterwards) reads the missing ones as NULL, like PostgreSQL's natts check.
 */
public final class TupleFormat {

    private static final byte NULL = 0;
    private static final byte BOOL = 1;
    private static final byte INT2 = 2;
    private static final byte INT4 = 3;
    private static final byte INT8 = 4;
    private static final byte FLOAT4 = 5;
    private static final byte FLOAT8 = 6;
    private static final byte NUMERIC = 7;
    private static final byte STRING = 8;
    private static final byte BYTES = 9;
    /** A bare element list: how catalog code stores int2vector, oidvector and arrays. */
    private static final byte ARRAY = 10;
    /** An {@link ArrayValue} from SQL: element type OID, dimensions, lower bounds, elements. */
    private static final byte ARRAY_VALUE = 11;
    private static final byte UUID = 12;
    private static final byte INTERVAL = 13;
    private static final byte TIMETZ = 14;
    private static final byte NUMERIC_SPECIAL = 15;
    private static final byte TID = 16;
    /** A {@link CompressedValue}: raw size i32, then the pglz bytes as a varlena. */
    private static final byte COMPRESSED = 17;
    /** A {@link ToastPointer}: raw size i32, stored size i32, flags u8, chunk_id u32, toast relation u32. */
    private static final byte EXTERNAL = 18;

    /**
     * detoast_external_attr's source: the stored bytes of an out-of-line
     * value (the chunks, concatenated), as {@link ToastPointer#extSize} says.
     */
    @FunctionalInterface
    public interface Detoaster {
        byte[] fetch(ToastPointer pointer);
    }
    /**
     * A {@link org.tusk.engine.types.RecordValue}: its shape inline (type OID, field count, then per field
     * name, type OID, representation OID, typmod) followed by the field values, so a stored row needs no
     * catalog lookup to be read back (typcache typmods of anonymous records do not outlive the process).
     */
    private static final byte RECORD = 19;
    /** A geometric value (types.geo): the type's OID, then its binary send form. */
    private static final byte GEOMETRIC = 40;
    /** A {@link org.tusk.engine.types.Jsonb}: its text form (jsonb_out), parsed again when read. */
    private static final byte JSONB = 43;
    /** A {@link org.tusk.engine.types.JsonPath}: its text form (jsonpath_out), parsed again when read. */
    private static final byte JSONPATH = 44;
    /**
     * A user enum value (EnumValue): the type's OID, the label's pg_enum OID (0 if unknown when stored) and
     * the label as it was then; read back with the label the OID has now (ALTER TYPE ... RENAME VALUE).
     */
    private static final byte ENUM = 41;
    /** A built-in range (RangeValue): the range type's OID, flags (1 empty, 2 [, 4 ], 8 has lower, 16 has upper), bounds. */
    private static final byte RANGE = 42;

    private TupleFormat() {
    }

    /** heap_form_tuple: the row's bytes. Values must be of the engine's value classes. */
    public static byte[] form(Object[] values) {
        int natts = values.length;
        if (natts > 0xFFFF) {
            throw new IllegalArgumentException("too many attributes: " + natts);
        }
        Writer w = new Writer(sizeHint(values));
        w.u16(natts);
        int bitmapAt = w.reserve((natts + 7) / 8);
        for (int i = 0; i < natts; i++) {
            if (values[i] != null) {
                w.buf[bitmapAt + (i >> 3)] |= (byte) (1 << (i & 7));
                writeValue(w, values[i]);
            }
        }
        return w.toBytes();
    }

    /**
     * About the size {@link #form} will need (exact for ASCII strings and fixed-size values),
     * so the writer rarely grows: growing it twice for every pgbench_accounts row (its
     * 84-character filler) and copying each time was a tenth of COPY's per-row work.
     */
    private static int sizeHint(Object[] values) {
        int size = 2 + (values.length + 7) / 8;
        for (Object v : values) {
            if (v instanceof Integer || v instanceof Float) {
                size += 5;
            } else if (v instanceof String s) {
                size += (s.length() < 0x80 ? 2 : 5) + s.length();
            } else if (v instanceof byte[] b) {
                size += (b.length < 0x80 ? 2 : 5) + b.length;
            } else if (v != null) {
                size += 9;
            }
        }
        return size;
    }

    /**
     * heap_deform_tuple: {@code natts} values (missing trailing attributes are
     * NULL). Compressed values are decompressed; an out-of-line value is an
     * error here (use the overload with a {@link Detoaster}).
     */
    public static Object[] deform(byte[] data, int natts) {
        return deform(data, natts, null, false);
    }

    /** heap_deform_tuple + detoasting: out-of-line values are fetched through {@code detoaster}. */
    public static Object[] deform(byte[] data, int natts, Detoaster detoaster) {
        return deform(data, natts, detoaster, false);
    }

    /**
     * The stored forms themselves: out-of-line values stay {@link ToastPointer}s
     * and compressed ones {@link CompressedValue}s (for the toaster, which
     * keeps or deletes them, and for pg_column_size).
     */
    public static Object[] deformRaw(byte[] data, int natts) {
        return deform(data, natts, null, true);
    }

    private static Object[] deform(byte[] data, int natts, Detoaster detoaster, boolean raw) {
        Object[] out = new Object[natts];
        Reader r = new Reader(data);
        r.detoaster = detoaster;
        r.keepPointers = raw;
        int stored = r.u16();
        int bitmapAt = r.pos;
        r.pos += (stored + 7) / 8;
        int n = Math.min(stored, natts);
        for (int i = 0; i < n; i++) {
            if ((data[bitmapAt + (i >> 3)] & (1 << (i & 7))) != 0) {
                out[i] = readValue(r);
            }
        }
        return out;
    }

    /** The number of attributes the row was formed with. */
    public static int storedAttributes(byte[] data) {
        return ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
    }

    private static void writeValue(Writer w, Object v) {
        if (v instanceof Boolean b) {
            w.u8(BOOL);
            w.u8(b ? 1 : 0);
        } else if (v instanceof Short s) {
            w.u8(INT2);
            w.u16(s);
        } else if (v instanceof Integer i) {
            w.u8(INT4);
            w.i32(i);
        } else if (v instanceof Long l) {
            w.u8(INT8);
            w.i64(l);
        } else if (v instanceof Float f) {
            w.u8(FLOAT4);
            w.i32(Float.floatToRawIntBits(f));
        } else if (v instanceof Double d) {
            w.u8(FLOAT8);
            w.i64(Double.doubleToRawLongBits(d));
        } else if (v instanceof BigDecimal d) {
            w.u8(NUMERIC);
            w.i32(d.scale());
            w.blob(d.unscaledValue().toByteArray());
        } else if (v instanceof String s) {
            w.u8(STRING);
            w.string(s);
        } else if (v instanceof byte[] b) {
            w.u8(BYTES);
            w.blob(b);
        } else if (v instanceof Object[] a) {
            w.u8(ARRAY);
            w.i32(a.length);
            for (Object e : a) {
                if (e == null) {
                    w.u8(NULL);
                } else {
                    writeValue(w, e);
                }
            }
        } else if (v instanceof ArrayValue a) {
            w.u8(ARRAY_VALUE);
            w.i32(a.elementType().oid());
            w.i32(a.ndims());
            for (int d = 0; d < a.ndims(); d++) {
                w.i32(a.length(d));
                w.i32(a.lowerBound(d));
            }
            for (int i = 0; i < a.size(); i++) {
                Object e = a.element(i);
                if (e == null) {
                    w.u8(NULL);
                } else {
                    writeValue(w, e);
                }
            }
        } else if (v instanceof org.tusk.engine.types.RecordValue rv) {
            w.u8(RECORD);
            org.tusk.engine.types.RowType t = rv.type();
            w.i32(t.typeOid());
            w.i32(t.size());
            for (org.tusk.engine.types.RowType.Field f : t.fields()) {
                w.blob(f.name().getBytes(StandardCharsets.UTF_8));
                w.i32(f.typeOid());
                w.i32(f.type().oid());
                w.i32(f.typmod());
            }
            Object[] fields = rv.fields();
            w.i32(fields.length);
            for (Object e : fields) {
                if (e == null) {
                    w.u8(NULL);
                } else {
                    writeValue(w, e);
                }
            }
        } else if (v instanceof org.tusk.engine.types.EnumValue e) {
            w.u8(ENUM);
            w.i32(e.typeOid());
            w.i32((int) e.labelOid());
            w.blob(e.label().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof org.tusk.engine.types.RangeValue rg) {
            w.u8(RANGE);
            w.i32(rg.rangeType().oid());
            w.u8((rg.empty() ? 1 : 0) | (rg.lowerInc() ? 2 : 0) | (rg.upperInc() ? 4 : 0) | (rg.lower() != null ? 8 : 0)
                    | (rg.upper() != null ? 16 : 0));
            if (rg.lower() != null) {
                writeValue(w, rg.lower());
            }
            if (rg.upper() != null) {
                writeValue(w, rg.upper());
            }
        } else if (v instanceof org.tusk.engine.types.Jsonb j) {
            w.u8(JSONB);
            w.blob(j.toString().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof org.tusk.engine.types.JsonPath jp) {
            w.u8(JSONPATH);
            w.blob(jp.toString().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof java.util.UUID u) {
            w.u8(UUID);
            w.i64(u.getMostSignificantBits());
            w.i64(u.getLeastSignificantBits());
        } else if (v instanceof Interval iv) {
            w.u8(INTERVAL);
            w.i32(iv.months());
            w.i32(iv.days());
            w.i64(iv.micros());
        } else if (v instanceof TimeTz t) {
            w.u8(TIMETZ);
            w.i64(t.micros());
            w.i32(t.zone());
        } else if (v instanceof NumericSpecial n) {
            w.u8(NUMERIC_SPECIAL);
            w.u8(n.ordinal());
        } else if (v instanceof Tid t) {
            w.u8(TID);
            w.i64(t.block());
            w.u16(t.offset());
        } else if (v instanceof CompressedValue c) {
            w.u8(COMPRESSED);
            w.i32(c.rawSize());
            w.blob(c.data());
        } else if (v instanceof ToastPointer p) {
            w.u8(EXTERNAL);
            w.i32(p.rawSize());
            w.i32(p.extSize());
            w.u8(p.compressed() ? 1 : 0);
            w.i32((int) p.valueId());
            w.i32((int) p.toastRelId());
        } else if (org.tusk.engine.types.geo.GeoBinary.typeOf(v) != null) {
            w.u8(GEOMETRIC);
            w.i32(org.tusk.engine.types.geo.GeoBinary.typeOf(v).oid());
            w.blob(org.tusk.engine.types.geo.GeoBinary.send(v));
        } else {
            throw new IllegalArgumentException("no storage format for " + v.getClass().getName());
        }
    }

    private static Object readValue(Reader r) {
        byte tag = r.data[r.pos++];
        switch (tag) {
            case NULL: return null;
            case BOOL: return r.data[r.pos++] != 0;
            case INT2: return (short) r.u16();
            case INT4: return r.i32();
            case INT8: return r.i64();
            case FLOAT4: return Float.intBitsToFloat(r.i32());
            case FLOAT8: return Double.longBitsToDouble(r.i64());
            case NUMERIC: {
                int scale = r.i32();
                return new BigDecimal(new BigInteger(r.blob()), scale);
            }
            case STRING: return new String(r.blob(), StandardCharsets.UTF_8);
            case BYTES: return r.blob();
            case ARRAY: {
                Object[] a = new Object[r.i32()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = readValue(r);
                }
                return a;
            }
            case ARRAY_VALUE: {
                PgType element = PgType.byOid(r.i32());
                int ndims = r.i32();
                int[] lengths = new int[ndims];
                int[] lowerBounds = new int[ndims];
                int n = ndims == 0 ? 0 : 1;
                for (int d = 0; d < ndims; d++) {
                    lengths[d] = r.i32();
                    lowerBounds[d] = r.i32();
                    n *= lengths[d];
                }
                Object[] elements = new Object[n];
                for (int i = 0; i < n; i++) {
                    elements[i] = readValue(r);
                }
                return new ArrayValue(element, lengths, lowerBounds, elements);
            }
            case RECORD: {
                int typeOid = r.i32();
                int nf = r.i32();
                java.util.List<org.tusk.engine.types.RowType.Field> shape = new java.util.ArrayList<>(nf);
                for (int i = 0; i < nf; i++) {
                    String name = new String(r.blob(), StandardCharsets.UTF_8);
                    int fieldOid = r.i32();
                    PgType repr = PgType.byOid(r.i32());
                    shape.add(new org.tusk.engine.types.RowType.Field(name, repr, r.i32(), fieldOid));
                }
                Object[] fields = new Object[r.i32()];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = readValue(r);
                }
                return new org.tusk.engine.types.RecordValue(new org.tusk.engine.types.RowType(typeOid, shape), fields);
            }
            case UUID: return new java.util.UUID(r.i64(), r.i64());
            case JSONB: return org.tusk.engine.types.Jsonb.parse(new String(r.blob(), StandardCharsets.UTF_8));
            case JSONPATH: return org.tusk.engine.types.JsonPath.parse(new String(r.blob(), StandardCharsets.UTF_8));
            case RANGE: {
                PgType type = PgType.byOid(r.i32());
                int flags = r.data[r.pos++];
                Object lo = (flags & 8) != 0 ? readValue(r) : null;
                Object hi = (flags & 16) != 0 ? readValue(r) : null;
                return new org.tusk.engine.types.RangeValue(type, lo, hi, (flags & 2) != 0, (flags & 4) != 0,
                        (flags & 1) != 0);
            }
            case ENUM: {
                int type = r.i32();
                long labelOid = r.i32() & 0xFFFFFFFFL;
                return org.tusk.engine.types.EnumValue.stored(type, labelOid, new String(r.blob(), StandardCharsets.UTF_8));
            }
            case INTERVAL: return new Interval(r.i32(), r.i32(), r.i64());
            case TIMETZ: return new TimeTz(r.i64(), r.i32());
            case NUMERIC_SPECIAL: return NumericSpecial.values()[r.data[r.pos++]];
            case TID: return new Tid(r.i64(), r.u16());
            case COMPRESSED: {
                int rawSize = r.i32();
                byte[] compressed = r.blob();
                return r.keepPointers ? new CompressedValue(rawSize, compressed)
                        : decode(Pglz.decompress(compressed, rawSize));
            }
            case EXTERNAL: {
                ToastPointer p = new ToastPointer(r.i32(), r.i32(), r.data[r.pos++] != 0, r.i32() & 0xFFFFFFFFL,
                        r.i32() & 0xFFFFFFFFL);
                if (r.keepPointers) {
                    return p;
                }
                if (r.detoaster == null) {
                    throw new IllegalStateException("out-of-line value " + p.valueId() + " read without its TOAST relation");
                }
                return detoast(p, r.detoaster);
            }
            case GEOMETRIC: {
                PgType type = PgType.byOid(r.i32());
                return org.tusk.engine.types.geo.GeoBinary.receive(type, r.blob());
            }
            default:
                throw new IllegalStateException("corrupt tuple: unknown value tag " + tag + " at " + (r.pos - 1));
        }
    }

    /** The encoding of one non-null value (tag and body): what gets compressed and stored out of line. */
    public static byte[] encode(Object value) {
        Writer w = new Writer(64);
        writeValue(w, value);
        return w.toBytes();
    }

    /** The value {@link #encode} made these bytes from. */
    public static Object decode(byte[] encoded) {
        Reader r = new Reader(encoded);
        return readValue(r);
    }

    /** detoast_attr for an out-of-line value: fetch, decompress if needed, decode. */
    public static Object detoast(ToastPointer p, Detoaster detoaster) {
        byte[] stored = detoaster.fetch(p);
        return decode(p.compressed() ? Pglz.decompress(stored, p.rawSize()) : stored);
    }

    /** A {@link #deformRaw} value as the engine sees it: compressed ones decompressed (pointers stay). */
    public static Object expand(Object raw) {
        return raw instanceof CompressedValue c ? decode(Pglz.decompress(c.data(), c.rawSize())) : raw;
    }

    /** Whether the row holds an out-of-line value (HEAP_HASEXTERNAL). */
    public static boolean hasExternal(byte[] data) {
        for (Object v : deformRaw(data, storedAttributes(data))) {
            if (v instanceof ToastPointer) {
                return true;
            }
        }
        return false;
    }

    private static final class Writer {
        byte[] buf;
        int len;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        int reserve(int n) {
            ensure(n);
            int at = len;
            len += n;
            return at;
        }

        void u8(int v) {
            ensure(1);
            buf[len++] = (byte) v;
        }

        void u16(int v) {
            ensure(2);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
        }

        void i32(int v) {
            ensure(4);
            for (int s = 24; s >= 0; s -= 8) {
                buf[len++] = (byte) (v >>> s);
            }
        }

        void i64(long v) {
            ensure(8);
            for (int s = 56; s >= 0; s -= 8) {
                buf[len++] = (byte) (v >>> s);
            }
        }

        /** A varlena: length (short form below 128 bytes, like PostgreSQL's 1-byte header), then the bytes. */
        void blob(byte[] b) {
            if (b.length < 0x80) {
                u8(b.length);
            } else {
                i32(b.length | 0x80000000);
            }
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        /**
         * A string as {@link #blob} of its UTF-8 bytes. An ASCII string (its UTF-8 is one byte per
         * char) is copied straight in: its bytes in an array of their own were 100 MB of pgbench -i's
         * garbage (pgbench_accounts' filler).
         */
        @SuppressWarnings("deprecation")
        void string(String s) {
            int n = s.length();
            if (!isAscii(s, n)) {
                blob(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (n < 0x80) {
                u8(n);
            } else {
                i32(n | 0x80000000);
            }
            ensure(n);
            s.getBytes(0, n, buf, len);                      // the low byte of each char: the char itself here
            len += n;
        }

        private static boolean isAscii(String s, int n) {
            for (int i = 0; i < n; i++) {
                if (s.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        byte[] toBytes() {
            return len == buf.length ? buf : Arrays.copyOf(buf, len);
        }
    }

    private static final class Reader {
        final byte[] data;
        int pos;
        Detoaster detoaster;
        boolean keepPointers;

        Reader(byte[] data) {
            this.data = data;
        }

        int u16() {
            int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        int i32() {
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | (data[pos++] & 0xFF);
            }
            return v;
        }

        long i64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (data[pos++] & 0xFF);
            }
            return v;
        }

        byte[] blob() {
            int len;
            if ((data[pos] & 0x80) == 0) {
                len = data[pos++];
            } else {
                len = i32() & 0x7FFFFFFF;
            }
            byte[] b = Arrays.copyOfRange(data, pos, pos + len);
            pos += len;
            return b;
        }
    }
}
