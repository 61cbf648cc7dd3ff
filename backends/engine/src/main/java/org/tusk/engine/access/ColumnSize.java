package org.tusk.engine.access;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * pg_column_size: the bytes a value takes as PostgreSQL would store it in a
 * tuple. The executor sees values detoasted, so for variable-length ones
 * this redoes the storage decision: a short value has the 1-byte header, one
 * large enough to be toasted is counted compressed (pglz, 8-byte compressed
 * header) when that pays and by its data bytes otherwise (toast_datum_size of
 * an uncompressed external value); fixed-length ones are their typlen (by the
 * engine's value class: oid, stored as Long, counts 8 here).
 */
public final class ColumnSize {

    private ColumnSize() {
    }

    /** The stored size of {@code value}, or null for NULL. */
    public static Integer of(Object value) {
        if (value == null) {
            return null;
        }
        byte[] data;
        if (value instanceof org.tusk.engine.types.Jsonb j) {
            data = j.toString().getBytes(StandardCharsets.UTF_8);    // no model of jsonb's binary layout here
        } else if (value instanceof String s) {
            data = s.getBytes(StandardCharsets.UTF_8);
        } else if (value instanceof byte[] b) {
            data = b;
        } else if (value instanceof BigDecimal || value instanceof Object[]
                || value instanceof org.tusk.engine.types.ArrayValue) {
            data = TupleFormat.encode(value);          // no closer model of numeric/array storage here
        } else {
            return fixedSize(value);
        }
        int len = data.length;
        if (len + 1 <= 127) {
            return len + 1;                              // short varlena header
        }
        if (len + 4 > Toast.TUPLE_THRESHOLD - Toast.HEAP_HEADER) {
            byte[] c = Pglz.compress(data);
            if (c != null && c.length < len - 2) {
                return c.length + 8;
            }
            return len;
        }
        return len + 4;
    }

    private static int fixedSize(Object v) {
        if (v instanceof Boolean) {
            return 1;
        }
        if (v instanceof Short) {
            return 2;
        }
        if (v instanceof Integer || v instanceof Float) {
            return 4;
        }
        if (v instanceof org.tusk.engine.types.TimeTz) {
            return 12;
        }
        if (v instanceof java.util.UUID || v instanceof org.tusk.engine.types.Interval) {
            return 16;
        }
        if (v instanceof org.tusk.engine.types.Tid) {
            return 6;
        }
        return 8;
    }
}
