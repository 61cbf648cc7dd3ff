package org.tusk.engine.func;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Where a nested container sits in PostgreSQL's on-disk jsonb (convertToJsonb), for
 * jsonpath's .keyvalue() ids, which are such byte offsets. A container is a 4-byte header,
 * one 4-byte JEntry per element (per key and value for objects, keys first), then the
 * elements' data: strings as their UTF-8 bytes, numerics as a 4-byte-aligned numeric varlena,
 * booleans and null as nothing, nested containers 4-byte aligned.
 */
final class JsonbLayout {
    private JsonbLayout() {}

    /** The offset of {@code target} (by identity) from the start of {@code root}'s container; 0 if not inside it. */
    static long offsetOf(Object root, Object target) {
        long[] found = {-1};
        layout(root, 0, target, found);
        return found[0] < 0 ? 0 : found[0];
    }

    /** Lays out {@code node} as a container starting at {@code start}; returns where it ends. */
    @SuppressWarnings("unchecked")
    private static long layout(Object node, long start, Object target, long[] found) {
        if (node == target && found[0] < 0) {
            found[0] = start;
        }
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            long pos = start + 4 + 8L * map.size();
            for (String key : map.keySet()) {
                pos += key.getBytes(StandardCharsets.UTF_8).length;
            }
            for (Object v : map.values()) {
                pos = value(v, pos, target, found);
            }
            return pos;
        }
        List<Object> list = (List<Object>) node;
        long pos = start + 4 + 4L * list.size();
        for (Object v : list) {
            pos = value(v, pos, target, found);
        }
        return pos;
    }

    private static long value(Object v, long pos, Object target, long[] found) {
        if (v instanceof String s) {
            return pos + s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (v instanceof BigDecimal d) {
            return align(pos) + numericSize(d);
        }
        if (v instanceof Map || v instanceof List) {
            return layout(v, align(pos), target, found);
        }
        return pos;     // true, false, null: all in the JEntry
    }

    private static long align(long pos) {
        return (pos + 3) & ~3L;
    }

    /** VARSIZE of the numeric as numeric_in makes it: 4-byte varlena header, short or long numeric header, base-10000 digits. */
    private static int numericSize(BigDecimal d) {
        if (d.signum() == 0) {
            return 4 + 2;
        }
        BigDecimal stripped = d.stripTrailingZeros();
        int msd = stripped.precision() - stripped.scale() - 1;
        int lsd = -stripped.scale();
        int weight = Math.floorDiv(msd, 4);
        int ndigits = weight - Math.floorDiv(lsd, 4) + 1;
        int dscale = Math.max(d.scale(), 0);
        boolean shortForm = dscale <= 63 && weight >= -64 && weight <= 63;
        return 4 + (shortForm ? 2 : 4) + 2 * ndigits;
    }
}
