package org.tusk.engine.types.geo;

import static org.tusk.engine.types.geo.Geo.div;
import static org.tusk.engine.types.geo.Geo.fpEq;
import static org.tusk.engine.types.geo.Geo.fpGe;
import static org.tusk.engine.types.geo.Geo.fpGt;
import static org.tusk.engine.types.geo.Geo.fpLe;
import static org.tusk.engine.types.geo.Geo.fpLt;
import static org.tusk.engine.types.geo.Geo.fpZero;
import static org.tusk.engine.types.geo.Geo.mi;
import static org.tusk.engine.types.geo.Geo.mul;
import static org.tusk.engine.types.geo.Geo.pl;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * The geometry of geo_ops.c that several operators share: slopes, line
 * construction and intersection, closest points, the point-in-polygon
 * crossing count, and containment of segments in polygons. Each routine
 * follows PostgreSQL's arithmetic step by step (same fuzzy comparisons, same
 * order of float8 operations) so answers agree to the last digit.
 */
public final class GeoOps {
    private GeoOps() {}

    /** point_eq_point: fuzzy, but NaNs must match exactly. */
    public static boolean pointEq(Point a, Point b) {
        if (Double.isNaN(a.x()) || Double.isNaN(a.y()) || Double.isNaN(b.x()) || Double.isNaN(b.y())) {
            return Geo.eq(a.x(), b.x()) && Geo.eq(a.y(), b.y());
        }
        return fpEq(a.x(), b.x()) && fpEq(a.y(), b.y());
    }

    /** point_dt */
    public static double distance(Point a, Point b) {
        return Geo.hypot(mi(a.x(), b.x()), mi(a.y(), b.y()));
    }

    /** point_sl */
    public static double slope(Point a, Point b) {
        if (fpEq(a.x(), b.x())) {
            return Double.POSITIVE_INFINITY;
        }
        if (fpEq(a.y(), b.y())) {
            return 0.0;
        }
        return div(mi(a.y(), b.y()), mi(a.x(), b.x()));
    }

    /** point_invsl: the slope of the perpendicular. */
    public static double invSlope(Point a, Point b) {
        if (fpEq(a.x(), b.x())) {
            return 0.0;
        }
        if (fpEq(a.y(), b.y())) {
            return Double.POSITIVE_INFINITY;
        }
        return div(mi(a.x(), b.x()), mi(b.y(), a.y()));
    }

    public static Point add(Point a, Point b) {
        return new Point(pl(a.x(), b.x()), pl(a.y(), b.y()));
    }

    public static Point sub(Point a, Point b) {
        return new Point(mi(a.x(), b.x()), mi(a.y(), b.y()));
    }

    /** point_mul_point: complex multiplication. */
    public static Point mulPoint(Point a, Point b) {
        return new Point(mi(mul(a.x(), b.x()), mul(a.y(), b.y())), pl(mul(a.x(), b.y()), mul(a.y(), b.x())));
    }

    /** point_div_point: complex division. */
    public static Point divPoint(Point a, Point b) {
        double d = pl(mul(b.x(), b.x()), mul(b.y(), b.y()));
        return new Point(div(pl(mul(a.x(), b.x()), mul(a.y(), b.y())), d),
                div(mi(mul(a.y(), b.x()), mul(a.x(), b.y())), d));
    }

    /** line_construct: the line through {@code p} with slope {@code m}. */
    public static Line lineThrough(Point p, double m) {
        if (Double.isInfinite(m)) {
            return new Line(-1.0, 0.0, p.x());
        }
        if (m == 0) {
            return new Line(0.0, -1.0, p.y());
        }
        double c = mi(p.y(), mul(m, p.x()));
        return new Line(m, -1.0, c == 0.0 ? 0.0 : c);
    }

    public static Line lineFromPoints(Point a, Point b) {
        return lineThrough(a, slope(a, b));
    }

