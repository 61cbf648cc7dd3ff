package org.tusk.protocol.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The test side of the wire: builds frontend messages byte by byte and reads backend messages. */
final class WireClient {
    private final DataInputStream in;
    private final OutputStream out;

    WireClient(InputStream in, OutputStream out) {
        this.in = new DataInputStream(in);
        this.out = out;
    }

    // ------------------------------------------------------------ message builders (pure bytes)

    static byte[] startupPacket(int version, Map<String, String> params) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int32(b, 0);
        int32(b, version);
        params.forEach((k, v) -> { cstr(b, k); cstr(b, v); });
        b.write(0);
        return patchLength(b.toByteArray(), 0);
    }

    static byte[] codePacket(int code, int... extra) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int32(b, 8 + 4 * extra.length);
        int32(b, code);
        for (int x : extra) {
            int32(b, x);
        }
        return b.toByteArray();
    }

    static byte[] message(char type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(5 + body.length);
        b.put((byte) type).putInt(4 + body.length).put(body);
        return b.array();
    }

    static byte[] query(String sql) { return message('Q', cstr(sql)); }

    static byte[] parse(String name, String sql, int... oids) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstr(b, name);
        cstr(b, sql);
        int16(b, oids.length);
        for (int o : oids) {
            int32(b, o);
        }
        return message('P', b.toByteArray());
    }

    static byte[] bind(String portal, String statement, short[] pformats, byte[][] values, short[] rformats) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstr(b, portal);
        cstr(b, statement);
        int16(b, pformats.length);
        for (short f : pformats) {
            int16(b, f);
        }
        int16(b, values.length);
        for (byte[] v : values) {
            if (v == null) {
                int32(b, -1);
            } else {
                int32(b, v.length);
                b.writeBytes(v);
            }
        }
        int16(b, rformats.length);
        for (short f : rformats) {
            int16(b, f);
        }
        return message('B', b.toByteArray());
    }

    static byte[] bind(String portal, String statement) {
        return bind(portal, statement, new short[0], new byte[0][], new short[0]);
    }

    static byte[] execute(String portal, int maxRows) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstr(b, portal);
        int32(b, maxRows);
        return message('E', b.toByteArray());
    }

    static byte[] describe(char kind, String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(kind);
        cstr(b, name);
        return message('D', b.toByteArray());
    }

    static byte[] close(char kind, String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(kind);
        cstr(b, name);
        return message('C', b.toByteArray());
    }

    static byte[] sync() { return message('S', new byte[0]); }
    static byte[] flush() { return message('H', new byte[0]); }
    static byte[] terminate() { return message('X', new byte[0]); }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    static byte[] cstr(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstr(b, s);
        return b.toByteArray();
    }

    private static void cstr(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        b.write(0);
    }

    private static void int16(ByteArrayOutputStream b, int v) {
        b.write(v >>> 8);
        b.write(v);
    }

    private static void int32(ByteArrayOutputStream b, int v) {
        b.write(v >>> 24);
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }

    private static byte[] patchLength(byte[] a, int at) {
        ByteBuffer.wrap(a).putInt(at, a.length);
        return a;
    }

    // ------------------------------------------------------------ I/O

    void send(byte[]... parts) throws IOException {
        for (byte[] p : parts) {
            out.write(p);
        }
        out.flush();
    }

    int readByte() throws IOException {
        return in.read();
    }

    /** The next message, or null at EOF. */
    Msg read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        return new Msg((char) type, body);
    }

    /** Messages up to and including the first of the given type; fails at EOF. */
    List<Msg> readUntil(char last) throws IOException {
        List<Msg> got = new ArrayList<>();
        while (true) {
            Msg m = read();
            if (m == null) {
                throw new EOFException("EOF after " + got);
            }
            got.add(m);
            if (m.type() == last) {
                return got;
            }
        }
    }

    /** Everything until the server closes the connection. */
    List<Msg> readToEnd() throws IOException {
        List<Msg> got = new ArrayList<>();
        Msg m;
        while ((m = read()) != null) {
            got.add(m);
        }
        return got;
    }

    static List<String> briefs(List<Msg> msgs) {
        List<String> out = new ArrayList<>();
        for (Msg m : msgs) {
            out.add(m.brief());
        }
        return out;
    }
}
