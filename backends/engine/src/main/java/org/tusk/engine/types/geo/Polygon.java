package org.tusk.engine.types.geo;

import java.util.List;

/** A polygon (POLYGON): its vertices and, as PostgreSQL keeps it, their bounding box. */
public record Polygon(List<Point> points, Box boundBox) {
    public Polygon {
        points = List.copyOf(points);
    }

    /** A polygon over {@code points} with the bounding box computed (make_bound_box). */
    public static Polygon of(List<Point> points) {
        double hx = points.get(0).x(), lx = hx, hy = points.get(0).y(), ly = hy;
        for (Point p : points) {
            if (Geo.lt(hx, p.x())) {
                hx = p.x();
            }
            if (Geo.gt(lx, p.x())) {
                lx = p.x();
            }
            if (Geo.lt(hy, p.y())) {
                hy = p.y();
            }
            if (Geo.gt(ly, p.y())) {
                ly = p.y();
            }
        }
        return new Polygon(points, new Box(new Point(hx, hy), new Point(lx, ly)));
    }
}
