package org.tusk.engine.tcop;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.tusk.api.engine.Column;
import org.tusk.engine.types.BinaryFormat;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/** printtup: turns result values into their wire form per column format. */
final class ResultEncoder {
    private ResultEncoder() {}

    static byte[][] encode(Object[] values, List<Column> columns, TypeContext ctx) {
        byte[][] out = new byte[columns.size()][];
        for (int i = 0; i < out.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            Column c = columns.get(i);
            PgType type = org.tusk.engine.types.UserTypes.columnType(c.typeOid());
            if (c.format() == 1) {
                out[i] = BinaryFormat.send(type, v, ctx);
            } else {
                out[i] = TextFormat.output(type, v, ctx).getBytes(StandardCharsets.UTF_8);
            }
        }
        return out;
    }
}
