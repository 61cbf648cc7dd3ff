package org.tusk.engine.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/** The types' binary send/receive functions (int4send/int4recv, numeric_send...), big-endian as on the wire. */
public final class BinaryFormat {
    private BinaryFormat() {}

    private static final int NUMERIC_POS = 0x0000;
    private static final int NUMERIC_NEG = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;
    private static final BigInteger NBASE = BigInteger.valueOf(10000);

    public static byte[] send(PgType type, Object value, TypeContext ctx) {
        switch (type) {
            case BOOL: return new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
            case INT2: return ByteBuffer.allocate(2).putShort((Short) value).array();
            case INT4: return ByteBuffer.allocate(4).putInt((Integer) value).array();
            case INT8: case MONEY: case XID8: case TIMESTAMP: case TIMESTAMPTZ: return ByteBuffer.allocate(8).putLong((Long) value).array();
            case OID: case XID: return ByteBuffer.allocate(4).putInt((int) (long) (Long) value).array();
            case DATE: return ByteBuffer.allocate(4).putInt((Integer) value).array();
            case FLOAT4: return ByteBuffer.allocate(4).putFloat((Float) value).array();
            case FLOAT8: return ByteBuffer.allocate(8).putDouble((Double) value).array();
            case NUMERIC: return value instanceof NumericSpecial sp ? sendNumericSpecial(sp) : sendNumeric((BigDecimal) value);
            case INET: return sendInet((String) value);
            case VOID: return new byte[0];
            case TIME: return ByteBuffer.allocate(8).putLong((Long) value).array();
            case TIMETZ: return ByteBuffer.allocate(12).putLong(((TimeTz) value).micros()).putInt(((TimeTz) value).zone()).array();
            case INTERVAL: {
                Interval v = (Interval) value;
                return ByteBuffer.allocate(16).putLong(v.micros()).putInt(v.days()).putInt(v.months()).array();
            }
            case BYTEA: return (byte[]) value;
            case JSONB: case JSONPATH: {
                // jsonb_send, jsonpath_send: a version byte (1), then the text form
                byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[text.length + 1];
                out[0] = 1;
                System.arraycopy(text, 0, out, 1, text.length);
                return out;
            }
            case UUID: {
                java.util.UUID u = (java.util.UUID) value;
                return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
            }
            case POINT: case LSEG: case BOX: case LINE: case PATH: case POLYGON: case CIRCLE:
                return org.tusk.engine.types.geo.GeoBinary.send(value);
            default:
                if (value instanceof ArrayValue a) {
                    return ArrayFormat.send(a, ctx);
                }
                if (value instanceof RecordValue r) {
                    return RecordFormat.send(r, ctx);
                }
                return TextFormat.output(type, value, ctx).getBytes(StandardCharsets.UTF_8);
        }
    }

