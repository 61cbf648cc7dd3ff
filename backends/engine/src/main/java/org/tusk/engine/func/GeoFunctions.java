package org.tusk.engine.func;

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
import java.util.function.BiPredicate;
import java.util.function.ToDoubleFunction;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.geo.Box;
import org.tusk.engine.types.geo.Circle;
import org.tusk.engine.types.geo.Geo;
import org.tusk.engine.types.geo.GeoOps;
import org.tusk.engine.types.geo.GeoText;
import org.tusk.engine.types.geo.Line;
import org.tusk.engine.types.geo.Lseg;
import org.tusk.engine.types.geo.Path;
import org.tusk.engine.types.geo.Point;
import org.tusk.engine.types.geo.Polygon;

/**
 * The geometric operators and functions of geo_ops.c, bound by prosrc:
 * positional tests (&lt;&lt;, &gt;&gt;, &amp;&lt;, |&gt;&gt;...), containment (@&gt;, &lt;@),
 * overlap (&amp;&amp;), sameness (~=), distance (&lt;-&gt;), the point arithmetic
 * (+ - * /), accessors (area, center, width, radius, npoints...) and the
 * conversions between types (box(point,point), circle(box), polygon(box)...).
 * The geometry itself is in types.geo.GeoOps.
 */
final class GeoFunctions {
    private GeoFunctions() {}

    private static void bool2(String prosrc, BiPredicate<Object, Object> p) {
        FunctionRegistry.bind(prosrc, (a, c) -> p.test(a[0], a[1]));
    }

    private static <T> void real1(String prosrc, ToDoubleFunction<T> f) {
        FunctionRegistry.bind(prosrc, (a, c) -> {
            @SuppressWarnings("unchecked")
            T t = (T) a[0];
            return f.applyAsDouble(t);
        });
    }

    private static Point p(Object o) {
        return (Point) o;
    }

    private static Box b(Object o) {
        return (Box) o;
    }

    private static Circle ci(Object o) {
        return (Circle) o;
    }

    private static Polygon pg(Object o) {
        return (Polygon) o;
    }

    private static Lseg ls(Object o) {
        return (Lseg) o;
    }

    private static Line ln(Object o) {
        return (Line) o;
    }

    static void register() {
        registerPoint();
        registerBox();
        registerCircle();
        registerPolygonAndPath();
        registerLsegAndLine();
    }

    private static void registerPoint() {
        bool2("point_eq", (x, y) -> GeoOps.pointEq(p(x), p(y)));
        bool2("point_ne", (x, y) -> !GeoOps.pointEq(p(x), p(y)));
        bool2("point_left", (x, y) -> fpLt(p(x).x(), p(y).x()));
        bool2("point_right", (x, y) -> fpGt(p(x).x(), p(y).x()));
        bool2("point_above", (x, y) -> fpGt(p(x).y(), p(y).y()));
        bool2("point_below", (x, y) -> fpLt(p(x).y(), p(y).y()));
        bool2("point_vert", (x, y) -> fpEq(p(x).x(), p(y).x()));
        bool2("point_horiz", (x, y) -> fpEq(p(x).y(), p(y).y()));
        FunctionRegistry.bind("point_distance", (a, c) -> GeoOps.distance(p(a[0]), p(a[1])));
        FunctionRegistry.bind("point_slope", (a, c) -> GeoOps.slope(p(a[0]), p(a[1])));
        FunctionRegistry.bind("point_add", (a, c) -> GeoOps.add(p(a[0]), p(a[1])));
        FunctionRegistry.bind("point_sub", (a, c) -> GeoOps.sub(p(a[0]), p(a[1])));
        FunctionRegistry.bind("point_mul", (a, c) -> GeoOps.mulPoint(p(a[0]), p(a[1])));
        FunctionRegistry.bind("point_div", (a, c) -> GeoOps.divPoint(p(a[0]), p(a[1])));
        FunctionRegistry.bind("construct_point", (a, c) -> new Point((Double) a[0], (Double) a[1]));
        FunctionRegistry.bind("point_box", (a, c) -> new Box(p(a[0]), p(a[0])));
        FunctionRegistry.bind("points_box", (a, c) -> GeoText.box(p(a[0]), p(a[1])));
        bool2("on_pb", (x, y) -> GeoOps.boxContains(b(y), p(x)));
        bool2("box_contain_pt", (x, y) -> GeoOps.boxContains(b(x), p(y)));
        bool2("pt_contained_poly", (x, y) -> GeoOps.pointInside(p(x), pg(y).points()) != 0);
        bool2("poly_contain_pt", (x, y) -> GeoOps.pointInside(p(y), pg(x).points()) != 0);
        bool2("pt_contained_circle", (x, y) -> GeoOps.distance(ci(y).center(), p(x)) <= ci(y).radius());
        bool2("circle_contain_pt", (x, y) -> GeoOps.distance(ci(x).center(), p(y)) <= ci(x).radius());
        bool2("on_ps", (x, y) -> GeoOps.lsegContains(ls(y), p(x)));
        bool2("on_pl", (x, y) -> fpZero(pl(pl(mul(ln(y).a(), p(x).x()), mul(ln(y).b(), p(x).y())), ln(y).c())));
        FunctionRegistry.bind("dist_pb", (a, c) -> GeoOps.boxDistance(b(a[1]), p(a[0])));
        FunctionRegistry.bind("dist_bp", (a, c) -> GeoOps.boxDistance(b(a[0]), p(a[1])));
        FunctionRegistry.bind("dist_pc", (a, c) -> circlePointDistance(ci(a[1]), p(a[0])));
        FunctionRegistry.bind("dist_cpoint", (a, c) -> circlePointDistance(ci(a[0]), p(a[1])));
        FunctionRegistry.bind("dist_ppoly", (a, c) -> GeoOps.polyDistance(pg(a[1]), p(a[0])));
        FunctionRegistry.bind("dist_polyp", (a, c) -> GeoOps.polyDistance(pg(a[0]), p(a[1])));
        FunctionRegistry.bind("dist_ps", (a, c) -> GeoOps.lsegDistance(ls(a[1]), p(a[0])));
        FunctionRegistry.bind("dist_sp", (a, c) -> GeoOps.lsegDistance(ls(a[0]), p(a[1])));
        FunctionRegistry.bind("dist_pl", (a, c) -> GeoOps.lineClosest(null, ln(a[1]), p(a[0])));
        FunctionRegistry.bind("dist_lp", (a, c) -> GeoOps.lineClosest(null, ln(a[0]), p(a[1])));
    }

