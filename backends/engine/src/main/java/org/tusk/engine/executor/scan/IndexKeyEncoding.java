package org.tusk.engine.executor.scan;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.IndexKeyComparator;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.NumericSpecial;
import org.tusk.engine.types.PgType;

/**
 * Index keys as byte strings whose unsigned byte order
 * ({@link IndexKeyComparator#UNSIGNED_BYTES}) is the btree order of the
 * values (the default operator classes, ASC NULLS LAST, C collation for
 * strings). The executor and the index then agree without the index AM
 * knowing any type: equality is byte equality, so scans need no recheck.
 *
 * <p>Per column: a flag byte (1 = value, 2 = NULL, so NULLs sort last), then
 * the value:
 * <ul>
 * <li>bool: one byte 0/1; int2/int4/int8/date/timestamp(tz)/time: big-endian
 *     with the sign bit flipped; oid/xid: 4 bytes unsigned big-endian.</li>
 * <li>float4/float8: the IEEE bits, all inverted for negatives, else the sign
 *     bit set (-0 is 0; NaN sorts above +Infinity, as in PostgreSQL).</li>
 * <li>numeric: a class byte (0 negative, 1 zero, 2 positive), then for
 *     nonzero values the decimal exponent (4 bytes, sign flipped) and the
 *     significant digits as ASCII with a 0 terminator, all inverted for
 *     negatives. 1.50 and 1.5 encode alike, as numeric equality wants.
 *     -Infinity, +Infinity and NaN: see {@link #encodeNumericSpecial}.</li>
 * <li>text/varchar/name/bpchar: UTF-8 with 0x00 escaped as 0x00 0xFF and a
 *     0x00 0x00 terminator (bpchar without trailing blanks).</li>
 * <li>arrays (array_ops, ordered as array_cmp orders them): each element in
 *     row-major order as a column of the element type (flag byte, so a NULL
 *     element sorts above every value), then a 0 byte (below both flags, so a
 *     prefix sorts first: fewer items compare lower), then the number of
 *     dimensions, each dimension's length and each lower bound (4 bytes, sign
 *     flipped): equal items order by dimensionality, then shape, then bounds.</li>
 * <li>jsonb (jsonb_ops): see {@link #encodeJsonb}; the order of JsonbOrdering.</li>
 * </ul>
 */
public final class IndexKeyEncoding {

    private static final int VALUE = 1;
    private static final int NULL = 2;

    private IndexKeyEncoding() {
    }

    /** The key of {@code values} (one per index column, of {@code types}). */
    public static byte[] encode(List<PgType> types, Object[] values) {
        KeyBytes out = new KeyBytes();
        for (int i = 0; i < values.length; i++) {
            encodeColumn(out, types.get(i), values[i]);
        }
        return out.toByteArray();
    }

    /**
     * The smallest key above every key that starts with {@code prefix} (an
     * encoding of the leading columns): an inclusive upper bound for a scan on
     * a prefix of a multi-column index.
     */
    public static byte[] prefixUpperBound(byte[] prefix) {
        byte[] upper = java.util.Arrays.copyOf(prefix, prefix.length + 1);
        upper[prefix.length] = (byte) 0xFF;    // above both flag bytes
        return upper;
    }

    /** Whether values of {@code type} can be encoded (an index on them can be built). */
    public static boolean supports(PgType type) {
        return switch (type) {
            case BOOL, INT2, INT4, INT8, OID, XID, FLOAT4, FLOAT8, NUMERIC, TEXT, VARCHAR, BPCHAR, NAME, DATE,
                    TIMESTAMP, TIMESTAMPTZ, ANYENUM, JSONB, INT4RANGE, INT8RANGE, NUMRANGE, DATERANGE, TSRANGE, TSTZRANGE -> true;
            default -> type.isArray() && type.elementType() != null && supports(type.elementType())
                    && !type.elementType().isArray();
        };
    }

    public static IndexKeyComparator comparator() {
        return IndexKeyComparator.UNSIGNED_BYTES;
    }