    /** line_invsl */
    public static double lineInvSlope(Line l) {
        if (fpZero(l.a())) {
            return Double.POSITIVE_INFINITY;
        }
        if (fpZero(l.b())) {
            return 0.0;
        }
        return div(l.b(), l.a());
    }

    /** line_interpt_line: the intersection, or null for parallel lines. */
    public static Point intersect(Line l1, Line l2) {
        double x;
        double y;
        if (!fpZero(l1.b())) {
            if (fpEq(l2.a(), mul(l1.a(), div(l2.b(), l1.b())))) {
                return null;
            }
            x = div(mi(mul(l1.b(), l2.c()), mul(l2.b(), l1.c())), mi(mul(l1.a(), l2.b()), mul(l2.a(), l1.b())));
            y = div(-pl(mul(l1.a(), x), l1.c()), l1.b());
        } else if (!fpZero(l2.b())) {
            if (fpEq(l1.a(), mul(l2.a(), div(l1.b(), l2.b())))) {
                return null;
            }
            x = div(mi(mul(l2.b(), l1.c()), mul(l1.b(), l2.c())), mi(mul(l2.a(), l1.b()), mul(l1.a(), l2.b())));
            y = div(-pl(mul(l2.a(), x), l2.c()), l2.b());
        } else {
            return null;
        }
        return new Point(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
    }

    /** lseg_contain_point */
    public static boolean lsegContains(Lseg s, Point p) {
        return fpEq(pl(distance(p, s.p1()), distance(p, s.p2())), distance(s.p1(), s.p2()));
    }

    /** lseg_interpt_line: where the segment meets the line, or null. */
    public static Point lsegLineIntersection(Lseg s, Line line) {
        Point p = intersect(lineThrough(s.p1(), slope(s.p1(), s.p2())), line);
        if (p == null || !lsegContains(s, p)) {
            return null;
        }
        if (pointEq(s.p1(), p)) {
            return s.p1();
        }
        if (pointEq(s.p2(), p)) {
            return s.p2();
        }
        return p;
    }

    /** lseg_interpt_lseg: where two segments cross, or null. */
    public static Point lsegIntersection(Lseg a, Lseg b) {
        Point p = lsegLineIntersection(a, lineThrough(b.p1(), slope(b.p1(), b.p2())));
        return p == null || !lsegContains(b, p) ? null : p;
    }

    /** line_closept_point's distance; {@code out[0]} receives the closest point if given. */
    public static double lineClosest(Point[] out, Line line, Point p) {
        Point c = intersect(lineThrough(p, lineInvSlope(line)), line);
        if (c == null) {
            if (out != null) {
                out[0] = p;
            }
            return 0.0;
        }
        if (out != null) {
            out[0] = c;
        }
        return distance(c, p);
    }

    /** lseg_closept_line */
    private static Point lsegClosestToLine(Lseg s, Line line) {
        Point p = lsegLineIntersection(s, line);
        if (p != null) {
            return p;
        }
        double d1 = lineClosest(null, line, s.p1());
        double d2 = lineClosest(null, line, s.p2());
        return d1 < d2 ? s.p1() : s.p2();
    }

    /** lseg_closept_point: the distance from {@code p} to the segment. */
    public static double lsegDistance(Lseg s, Point p) {
        Point c = lsegClosestToLine(s, lineThrough(p, invSlope(s.p1(), s.p2())));
        return distance(c, p);
    }

    /** box_contain_point (exact comparisons) */
    public static boolean boxContains(Box b, Point p) {
        return b.high().x() >= p.x() && b.low().x() <= p.x() && b.high().y() >= p.y() && b.low().y() <= p.y();
    }

    /** box_closept_point's distance */
    public static double boxDistance(Box b, Point p) {
        if (boxContains(b, p)) {
            return 0.0;
        }
        Point corner = new Point(b.low().x(), b.high().y());
        double dist = lsegDistance(new Lseg(b.low(), corner), p);
        double d = lsegDistance(new Lseg(b.high(), corner), p);
        if (Geo.lt(d, dist)) {
            dist = d;
        }
        corner = new Point(b.high().x(), b.low().y());
        d = lsegDistance(new Lseg(b.low(), corner), p);
        if (Geo.lt(d, dist)) {
            dist = d;
        }
        d = lsegDistance(new Lseg(b.high(), corner), p);
        if (Geo.lt(d, dist)) {
            dist = d;
        }
        return dist;
    }

    /** box_ov */
    public static boolean boxOverlap(Box a, Box b) {
        return fpLe(a.low().x(), b.high().x()) && fpLe(b.low().x(), a.high().x())
                && fpLe(a.low().y(), b.high().y()) && fpLe(b.low().y(), a.high().y());
    }

    /** box_contain_box: a contains b */
    public static boolean boxContainsBox(Box a, Box b) {
        return fpGe(a.high().x(), b.high().x()) && fpLe(a.low().x(), b.low().x())
                && fpGe(a.high().y(), b.high().y()) && fpLe(a.low().y(), b.low().y());
    }

    public static Point boxCenter(Box b) {
        return new Point(div(pl(b.high().x(), b.low().x()), 2.0), div(pl(b.high().y(), b.low().y()), 2.0));
    }

    public static double boxArea(Box b) {
        return mul(mi(b.high().x(), b.low().x()), mi(b.high().y(), b.low().y()));
    }

    private static final int ON_POLYGON = Integer.MAX_VALUE;

    /** point_inside: 0 outside, 1 inside, 2 on the boundary. */
    public static int pointInside(Point p, List<Point> plist) {
        double x0 = mi(plist.get(0).x(), p.x());
        double y0 = mi(plist.get(0).y(), p.y());
        double prevX = x0;
        double prevY = y0;
        int total = 0;
        for (int i = 1; i < plist.size(); i++) {
            double x = mi(plist.get(i).x(), p.x());
            double y = mi(plist.get(i).y(), p.y());
            int cross = crossing(x, y, prevX, prevY);
            if (cross == ON_POLYGON) {
                return 2;
            }
            total += cross;
            prevX = x;
            prevY = y;
        }
        int cross = crossing(x0, y0, prevX, prevY);
        if (cross == ON_POLYGON) {
            return 2;
        }
        total += cross;
        return total != 0 ? 1 : 0;
    }

    /** lseg_crossing: how the edge from prev to (x,y) crosses the positive X axis. */
    private static int crossing(double x, double y, double prevX, double prevY) {
        if (fpZero(y)) {
            if (fpZero(x)) {
                return ON_POLYGON;
            } else if (fpGt(x, 0)) {
                if (fpZero(prevY)) {
                    return fpGt(prevX, 0.0) ? 0 : ON_POLYGON;
                }
                return fpLt(prevY, 0.0) ? 1 : -1;
            } else {
                if (fpZero(prevY)) {
                    return fpLt(prevX, 0.0) ? 0 : ON_POLYGON;
                }
                return 0;
            }
        }
        int ySign = fpGt(y, 0.0) ? 1 : -1;
        if (fpZero(prevY)) {
            return fpLt(prevX, 0.0) ? 0 : ySign;
        }
        if ((ySign < 0 && fpLt(prevY, 0.0)) || (ySign > 0 && fpGt(prevY, 0.0))) {
            return 0;
        }
        if (fpGe(x, 0.0) && fpGt(prevX, 0.0)) {
            return 2 * ySign;
        }
        if (fpLt(x, 0.0) && fpLe(prevX, 0.0)) {
            return 0;
        }
        double z = mi(mul(mi(x, prevX), y), mul(mi(y, prevY), x));
        if (fpZero(z)) {
            return ON_POLYGON;
        }
        if ((ySign < 0 && fpLt(z, 0.0)) || (ySign > 0 && fpGt(z, 0.0))) {
            return 0;
        }
        return 2 * ySign;
    }

    /** poly_overlap */
    public static boolean polyOverlap(Polygon a, Polygon b) {
        if (!boxOverlap(a.boundBox(), b.boundBox())) {
            return false;
        }
        List<Point> pa = a.points();
        List<Point> pb = b.points();
        Point sa0 = pa.get(pa.size() - 1);
        for (Point sa1 : pa) {
            Point sb0 = pb.get(pb.size() - 1);
            for (Point sb1 : pb) {
                if (lsegIntersection(new Lseg(sa0, sa1), new Lseg(sb0, sb1)) != null) {
                    return true;
                }
                sb0 = sb1;
            }
            sa0 = sa1;
        }
        return pointInside(pa.get(0), pb) != 0 || pointInside(pb.get(0), pa) != 0;
    }

    /** poly_contain_poly: every edge of b inside a */
    public static boolean polyContainsPoly(Polygon a, Polygon b) {
        if (!boxContainsBox(a.boundBox(), b.boundBox())) {
            return false;
        }
        List<Point> pb = b.points();
        Point s0 = pb.get(pb.size() - 1);
        for (Point s1 : pb) {
            if (!lsegInsidePoly(s0, s1, a, 0)) {
                return false;
            }
            s0 = s1;
        }
        return true;
    }

    private static boolean lsegInsidePoly(Point a, Point b, Polygon poly, int start) {
        List<Point> pts = poly.points();
        Lseg t = new Lseg(a, b);
        boolean res = true;
        boolean intersection = false;
        Point s0 = pts.get(start == 0 ? pts.size() - 1 : start - 1);
        for (int i = start; i < pts.size() && res; i++) {
            Point s1 = pts.get(i);
            Lseg s = new Lseg(s0, s1);
            if (lsegContains(s, a)) {
                if (lsegContains(s, b)) {
                    return true;
                }
                res = touchedLsegInsidePoly(a, b, s, poly, i + 1);
            } else if (lsegContains(s, b)) {
                res = touchedLsegInsidePoly(b, a, s, poly, i + 1);
            } else {
                Point inter = lsegIntersection(t, s);
                if (inter != null) {
                    intersection = true;
                    res = lsegInsidePoly(a, inter, poly, i + 1);
                    if (res) {
                        res = lsegInsidePoly(b, inter, poly, i + 1);
                    }
                }
            }
            s0 = s1;
        }
        if (res && !intersection) {
            Point mid = new Point(div(pl(a.x(), b.x()), 2.0), div(pl(a.y(), b.y()), 2.0));
            res = pointInside(mid, pts) != 0;
        }
        return res;
    }

    private static boolean touchedLsegInsidePoly(Point a, Point b, Lseg s, Polygon poly, int start) {
        Lseg t = new Lseg(a, b);
        if (pointEq(a, s.p1())) {
            if (lsegContains(t, s.p2())) {
                return lsegInsidePoly(b, s.p2(), poly, start);
            }
        } else if (pointEq(a, s.p2())) {
            if (lsegContains(t, s.p1())) {
                return lsegInsidePoly(b, s.p1(), poly, start);
            }
        } else if (lsegContains(t, s.p1())) {
            return lsegInsidePoly(b, s.p1(), poly, start);
        } else if (lsegContains(t, s.p2())) {
            return lsegInsidePoly(b, s.p2(), poly, start);
        }
        return true;
    }

    /** dist_ppoly_internal */
    public static double polyDistance(Polygon poly, Point p) {
        List<Point> pts = poly.points();
        if (pointInside(p, pts) != 0) {
            return 0.0;
        }
        double result = lsegDistance(new Lseg(pts.get(0), pts.get(pts.size() - 1)), p);
        for (int i = 0; i < pts.size() - 1; i++) {
            double d = lsegDistance(new Lseg(pts.get(i), pts.get(i + 1)), p);
            if (Geo.lt(d, result)) {
                result = d;
            }
        }
        return result;
    }

    /** plist_same: the same vertices, in either direction, from any start. */
    public static boolean samePoints(List<Point> p1, List<Point> p2) {
        int n = p1.size();
        if (n != p2.size()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (pointEq(p2.get(i), p1.get(0))) {
                int ii;
                int j;
                for (ii = 1, j = i + 1; ii < n; ii++, j++) {
                    if (j >= n) {
                        j = 0;
                    }
                    if (!pointEq(p2.get(j), p1.get(ii))) {
                        break;
                    }
                }
                if (ii == n) {
                    return true;
                }
                for (ii = 1, j = i - 1; ii < n; ii++, j--) {
                    if (j < 0) {
                        j = n - 1;
                    }
                    if (!pointEq(p2.get(j), p1.get(ii))) {
                        break;
                    }
                }
                if (ii == n) {
                    return true;
                }
            }
        }
        return false;
    }

    /** box_poly */
    public static Polygon boxToPolygon(Box b) {
        List<Point> pts = List.of(new Point(b.low().x(), b.low().y()), new Point(b.low().x(), b.high().y()),
                new Point(b.high().x(), b.high().y()), new Point(b.high().x(), b.low().y()));
        return new Polygon(pts, b);
    }

    /** box_circle */
    public static Circle boxToCircle(Box b) {
        Point c = boxCenter(b);
        return new Circle(c, distance(c, b.high()));
    }

    /** circle_box */
    public static Box circleToBox(Circle c) {
        double delta = div(c.radius(), Math.sqrt(2.0));
        return new Box(new Point(pl(c.center().x(), delta), pl(c.center().y(), delta)),
                new Point(mi(c.center().x(), delta), mi(c.center().y(), delta)));
    }

    /** poly_to_circle: the vertices' centroid and mean distance */
    public static Circle polyToCircle(Polygon p) {
        double x = 0;
        double y = 0;
        for (Point q : p.points()) {
            x = pl(x, q.x());
            y = pl(y, q.y());
        }
        int n = p.points().size();
        Point c = new Point(div(x, n), div(y, n));
        double r = 0;
        for (Point q : p.points()) {
            r = pl(r, distance(q, c));
        }
        return new Circle(c, div(r, n));
    }

    /** circle_poly(npts, circle) */
    public static Polygon circleToPolygon(int npts, Circle c) {
        if (c.radius() == 0.0) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert circle with radius zero to polygon");
        }
        if (npts < 2) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "must request at least 2 points");
        }
        double step = div(2.0 * Math.PI, npts);
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i < npts; i++) {
            double angle = mul(step, i);
            pts.add(new Point(mi(c.center().x(), mul(c.radius(), Math.cos(angle))),
                    pl(c.center().y(), mul(c.radius(), Math.sin(angle)))));
        }
        return Polygon.of(pts);
    }

    /** path_length */
    public static double pathLength(Path p) {
        double r = 0.0;
        List<Point> pts = p.points();
        for (int i = 0; i < pts.size(); i++) {
            int prev;
            if (i > 0) {
                prev = i - 1;
            } else {
                if (!p.closed()) {
                    continue;
                }
                prev = pts.size() - 1;
            }
            r = pl(r, distance(pts.get(prev), pts.get(i)));
        }
        return r;
    }

    /** path_area: null for an open path */
    public static Double pathArea(Path p) {
        if (!p.closed()) {
            return null;
        }
        List<Point> pts = p.points();
        double area = 0.0;
        for (int i = 0; i < pts.size(); i++) {
            int j = (i + 1) % pts.size();
            area = pl(area, mul(pts.get(i).x(), pts.get(j).y()));
            area = mi(area, mul(pts.get(i).y(), pts.get(j).x()));
        }
        return div(Math.abs(area), 2.0);
    }
}