    /** dist_cpoint: from the circumference, zero inside. */
    private static double circlePointDistance(Circle c, Point p) {
        double d = mi(GeoOps.distance(p, c.center()), c.radius());
        return d < 0.0 ? 0.0 : d;
    }

    private static void registerBox() {
        bool2("box_same", (x, y) -> GeoOps.pointEq(b(x).high(), b(y).high()) && GeoOps.pointEq(b(x).low(), b(y).low()));
        bool2("box_overlap", (x, y) -> GeoOps.boxOverlap(b(x), b(y)));
        bool2("box_contain", (x, y) -> GeoOps.boxContainsBox(b(x), b(y)));
        bool2("box_contained", (x, y) -> GeoOps.boxContainsBox(b(y), b(x)));
        bool2("box_left", (x, y) -> fpLt(b(x).high().x(), b(y).low().x()));
        bool2("box_overleft", (x, y) -> fpLe(b(x).high().x(), b(y).high().x()));
        bool2("box_right", (x, y) -> fpGt(b(x).low().x(), b(y).high().x()));
        bool2("box_overright", (x, y) -> fpGe(b(x).low().x(), b(y).low().x()));
        bool2("box_below", (x, y) -> fpLt(b(x).high().y(), b(y).low().y()));
        bool2("box_overbelow", (x, y) -> fpLe(b(x).high().y(), b(y).high().y()));
        bool2("box_above", (x, y) -> fpGt(b(x).low().y(), b(y).high().y()));
        bool2("box_overabove", (x, y) -> fpGe(b(x).low().y(), b(y).low().y()));
        bool2("box_below_eq", (x, y) -> fpLe(b(x).high().y(), b(y).low().y()));
        bool2("box_above_eq", (x, y) -> fpGe(b(x).low().y(), b(y).high().y()));
        bool2("box_eq", (x, y) -> fpEq(GeoOps.boxArea(b(x)), GeoOps.boxArea(b(y))));
        bool2("box_lt", (x, y) -> fpLt(GeoOps.boxArea(b(x)), GeoOps.boxArea(b(y))));
        bool2("box_gt", (x, y) -> fpGt(GeoOps.boxArea(b(x)), GeoOps.boxArea(b(y))));
        bool2("box_le", (x, y) -> fpLe(GeoOps.boxArea(b(x)), GeoOps.boxArea(b(y))));
        bool2("box_ge", (x, y) -> fpGe(GeoOps.boxArea(b(x)), GeoOps.boxArea(b(y))));
        real1("box_area", (Box x) -> GeoOps.boxArea(x));
        real1("box_width", (Box x) -> mi(x.high().x(), x.low().x()));
        real1("box_height", (Box x) -> mi(x.high().y(), x.low().y()));
        FunctionRegistry.bind("box_center", (a, c) -> GeoOps.boxCenter(b(a[0])));
        FunctionRegistry.bind("box_diagonal", (a, c) -> new Lseg(b(a[0]).high(), b(a[0]).low()));
        FunctionRegistry.bind("box_distance", (a, c) -> GeoOps.distance(GeoOps.boxCenter(b(a[0])), GeoOps.boxCenter(b(a[1]))));
        FunctionRegistry.bind("box_intersect", (a, c) -> {
            Box x = b(a[0]);
            Box y = b(a[1]);
            if (!GeoOps.boxOverlap(x, y)) {
                return null;
            }
            return new Box(new Point(Geo.min(x.high().x(), y.high().x()), Geo.min(x.high().y(), y.high().y())),
                    new Point(Geo.max(x.low().x(), y.low().x()), Geo.max(x.low().y(), y.low().y())));
        });
        FunctionRegistry.bind("box_add", (a, c) -> new Box(GeoOps.add(b(a[0]).high(), p(a[1])), GeoOps.add(b(a[0]).low(), p(a[1]))));
        FunctionRegistry.bind("box_sub", (a, c) -> new Box(GeoOps.sub(b(a[0]).high(), p(a[1])), GeoOps.sub(b(a[0]).low(), p(a[1]))));
        FunctionRegistry.bind("box_mul", (a, c) -> GeoText.box(GeoOps.mulPoint(b(a[0]).high(), p(a[1])),
                GeoOps.mulPoint(b(a[0]).low(), p(a[1]))));
        FunctionRegistry.bind("box_div", (a, c) -> GeoText.box(GeoOps.divPoint(b(a[0]).high(), p(a[1])),
                GeoOps.divPoint(b(a[0]).low(), p(a[1]))));
        FunctionRegistry.bind("box_poly", (a, c) -> GeoOps.boxToPolygon(b(a[0])));
        FunctionRegistry.bind("box_circle", (a, c) -> GeoOps.boxToCircle(b(a[0])));
        FunctionRegistry.bind("boxes_bound_box", (a, c) -> {
            Box x = b(a[0]);
            Box y = b(a[1]);
            return new Box(new Point(Geo.max(x.high().x(), y.high().x()), Geo.max(x.high().y(), y.high().y())),
                    new Point(Geo.min(x.low().x(), y.low().x()), Geo.min(x.low().y(), y.low().y())));
        });
    }

