package org.tusk.engine.types.geo;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.FloatFormat;

/**
 * Text input and output of the geometric types (point_in/out, lseg_in/out,
 * line_in/out, box_in/out, path_in/out, poly_in/out, circle_in/out), after
 * geo_ops.c's pair_decode/path_decode: the same delimiters, nesting and
 * whitespace rules, float8in's number syntax (Inf, NaN, exponents), and
 * float8out's digits (extra_float_digits) on output.
 */
public final class GeoText {
    private GeoText() {}

    // ---------------------------------------------------------------- input

    /** A cursor over one input string; every failure reports the whole original. */
    private static final class Cursor {
        final String s;
        final String typeName;
        int pos;

        Cursor(String s, String typeName) {
            this.s = s;
            this.typeName = typeName;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        char next() {
            return pos < s.length() ? s.charAt(pos++) : '\0';
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        RuntimeException fail() {
            return Ereport.invalidInput(typeName, s);
        }

        /** float8in_internal with an end pointer: leading and trailing blanks skipped. */
        double number() {
            skipSpace();
            int start = pos;
            int i = pos;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
            double v;
            if (rest.startsWith("infinity") || rest.startsWith("inf")) {
                pos = i + (rest.startsWith("infinity") ? 8 : 3);
                v = s.charAt(start) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            } else if (rest.startsWith("nan")) {
                pos = i + 3;
                v = Double.NaN;
            } else {
                int digits = 0;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                    digits++;
                }
                if (i < s.length() && s.charAt(i) == '.') {
                    i++;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                        digits++;
                    }
                }
                if (digits == 0) {
                    throw fail();
                }
                if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int j = i + 1;
                    if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                        j++;
                    }
                    if (j < s.length() && Character.isDigit(s.charAt(j))) {
                        while (j < s.length() && Character.isDigit(s.charAt(j))) {
                            j++;
                        }
                        i = j;
                    }
                }
                String text = s.substring(start, i);
                v = Double.parseDouble(text);
                if (Double.isInfinite(v) || (v == 0.0 && new java.math.BigDecimal(text).signum() != 0)) {
                    throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "\"" + text + "\" is out of range for type double precision");
                }
                pos = i;
            }
            skipSpace();
            return v;
        }

        /** pair_decode: "x,y" or "(x,y)", blanks after a closing parenthesis skipped. */
        Point pair() {
            skipSpace();
            boolean delim = peek() == '(';
            if (delim) {
                pos++;
            }
            double x = number();
            if (next() != ',') {
                throw fail();
            }
            double y = number();
            if (delim) {
                if (next() != ')') {
                    throw fail();
                }
                skipSpace();
            }
            return new Point(x, y);
        }

        /** path_decode: {@code npts} pairs, optionally in [...] (if {@code openType}) or (...). Returns isopen. */
        boolean path(boolean openType, int npts, List<Point> out) {
            skipSpace();
            int depth = 0;
            boolean isOpen = false;
            if (peek() == '[') {
                if (!openType) {
                    throw fail();
                }
                isOpen = true;
                depth++;
                pos++;
            } else if (peek() == '(') {
                int cp = pos + 1;
                while (cp < s.length() && Character.isWhitespace(s.charAt(cp))) {
                    cp++;
                }
                if (cp < s.length() && s.charAt(cp) == '(') {
                    depth++;
                    pos = cp;
                } else if (s.lastIndexOf('(') == pos) {
                    depth++;
                    pos = cp;
                }
            }
            for (int i = 0; i < npts; i++) {
                out.add(pair());
                if (peek() == ',') {
                    pos++;
                }
            }
            while (depth > 0) {
                char c = peek();
                if (c == ')' || (c == ']' && isOpen && depth == 1)) {
                    depth--;
                    pos++;
                    skipSpace();
                } else {
                    throw fail();
                }
            }
            return isOpen;
        }

        void end() {
            if (pos != s.length()) {
                throw fail();
            }
        }
    }

    /** pair_count: the number of pairs the delimiters promise, or -1. */
    private static int pairCount(String s) {
        int ndelim = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ',') {
                ndelim++;
            }
        }
        return ndelim % 2 == 1 ? (ndelim + 1) / 2 : -1;
    }

    public static Point pointIn(String s) {
        Cursor c = new Cursor(s, "point");
        Point p = c.pair();
        c.end();
        return p;
    }

    public static Lseg lsegIn(String s) {
        Cursor c = new Cursor(s, "lseg");
        List<Point> pts = new ArrayList<>();
        c.path(true, 2, pts);
        c.end();
        return new Lseg(pts.get(0), pts.get(1));
    }

    public static Box boxIn(String s) {
        Cursor c = new Cursor(s, "box");
        List<Point> pts = new ArrayList<>();
        c.path(false, 2, pts);
        c.end();
        return box(pts.get(0), pts.get(1));
    }

    /** box_construct: the corners reordered so that high is the upper right. */
    public static Box box(Point a, Point b) {
        double hx = a.x(), lx = b.x(), hy = a.y(), ly = b.y();
        if (Geo.lt(hx, lx)) {
            double t = hx;
            hx = lx;
            lx = t;
        }
        if (Geo.lt(hy, ly)) {
            double t = hy;
            hy = ly;
            ly = t;
        }
        return new Box(new Point(hx, hy), new Point(lx, ly));
    }

    public static Line lineIn(String s) {
        Cursor c = new Cursor(s, "line");
        c.skipSpace();
        if (c.peek() == '{') {
            c.pos++;
            double a = c.number();
            if (c.next() != ',') {
                throw c.fail();
            }
            double b = c.number();
            if (c.next() != ',') {
                throw c.fail();
            }
            double cc = c.number();
            if (c.next() != '}') {
                throw c.fail();
            }
            c.skipSpace();
            c.end();
            if (Geo.fpZero(a) && Geo.fpZero(b)) {
                throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid line specification: A and B cannot both be zero");
            }
            return new Line(a, b, cc);
        }
        List<Point> pts = new ArrayList<>();
        c.path(true, 2, pts);
        c.end();
        if (GeoOps.pointEq(pts.get(0), pts.get(1))) {
            throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid line specification: must be two distinct points");
        }
        return GeoOps.lineFromPoints(pts.get(0), pts.get(1));
    }

    public static Path pathIn(String s) {
        int npts = pairCount(s);
        Cursor c = new Cursor(s, "path");
        if (npts <= 0) {
            throw c.fail();
        }
        c.skipSpace();
        int depth = 0;
        if (c.peek() == '(' && s.lastIndexOf('(') == c.pos) {
            c.pos++;
            depth++;
        }
        List<Point> pts = new ArrayList<>();
        boolean isOpen = c.path(true, npts, pts);
        if (depth >= 1) {
            if (c.next() != ')') {
                throw c.fail();
            }
            c.skipSpace();
        }
        c.end();
        return new Path(!isOpen, pts);
    }

    public static Polygon polygonIn(String s) {
        int npts = pairCount(s);
        Cursor c = new Cursor(s, "polygon");
        if (npts <= 0) {
            throw c.fail();
        }
        List<Point> pts = new ArrayList<>();
        c.path(false, npts, pts);
        c.end();
        return Polygon.of(pts);
    }

    public static Circle circleIn(String s) {
        Cursor c = new Cursor(s, "circle");
        c.skipSpace();
        int depth = 0;
        if (c.peek() == '<') {
            depth++;
            c.pos++;
        } else if (c.peek() == '(') {
            int cp = c.pos + 1;
            while (cp < s.length() && Character.isWhitespace(s.charAt(cp))) {
                cp++;
            }
            if (cp < s.length() && s.charAt(cp) == '(') {
                depth++;
                c.pos = cp;
            }
        }
        Point center = c.pair();
        if (c.peek() == ',') {
            c.pos++;
        }
        double r = c.number();
        if (r < 0.0) {
            throw c.fail();
        }
        while (depth > 0) {
            char ch = c.peek();
            if (ch == ')' || (ch == '>' && depth == 1)) {
                depth--;
                c.pos++;
                c.skipSpace();
            } else {
                throw c.fail();
            }
        }
        c.end();
        return new Circle(center, r);
    }

    // ---------------------------------------------------------------- output

    private static String num(double d, int extraFloatDigits) {
        return FloatFormat.float8(d, extraFloatDigits);
    }

    private static StringBuilder pair(StringBuilder sb, Point p, int efd) {
        return sb.append('(').append(num(p.x(), efd)).append(',').append(num(p.y(), efd)).append(')');
    }

    private static String points(List<Point> pts, char open, char close, int efd) {
        StringBuilder sb = new StringBuilder();
        if (open != 0) {
            sb.append(open);
        }
        for (int i = 0; i < pts.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            pair(sb, pts.get(i), efd);
        }
        if (close != 0) {
            sb.append(close);
        }
        return sb.toString();
    }

    /** The output function of whichever geometric value {@code v} is. */
    public static String output(Object v, int efd) {
        if (v instanceof Point p) {
            return pair(new StringBuilder(), p, efd).toString();
        }
        if (v instanceof Lseg l) {
            return points(List.of(l.p1(), l.p2()), '[', ']', efd);
        }
        if (v instanceof Box b) {
            return points(List.of(b.high(), b.low()), (char) 0, (char) 0, efd);
        }
        if (v instanceof Line l) {
            return "{" + num(l.a(), efd) + "," + num(l.b(), efd) + "," + num(l.c(), efd) + "}";
        }
        if (v instanceof Path p) {
            return p.closed() ? points(p.points(), '(', ')', efd) : points(p.points(), '[', ']', efd);
        }
        if (v instanceof Polygon p) {
            return points(p.points(), '(', ')', efd);
        }
        if (v instanceof Circle c) {
            return "<" + pair(new StringBuilder(), c.center(), efd) + "," + num(c.radius(), efd) + ">";
        }
        throw new IllegalArgumentException("not a geometric value: " + v);
    }
}
