package org.tusk.engine.executor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Writes rows to temp files and reads them back (the tuple format of spill
 * files), and estimates a row's memory footprint for work_mem accounting.
 * The engine's value classes have compact tags; anything else Serializable
 * falls back to Java serialization.
 */
final class RowCodec {
    private RowCodec() {}

    static void write(DataOutput out, Object[] row) throws IOException {
        out.writeInt(row.length);
        for (Object v : row) {
            writeValue(out, v);
        }
    }

    static Object[] read(DataInput in) throws IOException {
        int n = in.readInt();
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
            row[i] = readValue(in);
        }
        return row;
    }

    private static void writeValue(DataOutput out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(0);
        } else if (v instanceof Boolean b) {
            out.writeByte(1);
            out.writeBoolean(b);
        } else if (v instanceof Short s) {
            out.writeByte(2);
            out.writeShort(s);
        } else if (v instanceof Integer i) {
            out.writeByte(3);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(4);
            out.writeLong(l);
        } else if (v instanceof Float f) {
            out.writeByte(5);
            out.writeFloat(f);
        } else if (v instanceof Double d) {
            out.writeByte(6);
            out.writeDouble(d);
        } else if (v instanceof BigDecimal d) {
            out.writeByte(7);
            out.writeInt(d.scale());
            byte[] b = d.unscaledValue().toByteArray();
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof String s) {
            out.writeByte(8);
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof byte[] b) {
            out.writeByte(9);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof Object[] a) {
            out.writeByte(10);
            write(out, a);
        } else if (v instanceof org.tusk.api.storage.TupleId t) {
            out.writeByte(12);                              // a row mark's / cursor's TupleId column
            out.writeInt(t.block());
            out.writeInt(t.offset());
        } else if (v instanceof org.tusk.engine.types.ArrayValue a) {
            out.writeByte(13);                              // an array column (catalog joins spill pg_proc's)
            out.writeInt(a.elementType().oid());
            out.writeInt(a.ndims());
            for (int d = 0; d < a.ndims(); d++) {
                out.writeInt(a.length(d));
                out.writeInt(a.lowerBound(d));
            }
            write(out, a.elements());
        } else if (v instanceof Serializable) {
            out.writeByte(11);
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (ObjectOutputStream oos = new ObjectOutputStream(bos)) {
                oos.writeObject(v);
            }
            out.writeInt(bos.size());
            out.write(bos.toByteArray());
        } else {
            throw new IOException("cannot spill value of " + v.getClass());
        }
    }

    private static Object readValue(DataInput in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 0: return null;
            case 1: return in.readBoolean();
            case 2: return in.readShort();
            case 3: return in.readInt();
            case 4: return in.readLong();
            case 5: return in.readFloat();
            case 6: return in.readDouble();
            case 7: {
                int scale = in.readInt();
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                return new BigDecimal(new BigInteger(b), scale);
            }
            case 8: {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                return new String(b, java.nio.charset.StandardCharsets.UTF_8);
            }
            case 9: {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                return b;
            }
            case 10: return read(in);
            case 11: {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(b))) {
                    return ois.readObject();
                } catch (ClassNotFoundException e) {
                    throw new IOException(e);
                }
            }
            case 12: return new org.tusk.api.storage.TupleId(in.readInt(), in.readInt());
            case 13: {
                org.tusk.engine.types.PgType element = org.tusk.engine.types.PgType.byOid(in.readInt());
                int ndims = in.readInt();
                int[] lengths = new int[ndims];
                int[] lowerBounds = new int[ndims];
                for (int d = 0; d < ndims; d++) {
                    lengths[d] = in.readInt();
                    lowerBounds[d] = in.readInt();
                }
                return new org.tusk.engine.types.ArrayValue(element, lengths, lowerBounds, read(in));
            }
            default: throw new IOException("corrupt temporary file (tag " + tag + ")");
        }
    }

    /** Rough bytes a row occupies in memory (header, slot array, boxed values). */
    static long estimateSize(Object[] row) {
        long size = 32 + 8L * row.length;
        for (Object v : row) {
            size += valueSize(v);
        }
        return size;
    }

    private static long valueSize(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof String s) {
            return 40 + s.length();
        }
        if (v instanceof byte[] b) {
            return 16 + b.length;
        }
        if (v instanceof BigDecimal d) {
            return 48 + d.unscaledValue().bitLength() / 8;
        }
        if (v instanceof Object[] a) {
            return estimateSize(a);
        }
        return 16;
    }
}
