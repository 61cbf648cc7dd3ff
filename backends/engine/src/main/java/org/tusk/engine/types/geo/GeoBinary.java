package org.tusk.engine.types.geo;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.PgType;

/**
 * Binary send/receive of the geometric types (point_send/point_recv...):
 * big-endian float8s; a path starts with its closed byte and point count,
 * a polygon with its point count (its bounding box is recomputed on receipt).
 */
public final class GeoBinary {
    private GeoBinary() {}

    /** The geometric type of a value, or null if {@code v} is not one. */
    public static PgType typeOf(Object v) {
        if (v instanceof Point) {
            return PgType.POINT;
        }
        if (v instanceof Lseg) {
            return PgType.LSEG;
        }
        if (v instanceof Box) {
            return PgType.BOX;
        }
        if (v instanceof Line) {
            return PgType.LINE;
        }
        if (v instanceof Path) {
            return PgType.PATH;
        }
        if (v instanceof Polygon) {
            return PgType.POLYGON;
        }
        if (v instanceof Circle) {
            return PgType.CIRCLE;
        }
        return null;
    }

    public static byte[] send(Object v) {
        if (v instanceof Point p) {
            return ByteBuffer.allocate(16).putDouble(p.x()).putDouble(p.y()).array();
        }
        if (v instanceof Lseg l) {
            return ByteBuffer.allocate(32).putDouble(l.p1().x()).putDouble(l.p1().y())
                    .putDouble(l.p2().x()).putDouble(l.p2().y()).array();
        }
        if (v instanceof Box b) {
            return ByteBuffer.allocate(32).putDouble(b.high().x()).putDouble(b.high().y())
                    .putDouble(b.low().x()).putDouble(b.low().y()).array();
        }
        if (v instanceof Line l) {
            return ByteBuffer.allocate(24).putDouble(l.a()).putDouble(l.b()).putDouble(l.c()).array();
        }
        if (v instanceof Circle c) {
            return ByteBuffer.allocate(24).putDouble(c.center().x()).putDouble(c.center().y())
                    .putDouble(c.radius()).array();
        }
        if (v instanceof Path p) {
            ByteBuffer b = ByteBuffer.allocate(5 + 16 * p.points().size());
            b.put((byte) (p.closed() ? 1 : 0)).putInt(p.points().size());
            p.points().forEach(q -> b.putDouble(q.x()).putDouble(q.y()));
            return b.array();
        }
        if (v instanceof Polygon p) {
            ByteBuffer b = ByteBuffer.allocate(4 + 16 * p.points().size());
            b.putInt(p.points().size());
            p.points().forEach(q -> b.putDouble(q.x()).putDouble(q.y()));
            return b.array();
        }
        throw new IllegalArgumentException("not a geometric value: " + v);
    }

    public static Object receive(PgType type, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            Object v = switch (type) {
                case POINT -> point(b);
                case LSEG -> new Lseg(point(b), point(b));
                case BOX -> GeoText.box(point(b), point(b));
                case LINE -> {
                    Line l = new Line(b.getDouble(), b.getDouble(), b.getDouble());
                    if (Geo.fpZero(l.a()) && Geo.fpZero(l.b())) {
                        throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION,
                                "invalid line specification: A and B cannot both be zero");
                    }
                    yield l;
                }
                case CIRCLE -> {
                    Circle c = new Circle(point(b), b.getDouble());
                    if (c.radius() < 0) {
                        throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION,
                                "invalid radius in external \"circle\" value");
                    }
                    yield c;
                }
                case PATH -> {
                    boolean closed = b.get() != 0;
                    yield new Path(closed, points(b, "path"));
                }
                case POLYGON -> Polygon.of(points(b, "polygon"));
                default -> throw new IllegalArgumentException(type.typname());
            };
            if (b.hasRemaining()) {
                throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION,
                        "incorrect binary data format in bind parameter");
            }
            return v;
        } catch (BufferUnderflowException e) {
            throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
        }
    }

    private static Point point(ByteBuffer b) {
        return new Point(b.getDouble(), b.getDouble());
    }

    private static List<Point> points(ByteBuffer b, String typeName) {
        int n = b.getInt();
        if (n <= 0 || n > b.remaining() / 16) {
            throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION,
                    "invalid number of points in external \"" + typeName + "\" value");
        }
        List<Point> pts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pts.add(point(b));
        }
        return pts;
    }
}