    private static void encodeColumn(KeyBytes out, PgType type, Object v) {
        if (v == null) {
            out.write(NULL);
            return;
        }
        out.write(VALUE);
        switch (type) {
            case BOOL -> out.write(((Boolean) v) ? 1 : 0);
            case INT2 -> writeSigned(out, ((Number) v).longValue(), 2);
            case INT4, DATE -> writeSigned(out, ((Number) v).longValue(), 4);
            case INT8, TIMESTAMP, TIMESTAMPTZ -> writeSigned(out, ((Number) v).longValue(), 8);
            case OID, XID -> writeUnsigned(out, ((Number) v).longValue(), 4);
            case FLOAT4 -> {
                float f = (Float) v;
                int bits = Float.floatToIntBits(f == 0.0f ? 0.0f : f);
                bits = bits < 0 ? ~bits : bits ^ 0x80000000;
                writeUnsigned(out, bits & 0xFFFFFFFFL, 4);
            }
            case FLOAT8 -> {
                double d = (Double) v;
                long bits = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
                bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
                writeUnsigned(out, bits, 8);
            }
            case NUMERIC -> {
                if (v instanceof NumericSpecial special) {
                    encodeNumericSpecial(out, special);
                } else {
                    encodeNumeric(out, (BigDecimal) v);
                }
            }
            case TEXT, VARCHAR, NAME -> encodeString(out, (String) v);
            case BPCHAR -> encodeString(out, stripTrailingBlanks((String) v));
            case ANYENUM -> encodeEnum(out, v);
            case JSONB -> encodeJsonb(out, ((org.tusk.engine.types.Jsonb) v).root());
            case INT4RANGE, INT8RANGE, NUMRANGE, DATERANGE, TSRANGE, TSTZRANGE ->
                    encodeRange(out, (org.tusk.engine.types.RangeValue) v);
            default -> {
                if (v instanceof ArrayValue a && supports(type)) {
                    encodeArray(out, a);
                    break;
                }
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "data type " + type.typname() + " has no default operator class for access method \"btree\"");
            }
        }
    }

    /**
     * jsonb_ops (compareJsonbContainers, see JsonbOrdering): an object (class 2) above anything
     * array-like (class 1: an array, or a top-level scalar as a one-element "raw scalar" array);
     * array-likes by element count, then a raw scalar below a real array, then the elements.
     */
    private static void encodeJsonb(KeyBytes out, Object root) {
        if (root instanceof java.util.Map) {
            out.write(2);
            encodeJsonbNode(out, root);
            return;
        }
        out.write(1);
        boolean raw = !(root instanceof List);
        List<?> elements = raw ? List.of(root) : (List<?>) root;
        writeUnsigned(out, elements.size(), 4);
        out.write(raw ? 0 : 1);
        for (Object e : elements) {
            encodeJsonbNode(out, e);
        }
    }

    /**
     * A nested jsonb value: its kind (null, string, number, boolean, array, object: jsonb's order of
     * kinds), then strings and numbers as text and numeric keys are, containers by size first, then
     * their elements, or their pairs (key, value) in jsonb's key order.
     */
    @SuppressWarnings("unchecked")
    private static void encodeJsonbNode(KeyBytes out, Object node) {
        if (node == org.tusk.engine.types.Jsonb.NULL) {
            out.write(0);
        } else if (node instanceof String s) {
            out.write(1);
            encodeString(out, s);
        } else if (node instanceof BigDecimal d) {
            out.write(2);
            encodeNumeric(out, d);
        } else if (node instanceof Boolean b) {
            out.write(3);
            out.write(b ? 1 : 0);
        } else if (node instanceof List<?> l) {
            out.write(4);
            writeUnsigned(out, l.size(), 4);
            for (Object e : l) {
                encodeJsonbNode(out, e);
            }
        } else {
            java.util.Map<String, Object> m = (java.util.Map<String, Object>) node;
            out.write(5);
            writeUnsigned(out, m.size(), 4);
            for (java.util.Map.Entry<String, Object> e : m.entrySet()) {
                encodeString(out, e.getKey());
                encodeJsonbNode(out, e.getValue());
            }
        }
    }

    /**
     * enum_ops: the label's pg_enum.enumsortorder as a float4 key, so keys order as enum_cmp does and
     * equal labels encode alike. (A renumbering ADD VALUE changes sort orders: such an index needs REINDEX.)
     */
    private static void encodeEnum(KeyBytes out, Object v) {
        float order = Float.NaN;
        if (v instanceof org.tusk.engine.types.EnumValue e) {
            org.tusk.engine.types.UserTypes.UserType t = org.tusk.engine.types.UserTypes.byOid(e.typeOid());
            order = t == null ? Float.NaN : t.enumSortOrder(e.label());
        }
        if (Float.isNaN(order)) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot index enum value \"" + v
                    + "\" of an enum type not known here");
        }
        int bits = Float.floatToIntBits(order == 0.0f ? 0.0f : order);
        bits = bits < 0 ? ~bits : bits ^ 0x80000000;
        writeUnsigned(out, bits & 0xFFFFFFFFL, 4);
    }

    /**
     * range_ops (range_cmp): 0 for empty, else 1, then the lower bound (0 unbounded, else 1, the subtype's
     * key and 0 inclusive / 1 exclusive), then the upper bound (2 unbounded, else 1, the key and 0
     * exclusive / 1 inclusive). The subtypes' keys are prefix-free, so bytes order as range_cmp does.
     */
    private static void encodeRange(KeyBytes out, org.tusk.engine.types.RangeValue r) {
        if (r.empty()) {
            out.write(0);
            return;
        }
        out.write(1);
        PgType sub = org.tusk.engine.types.RangeValue.subtype(r.rangeType());
        if (r.lower() == null) {
            out.write(0);
        } else {
            out.write(1);
            encodeColumn(out, sub, r.lower());
            out.write(r.lowerInc() ? 0 : 1);
        }
        if (r.upper() == null) {
            out.write(2);
        } else {
            out.write(1);
            encodeColumn(out, sub, r.upper());
            out.write(r.upperInc() ? 1 : 0);
        }
    }

    private static void encodeArray(KeyBytes out, ArrayValue a) {
        PgType elem = a.elementType();
        for (int i = 0; i < a.size(); i++) {
            encodeColumn(out, elem, a.element(i));
        }
        out.write(0);
        writeSigned(out, a.ndims(), 4);
        for (int d = 0; d < a.ndims(); d++) {
            writeSigned(out, a.length(d), 4);
        }
        for (int d = 0; d < a.ndims(); d++) {
            writeSigned(out, a.lowerBound(d), 4);
        }
    }

    private static void writeSigned(KeyBytes out, long v, int bytes) {
        long flipped = v ^ (1L << (bytes * 8 - 1));
        writeUnsigned(out, flipped, bytes);
    }

    private static void writeUnsigned(KeyBytes out, long v, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xFF);
        }
    }

    private static void encodeNumeric(KeyBytes out, BigDecimal v) {
        int sign = v.signum();
        if (sign == 0) {
            out.write(1);
            return;
        }
        out.write(sign < 0 ? 0 : 2);
        BigDecimal magnitude = v.abs().stripTrailingZeros();
        String digits = magnitude.unscaledValue().toString();
        int exponent = digits.length() - magnitude.scale();     // value = 0.digits * 10^exponent
        byte[] body = new byte[4 + digits.length() + 1];
        int flipped = exponent ^ Integer.MIN_VALUE;
        for (int i = 0; i < 4; i++) {
            body[i] = (byte) (flipped >>> (24 - 8 * i));
        }
        for (int i = 0; i < digits.length(); i++) {
            body[4 + i] = (byte) digits.charAt(i);
        }
        body[body.length - 1] = 0;
        if (sign < 0) {
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) ~body[i];
            }
        }
        out.write(body, 0, body.length);
    }

    /**
     * -Infinity, +Infinity and NaN around the finite values without changing their keys:
     * the exponent field all 0x00 after class 0 and all 0xFF after class 2 belong to no
     * finite value (exponent 2^31-1), so -Infinity sorts below every negative and
     * +Infinity above every positive; NaN is class 3, above all (numeric_cmp's order).
     */
    private static void encodeNumericSpecial(KeyBytes out, NumericSpecial v) {
        switch (v) {
            case NEGATIVE_INFINITY -> out.write(new byte[] {0, 0, 0, 0, 0}, 0, 5);
            case POSITIVE_INFINITY -> out.write(new byte[] {2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, 0, 5);
            case NAN -> out.write(3);
        }
    }

    private static void encodeString(KeyBytes out, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(0);
    }

    private static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * The key being encoded: a growable byte array without ByteArrayOutputStream's
     * synchronized writes (a lock per byte was a third of a primary-key build's per-row
     * work in pgbench -i).
     */
    private static final class KeyBytes {
        private byte[] buf = new byte[16];
        private int count;

        void write(int b) {
            if (count == buf.length) {
                buf = java.util.Arrays.copyOf(buf, count * 2);
            }
            buf[count++] = (byte) b;
        }

        void write(byte[] b, int off, int len) {
            if (count + len > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(count * 2, count + len));
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, count);
        }
    }
}