    private static void registerCircle() {
        bool2("circle_same", (x, y) -> ((Double.isNaN(ci(x).radius()) && Double.isNaN(ci(y).radius()))
                || fpEq(ci(x).radius(), ci(y).radius())) && GeoOps.pointEq(ci(x).center(), ci(y).center()));
        bool2("circle_overlap", (x, y) -> fpLe(GeoOps.distance(ci(x).center(), ci(y).center()),
                pl(ci(x).radius(), ci(y).radius())));
        bool2("circle_contain", (x, y) -> fpLe(pl(GeoOps.distance(ci(x).center(), ci(y).center()), ci(y).radius()),
                ci(x).radius()));
        bool2("circle_contained", (x, y) -> fpLe(pl(GeoOps.distance(ci(x).center(), ci(y).center()), ci(x).radius()),
                ci(y).radius()));
        bool2("circle_left", (x, y) -> fpLt(pl(ci(x).center().x(), ci(x).radius()), mi(ci(y).center().x(), ci(y).radius())));
        bool2("circle_overleft", (x, y) -> fpLe(pl(ci(x).center().x(), ci(x).radius()), pl(ci(y).center().x(), ci(y).radius())));
        bool2("circle_right", (x, y) -> fpGt(mi(ci(x).center().x(), ci(x).radius()), pl(ci(y).center().x(), ci(y).radius())));
        bool2("circle_overright", (x, y) -> fpGe(mi(ci(x).center().x(), ci(x).radius()), mi(ci(y).center().x(), ci(y).radius())));
        bool2("circle_below", (x, y) -> fpLt(pl(ci(x).center().y(), ci(x).radius()), mi(ci(y).center().y(), ci(y).radius())));
        bool2("circle_overbelow", (x, y) -> fpLe(pl(ci(x).center().y(), ci(x).radius()), pl(ci(y).center().y(), ci(y).radius())));
        bool2("circle_above", (x, y) -> fpGt(mi(ci(x).center().y(), ci(x).radius()), pl(ci(y).center().y(), ci(y).radius())));
        bool2("circle_overabove", (x, y) -> fpGe(mi(ci(x).center().y(), ci(x).radius()), mi(ci(y).center().y(), ci(y).radius())));
        bool2("circle_eq", (x, y) -> fpEq(circleArea(ci(x)), circleArea(ci(y))));
        bool2("circle_ne", (x, y) -> !fpEq(circleArea(ci(x)), circleArea(ci(y))));
        bool2("circle_lt", (x, y) -> fpLt(circleArea(ci(x)), circleArea(ci(y))));
        bool2("circle_gt", (x, y) -> fpGt(circleArea(ci(x)), circleArea(ci(y))));
        bool2("circle_le", (x, y) -> fpLe(circleArea(ci(x)), circleArea(ci(y))));
        bool2("circle_ge", (x, y) -> fpGe(circleArea(ci(x)), circleArea(ci(y))));
        real1("circle_area", (Circle x) -> circleArea(x));
        real1("circle_radius", (Circle x) -> x.radius());
        real1("circle_diameter", (Circle x) -> mul(x.radius(), 2.0));
        FunctionRegistry.bind("circle_center", (a, c) -> ci(a[0]).center());
        FunctionRegistry.bind("circle_distance", (a, c) -> {
            double d = mi(GeoOps.distance(ci(a[0]).center(), ci(a[1]).center()), pl(ci(a[0]).radius(), ci(a[1]).radius()));
            return d < 0.0 ? 0.0 : d;
        });
        FunctionRegistry.bind("cr_circle", (a, c) -> new Circle(p(a[0]), (Double) a[1]));
        FunctionRegistry.bind("circle_box", (a, c) -> GeoOps.circleToBox(ci(a[0])));
        FunctionRegistry.bind("circle_poly", (a, c) -> GeoOps.circleToPolygon((Integer) a[0], ci(a[1])));
        FunctionRegistry.bind("poly_circle", (a, c) -> GeoOps.polyToCircle(pg(a[0])));
        FunctionRegistry.bind("circle_add_pt", (a, c) -> new Circle(GeoOps.add(ci(a[0]).center(), p(a[1])), ci(a[0]).radius()));
        FunctionRegistry.bind("circle_sub_pt", (a, c) -> new Circle(GeoOps.sub(ci(a[0]).center(), p(a[1])), ci(a[0]).radius()));
        FunctionRegistry.bind("circle_mul_pt", (a, c) -> new Circle(GeoOps.mulPoint(ci(a[0]).center(), p(a[1])),
                mul(ci(a[0]).radius(), Geo.hypot(p(a[1]).x(), p(a[1]).y()))));
        FunctionRegistry.bind("circle_div_pt", (a, c) -> new Circle(GeoOps.divPoint(ci(a[0]).center(), p(a[1])),
                div(ci(a[0]).radius(), Geo.hypot(p(a[1]).x(), p(a[1]).y()))));
    }

