package org.tusk.engine.types;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.geo.Box;
import org.tusk.engine.types.geo.Line;
import org.tusk.engine.types.geo.Lseg;
import org.tusk.engine.types.geo.Point;

/**
 * Subscripting of the fixed-length "array" types (raw_array_subscript_handler):
 * point[0..1] and line[0..2] are float8, box[0..1] and lseg[0..1] points;
 * subscripts start at 0, one subscript only, no slices. A fetch out of range
 * is NULL; an assignment out of range is an error, and a NULL container or a
 * NULL new value leaves the container as it was.
 */
public final class FixedSubscripts {
    private FixedSubscripts() {}

    /** Whether {@code type} is one of these types. */
    public static boolean isFixedLength(PgType type) {
        return type == PgType.POINT || type == PgType.BOX || type == PgType.LSEG || type == PgType.LINE;
    }

    /** The element type (pg_type.typelem). */
    public static PgType elementType(PgType type) {
        return PgType.byOid(type.typelem());
    }

    private static int length(Object container) {
        return container instanceof Line ? 3 : 2;
    }

    /** array_get_element on a fixed-length value. */
    public static Object fetch(Object container, int index) {
        if (index < 0 || index >= length(container)) {
            return null;
        }
        if (container instanceof Point p) {
            return index == 0 ? p.x() : p.y();
        }
        if (container instanceof Line l) {
            return index == 0 ? l.a() : index == 1 ? l.b() : l.c();
        }
        if (container instanceof Box b) {
            return index == 0 ? b.high() : b.low();
        }
        Lseg s = (Lseg) container;
        return index == 0 ? s.p1() : s.p2();
    }

    /** array_set_element on a fixed-length value. */
    public static Object assign(Object container, Integer index, Object value) {
        if (container == null || value == null) {
            return container;
        }
        if (index == null) {
            throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "array subscript in assignment must not be null");
        }
        int i = index;
        if (i < 0 || i >= length(container)) {
            throw Ereport.error("2202E", "array subscript out of range");
        }
        if (container instanceof Point p) {
            double v = (Double) value;
            return i == 0 ? new Point(v, p.y()) : new Point(p.x(), v);
        }
        if (container instanceof Line l) {
            double v = (Double) value;
            return i == 0 ? new Line(v, l.b(), l.c()) : i == 1 ? new Line(l.a(), v, l.c()) : new Line(l.a(), l.b(), v);
        }
        if (container instanceof Box b) {
            return i == 0 ? new Box((Point) value, b.low()) : new Box(b.high(), (Point) value);
        }
        Lseg s = (Lseg) container;
        return i == 0 ? new Lseg((Point) value, s.p2()) : new Lseg(s.p1(), (Point) value);
    }
}