    public static Object receive(PgType type, int typmod, byte[] data, TypeContext ctx) {
        ByteBuffer b = ByteBuffer.wrap(data);
        switch (type) {
            case BOOL: expect(data, 1); return data[0] != 0;
            case INT2: expect(data, 2); return b.getShort();
            case INT4: expect(data, 4); return b.getInt();
            case INT8: case MONEY: case XID8: case TIMESTAMP: case TIMESTAMPTZ: expect(data, 8); return b.getLong();
            case OID: case XID: expect(data, 4); return Integer.toUnsignedLong(b.getInt());
            case DATE: expect(data, 4); return b.getInt();
            case FLOAT4: expect(data, 4); return b.getFloat();
            case FLOAT8: expect(data, 8); return b.getDouble();
            case NUMERIC: {
                Object v = receiveNumeric(b);
                return v instanceof BigDecimal d ? NumericSupport.applyTypmod(d, typmod) : v;
            }
            case TIME: expect(data, 8); return b.getLong();
            case TIMETZ: expect(data, 12); return new TimeTz(b.getLong(), b.getInt());
            case INTERVAL: {
                expect(data, 16);
                long micros = b.getLong();
                int days = b.getInt();
                return new Interval(b.getInt(), days, micros);
            }
            case UUID: expect(data, 16); return new java.util.UUID(b.getLong(), b.getLong());
            case BYTEA: return data.clone();
            case JSON: return TextFormat.input(type, typmod, new String(data, StandardCharsets.UTF_8), ctx);
            case JSONB: case JSONPATH: {
                if (data.length == 0 || data[0] != 1) {
                    // jsonb_recv and jsonpath_recv word it differently
                    throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION, (type == PgType.JSONB
                            ? "unsupported jsonb version number " : "unsupported jsonpath version number: ")
                            + (data.length == 0 ? 0 : data[0]));
                }
                String text = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
                return type == PgType.JSONB ? Jsonb.parse(text) : JsonPath.parse(text);
            }
            case TEXT: case UNKNOWN: case VARCHAR: case BPCHAR: case NAME: case ANYENUM:
                return TextFormat.input(type, typmod, new String(data, StandardCharsets.UTF_8), ctx);
            case POINT: case LSEG: case BOX: case LINE: case PATH: case POLYGON: case CIRCLE:
                return org.tusk.engine.types.geo.GeoBinary.receive(type, data);
            case RECORD: return RecordFormat.receive(RowTypes.ofTypmod(typmod), data, ctx);
            default:
                if (type.isArray()) {
                    return ArrayFormat.receive(type.elementType(), data, ctx);
                }
                throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION,
                        "no binary input function available for type " + type.typname());
        }
    }

    private static void expect(byte[] data, int length) {
        if (data.length != length) {
            throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION,
                    "incorrect binary data format in bind parameter");
        }
    }

    static byte[] sendNumeric(BigDecimal value) {
        int dscale = Math.max(0, value.scale());
        BigDecimal abs = value.abs();
        int scale4 = ((dscale + 3) / 4) * 4;
        BigInteger n = abs.setScale(scale4, RoundingMode.UNNECESSARY).unscaledValue();
        List<Integer> groups = new ArrayList<>();
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(NBASE);
            groups.add(0, qr[1].intValue());
            n = qr[0];
        }
        int weight = groups.size() - 1 - scale4 / 4;
        while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
            groups.remove(groups.size() - 1);
        }
        if (groups.isEmpty()) {
            weight = 0;
        }
        ByteBuffer out = ByteBuffer.allocate(8 + 2 * groups.size());
        out.putShort((short) groups.size());
        out.putShort((short) weight);
        out.putShort((short) (value.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS));
        out.putShort((short) dscale);
        for (int g : groups) {
            out.putShort((short) g);
        }
        return out.array();
    }

    /** NaN and the infinities: no digits, weight 0, a sign word of its own, dscale 0 (numeric_send). */
    static byte[] sendNumericSpecial(NumericSpecial v) {
        int sign = v == NumericSpecial.NAN ? NUMERIC_NAN : v == NumericSpecial.POSITIVE_INFINITY ? NUMERIC_PINF : NUMERIC_NINF;
        return ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort((short) sign).putShort((short) 0).array();
    }

    static Object receiveNumeric(ByteBuffer b) {
        if (b.remaining() < 8) {
            throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
        }
        int ndigits = b.getShort() & 0xffff;
        int weight = b.getShort();
        int sign = b.getShort() & 0xffff;
        int dscale = b.getShort() & 0xffff;
        if (sign == NUMERIC_NAN) {
            return NumericSpecial.NAN;
        }
        if (sign == NUMERIC_PINF) {
            return NumericSpecial.POSITIVE_INFINITY;
        }
        if (sign == NUMERIC_NINF) {
            return NumericSpecial.NEGATIVE_INFINITY;
        }
        if (sign != NUMERIC_POS && sign != NUMERIC_NEG) {
            throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION, "invalid sign in external \"numeric\" value");
        }
        if (b.remaining() != 2 * ndigits) {
            throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
        }
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            int d = b.getShort();
            if (d < 0 || d >= 10000) {
                throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION, "invalid digit in external \"numeric\" value");
            }
            acc = acc.multiply(NBASE).add(BigInteger.valueOf(d));
        }
        // acc holds digits d0..d(n-1); the last one has weight (weight - ndigits + 1).
        BigDecimal v = new BigDecimal(acc).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        if (sign == NUMERIC_NEG) {
            v = v.negate();
        }
        return v.setScale(dscale, RoundingMode.HALF_UP);
    }

    static byte[] sendInet(String value) {
        String addr = value;
        int bits = -1;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            addr = value.substring(0, slash);
            bits = Integer.parseInt(value.substring(slash + 1));
        }
        try {
            byte[] raw = java.net.InetAddress.getByName(addr).getAddress();
            boolean v4 = raw.length == 4;
            ByteBuffer out = ByteBuffer.allocate(4 + raw.length);
            out.put((byte) (v4 ? 2 : 3));
            out.put((byte) (bits < 0 ? raw.length * 8 : bits));
            out.put((byte) 0);
            out.put((byte) raw.length);
            out.put(raw);
            return out.array();
        } catch (java.net.UnknownHostException e) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }
}