    /** circle_ar: pi r squared */
    private static double circleArea(Circle c) {
        return mul(mul(c.radius(), c.radius()), Math.PI);
    }

    private static void registerPolygonAndPath() {
        bool2("poly_same", (x, y) -> GeoOps.samePoints(pg(x).points(), pg(y).points()));
        bool2("poly_overlap", (x, y) -> GeoOps.polyOverlap(pg(x), pg(y)));
        bool2("poly_contain", (x, y) -> GeoOps.polyContainsPoly(pg(x), pg(y)));
        bool2("poly_contained", (x, y) -> GeoOps.polyContainsPoly(pg(y), pg(x)));
        bool2("poly_left", (x, y) -> pg(x).boundBox().high().x() < pg(y).boundBox().low().x());
        bool2("poly_overleft", (x, y) -> pg(x).boundBox().high().x() <= pg(y).boundBox().high().x());
        bool2("poly_right", (x, y) -> pg(x).boundBox().low().x() > pg(y).boundBox().high().x());
        bool2("poly_overright", (x, y) -> pg(x).boundBox().low().x() >= pg(y).boundBox().low().x());
        bool2("poly_below", (x, y) -> pg(x).boundBox().high().y() < pg(y).boundBox().low().y());
        bool2("poly_overbelow", (x, y) -> pg(x).boundBox().high().y() <= pg(y).boundBox().high().y());
        bool2("poly_above", (x, y) -> pg(x).boundBox().low().y() > pg(y).boundBox().high().y());
        bool2("poly_overabove", (x, y) -> pg(x).boundBox().low().y() >= pg(y).boundBox().low().y());
        FunctionRegistry.bind("poly_npoints", (a, c) -> pg(a[0]).points().size());
        FunctionRegistry.bind("poly_center", (a, c) -> GeoOps.polyToCircle(pg(a[0])).center());
        FunctionRegistry.bind("poly_box", (a, c) -> pg(a[0]).boundBox());
        FunctionRegistry.bind("poly_path", (a, c) -> new Path(true, pg(a[0]).points()));
        FunctionRegistry.bind("path_poly", (a, c) -> {
            Path x = (Path) a[0];
            if (!x.closed()) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "open path cannot be converted to polygon");
            }
            return Polygon.of(x.points());
        });
        FunctionRegistry.bind("path_npoints", (a, c) -> ((Path) a[0]).points().size());
        FunctionRegistry.bind("path_isclosed", (a, c) -> ((Path) a[0]).closed());
        FunctionRegistry.bind("path_isopen", (a, c) -> !((Path) a[0]).closed());
        FunctionRegistry.bind("path_close", (a, c) -> new Path(true, ((Path) a[0]).points()));
        FunctionRegistry.bind("path_open", (a, c) -> new Path(false, ((Path) a[0]).points()));
        FunctionRegistry.bind("path_length", (a, c) -> GeoOps.pathLength((Path) a[0]));
        FunctionRegistry.bind("path_area", (a, c) -> GeoOps.pathArea((Path) a[0]));
        FunctionRegistry.bind("path_n_eq", (a, c) -> ((Path) a[0]).points().size() == ((Path) a[1]).points().size());
        FunctionRegistry.bind("path_n_lt", (a, c) -> ((Path) a[0]).points().size() < ((Path) a[1]).points().size());
        FunctionRegistry.bind("path_n_gt", (a, c) -> ((Path) a[0]).points().size() > ((Path) a[1]).points().size());
        FunctionRegistry.bind("path_n_le", (a, c) -> ((Path) a[0]).points().size() <= ((Path) a[1]).points().size());
        FunctionRegistry.bind("path_n_ge", (a, c) -> ((Path) a[0]).points().size() >= ((Path) a[1]).points().size());
        FunctionRegistry.bind("path_add", (a, c) -> {
            Path x = (Path) a[0];
            Path y = (Path) a[1];
            if (x.closed() || y.closed()) {
                return null;
            }
            List<Point> pts = new ArrayList<>(x.points());
            pts.addAll(y.points());
            return new Path(false, pts);
        });
        FunctionRegistry.bind("path_add_pt", (a, c) -> mapPath((Path) a[0], q -> GeoOps.add(q, p(a[1]))));
        FunctionRegistry.bind("path_sub_pt", (a, c) -> mapPath((Path) a[0], q -> GeoOps.sub(q, p(a[1]))));
        FunctionRegistry.bind("path_mul_pt", (a, c) -> mapPath((Path) a[0], q -> GeoOps.mulPoint(q, p(a[1]))));
        FunctionRegistry.bind("path_div_pt", (a, c) -> mapPath((Path) a[0], q -> GeoOps.divPoint(q, p(a[1]))));
    }

    private static Path mapPath(Path x, java.util.function.UnaryOperator<Point> f) {
        List<Point> pts = new ArrayList<>();
        for (Point q : x.points()) {
            pts.add(f.apply(q));
        }
        return new Path(x.closed(), pts);
    }

    private static void registerLsegAndLine() {
        FunctionRegistry.bind("lseg_construct", (a, c) -> new Lseg(p(a[0]), p(a[1])));
        real1("lseg_length", (Lseg x) -> GeoOps.distance(x.p1(), x.p2()));
        FunctionRegistry.bind("lseg_center", (a, c) -> new Point(div(pl(ls(a[0]).p1().x(), ls(a[0]).p2().x()), 2.0),
                div(pl(ls(a[0]).p1().y(), ls(a[0]).p2().y()), 2.0)));
        bool2("lseg_parallel", (x, y) -> fpEq(GeoOps.slope(ls(x).p1(), ls(x).p2()), GeoOps.slope(ls(y).p1(), ls(y).p2())));
        bool2("lseg_perp", (x, y) -> fpEq(GeoOps.slope(ls(x).p1(), ls(x).p2()), GeoOps.invSlope(ls(y).p1(), ls(y).p2())));
        FunctionRegistry.bind("lseg_vertical", (a, c) -> fpEq(ls(a[0]).p1().x(), ls(a[0]).p2().x()));
        FunctionRegistry.bind("lseg_horizontal", (a, c) -> fpEq(ls(a[0]).p1().y(), ls(a[0]).p2().y()));
        bool2("lseg_eq", (x, y) -> GeoOps.pointEq(ls(x).p1(), ls(y).p1()) && GeoOps.pointEq(ls(x).p2(), ls(y).p2()));
        bool2("lseg_ne", (x, y) -> !GeoOps.pointEq(ls(x).p1(), ls(y).p1()) || !GeoOps.pointEq(ls(x).p2(), ls(y).p2()));
        bool2("lseg_intersect", (x, y) -> GeoOps.lsegIntersection(ls(x), ls(y)) != null);
        FunctionRegistry.bind("lseg_interpt", (a, c) -> GeoOps.lsegIntersection(ls(a[0]), ls(a[1])));
        FunctionRegistry.bind("line_construct_pp", (a, c) -> {
            if (GeoOps.pointEq(p(a[0]), p(a[1]))) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid line specification: must be two distinct points");
            }
            return GeoOps.lineFromPoints(p(a[0]), p(a[1]));
        });
        bool2("line_parallel", (x, y) -> GeoOps.intersect(ln(x), ln(y)) == null);
        bool2("line_intersect", (x, y) -> GeoOps.intersect(ln(x), ln(y)) != null);
        FunctionRegistry.bind("line_interpt", (a, c) -> GeoOps.intersect(ln(a[0]), ln(a[1])));
        FunctionRegistry.bind("line_vertical", (a, c) -> fpZero(ln(a[0]).b()));
        FunctionRegistry.bind("line_horizontal", (a, c) -> fpZero(ln(a[0]).a()));
        bool2("line_perp", (x, y) -> {
            Line l1 = ln(x);
            Line l2 = ln(y);
            if (fpZero(l1.a())) {
                return fpZero(l2.b());
            }
            if (fpZero(l2.a())) {
                return fpZero(l1.b());
            }
            if (fpZero(l1.b())) {
                return fpZero(l2.a());
            }
            if (fpZero(l2.b())) {
                return fpZero(l1.a());
            }
            return fpEq(div(mul(l1.a(), l2.a()), mul(l1.b(), l2.b())), -1.0);
        });
        bool2("line_eq", (x, y) -> lineEq(ln(x), ln(y)));
        FunctionRegistry.bind("line_distance", (a, c) -> {
            Line l1 = ln(a[0]);
            Line l2 = ln(a[1]);
            if (GeoOps.intersect(l1, l2) != null) {
                return 0.0;
            }
            double ratio;
            if (!fpZero(l1.a()) && !Double.isNaN(l1.a()) && !fpZero(l2.a()) && !Double.isNaN(l2.a())) {
                ratio = div(l1.a(), l2.a());
            } else if (!fpZero(l1.b()) && !Double.isNaN(l1.b()) && !fpZero(l2.b()) && !Double.isNaN(l2.b())) {
                ratio = div(l1.b(), l2.b());
            } else {
                ratio = 1.0;
            }
            return div(Math.abs(mi(l1.c(), mul(ratio, l2.c()))), Geo.hypot(l1.a(), l1.b()));
        });
    }

    private static boolean lineEq(Line l1, Line l2) {
        if (Double.isNaN(l1.a()) || Double.isNaN(l1.b()) || Double.isNaN(l1.c())
                || Double.isNaN(l2.a()) || Double.isNaN(l2.b()) || Double.isNaN(l2.c())) {
            return Geo.eq(l1.a(), l2.a()) && Geo.eq(l1.b(), l2.b()) && Geo.eq(l1.c(), l2.c());
        }
        double ratio;
        if (!fpZero(l2.a())) {
            ratio = div(l1.a(), l2.a());
        } else if (!fpZero(l2.b())) {
            ratio = div(l1.b(), l2.b());
        } else if (!fpZero(l2.c())) {
            ratio = div(l1.c(), l2.c());
        } else {
            ratio = 1.0;
        }
        return fpEq(l1.a(), mul(ratio, l2.a())) && fpEq(l1.b(), mul(ratio, l2.b())) && fpEq(l1.c(), mul(ratio, l2.c()));
    }
}
