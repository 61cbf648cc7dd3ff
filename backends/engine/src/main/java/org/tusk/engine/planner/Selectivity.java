package org.tusk.engine.planner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.expr.BoolExpr;
import org.tusk.engine.expr.BoolTestExpr;
import org.tusk.engine.expr.ConstExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.NullTestExpr;
import org.tusk.engine.expr.ScalarArrayOpExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * Clause selectivity (clausesel.c and selfuncs.c, cut down): the fraction of a
 * relation's rows a qualification keeps, from the column's pg_statistic row
 * (null fraction, number of distinct values, most common values with their
 * frequencies, histogram bounds) when ANALYZE has filled it, else PostgreSQL's
 * default guesses: 1/200 distinct values for equality (or one per row for small
 * relations), 1/3 for an inequality, 0.005 for a range with both ends guessed,
 * 0.005 for pattern matches and IS NULL.
 */
public final class Selectivity {
    public static final double DEFAULT_EQ_SEL = 0.005;
    public static final double DEFAULT_INEQ_SEL = 1.0 / 3.0;
    public static final double DEFAULT_RANGE_INEQ_SEL = 0.005;
    public static final double DEFAULT_MATCH_SEL = 0.005;
    public static final double DEFAULT_UNK_SEL = 0.005;
    public static final double DEFAULT_NOT_UNK_SEL = 1.0 - DEFAULT_UNK_SEL;
    public static final double DEFAULT_BOOL_SEL = 0.5;
    public static final int DEFAULT_NUM_DISTINCT = 200;

    /** What the planner knows about the column a Var reads. */
    public record ColumnInfo(ColumnStatistics stats, double relTuples, boolean unique) {}

    /** Finds the column behind a Var (null when it is not a base relation's column). */
    public interface ColumnLookup {
        ColumnInfo column(VarExpr var);
    }

    private final ColumnLookup lookup;

    public Selectivity(ColumnLookup lookup) {
        this.lookup = lookup;
    }

    /** clauselist_selectivity: the product of the clauses', with pairs of range bounds on one column combined. */
    public double clauseList(List<Expr> clauses) {
        double s = 1.0;
        List<Object[]> ranges = new ArrayList<>(); // {var key, lo sel or NaN, hi sel or NaN}
        for (Expr c : clauses) {
            Range r = rangeBound(c);
            if (r != null) {
                Object[] slot = null;
                for (Object[] x : ranges) {
                    if (x[0].equals(r.var.attno())) {
                        slot = x;
                    }
                }
                if (slot == null) {
                    slot = new Object[] {r.var.attno(), Double.NaN, Double.NaN, r.var};
                    ranges.add(slot);
                }
                int i = r.lower ? 1 : 2;
                slot[i] = Double.isNaN((Double) slot[i]) ? r.sel : Math.min((Double) slot[i], r.sel);
                continue;
            }
            s *= clause(c);
        }
        for (Object[] x : ranges) {
            double lo = (Double) x[1];
            double hi = (Double) x[2];
            if (Double.isNaN(lo)) {
                s *= hi;
            } else if (Double.isNaN(hi)) {
                s *= lo;
            } else if (lo == DEFAULT_INEQ_SEL && hi == DEFAULT_INEQ_SEL) {
                s *= DEFAULT_RANGE_INEQ_SEL;
            } else {
                // both bounds excluded the NULLs: add them back once (clauselist_selectivity's range pairs)
                double both = hi + lo - 1.0 + nullFrac((VarExpr) x[3]);
                if (both <= 0) {
                    both = both < -0.01 ? 1.0e-10 : DEFAULT_RANGE_INEQ_SEL;
                }
                s *= both;
            }
        }
        return clamp(s);
    }

    private record Range(VarExpr var, boolean lower, double sel) {}

    /** A Var < / <= / > / >= Const clause as a lower or upper bound, with its own selectivity. */
    private Range rangeBound(Expr c) {
        if (!(c instanceof FuncExpr f) || f.args().size() != 2) {
            return null;
        }
        String op = f.name();
        if (!(op.equals("<") || op.equals("<=") || op.equals(">") || op.equals(">="))) {
            return null;
        }
        Expr a = f.args().get(0);
        Expr b = f.args().get(1);
        boolean varLeft = a instanceof VarExpr && isPseudoConstant(b);
        boolean varRight = b instanceof VarExpr && isPseudoConstant(a);
        if (!varLeft && !varRight) {
            return null;
        }
        VarExpr v = (VarExpr) (varLeft ? a : b);
        boolean greater = op.startsWith(">") == varLeft;
        return new Range(v, greater, clause(c));
    }

    /** clause_selectivity for one qualification. */
    public double clause(Expr c) {
        if (c instanceof ConstExpr k) {
            return k.value() == null || Boolean.FALSE.equals(k.value()) ? 0.0 : 1.0;
        }
        if (c instanceof BoolExpr b) {
            if (b.op() == BoolOp.AND) {
                return clauseList(b.args());
            }
            if (b.op() == BoolOp.OR) {
                double s = 0;
                for (Expr a : b.args()) {
                    double s2 = clause(a);
                    s = s + s2 - s * s2;
                }
                return clamp(s);
            }
            return clamp(1.0 - clause(b.args().get(0)));
        }
        if (c instanceof NullTestExpr n) {
            double nullFrac = nullFrac(n.arg());
            return n.isNot() ? 1.0 - nullFrac : nullFrac;
        }
        if (c instanceof BoolTestExpr bt) {
            double t = clause(bt.arg());
            double nf = nullFrac(bt.arg());
            switch (bt.kind()) {
                case IS_TRUE: return clamp(t);
                case IS_NOT_TRUE: return clamp(1 - t);
                case IS_FALSE: return clamp(1 - t - nf);
                case IS_NOT_FALSE: return clamp(t + nf);
                case IS_UNKNOWN: return nf;
                default: return 1 - nf;
            }
        }
        if (c instanceof VarExpr v && v.type() == PgType.BOOL) {
            return boolVar(v);
        }
        if (c instanceof ScalarArrayOpExpr sa) {
            return scalarArrayOp(sa);
        }
        if (c instanceof FuncExpr f && f.args().size() == 2) {
            return operator(f.name(), f.args().get(0), f.args().get(1));
        }
        return DEFAULT_INEQ_SEL;
    }

    private double operator(String op, Expr a, Expr b) {
        switch (op) {
            case "=":
                return eq(a, b);
            case "<>":
                return clamp(1.0 - eq(a, b) - nullFrac(a instanceof VarExpr ? a : b));
            case "<": case "<=": case ">": case ">=":
                return ineq(op, a, b);
            case "~~": case "~~*": case "~": case "~*": case "similar":
                return DEFAULT_MATCH_SEL;
            case "!~~": case "!~~*": case "!~": case "!~*":
                return 1.0 - DEFAULT_MATCH_SEL;
            default:
                return DEFAULT_INEQ_SEL;
        }
    }

    /** eqsel / var_eq_const: the MCV's frequency, else the rest spread evenly over the other distinct values. */
    double eq(Expr a, Expr b) {
        VarExpr v = a instanceof VarExpr va ? va : b instanceof VarExpr vb ? vb : null;
        Expr other = v == a ? b : a;
        if (v == null) {
            return DEFAULT_EQ_SEL;
        }
        ColumnInfo info = lookup.column(v);
        if (other instanceof ConstExpr k && k.value() == null) {
            return 0.0;
        }
        if (info != null && info.unique()) {
            return 1.0 / Math.max(1, info.relTuples());
        }
        ColumnStatistics st = info == null ? null : info.stats();
        if (st != null && other instanceof ConstExpr k && !st.mostCommonValues().isEmpty()) {
            double sumMcv = 0;
            for (int i = 0; i < st.mostCommonValues().size(); i++) {
                sumMcv += st.mostCommonFreqs().get(i);
                if (equal(st.mostCommonValues().get(i), k.value())) {
                    return st.mostCommonFreqs().get(i);
                }
            }
            double nd = nDistinct(v);
            double others = nd - st.mostCommonValues().size();
            double rest = 1.0 - sumMcv - st.nullFrac();
            double sel = others > 0 ? rest / others : 0;
            // an unlisted value is not more common than the least common listed one
            double minFreq = st.mostCommonFreqs().get(st.mostCommonFreqs().size() - 1);
            return clamp(Math.min(sel, minFreq));
        }
        double nd = nDistinct(v);
        double sel = 1.0 / nd;
        if (st != null) {
            sel *= 1.0 - st.nullFrac();
        }
        return clamp(sel);
    }

    /** scalarineqsel: MCVs satisfying the comparison plus the histogram's fraction below/above the value. */
    double ineq(String op, Expr a, Expr b) {
        boolean varLeft = a instanceof VarExpr;
        VarExpr v = varLeft ? (VarExpr) a : b instanceof VarExpr vb ? vb : null;
        Expr other = varLeft ? b : a;
        if (v == null || !(other instanceof ConstExpr k) || k.value() == null) {
            return DEFAULT_INEQ_SEL;
        }
        ColumnInfo info = lookup.column(v);
        ColumnStatistics st = info == null ? null : info.stats();
        if (st == null || (st.mostCommonValues().isEmpty() && st.histogramBounds().size() < 2)) {
            return DEFAULT_INEQ_SEL;
        }
        // normalize to "var < value" / "var > value"
        boolean less = (op.startsWith("<")) == varLeft;
        boolean inclusive = op.endsWith("=");
        Object value = k.value();
        double mcvSel = 0;
        double sumMcv = 0;
        for (int i = 0; i < st.mostCommonValues().size(); i++) {
            Object m = st.mostCommonValues().get(i);
            double f = st.mostCommonFreqs().get(i);
            sumMcv += f;
            int cmp = compare(m, value);
            if (cmp == Integer.MIN_VALUE) {
                return DEFAULT_INEQ_SEL;
            }
            if (less ? (cmp < 0 || inclusive && cmp == 0) : (cmp > 0 || inclusive && cmp == 0)) {
                mcvSel += f;
            }
        }
        double histSel;
        double rest = Math.max(0, 1.0 - sumMcv - st.nullFrac());
        List<Object> h = st.histogramBounds();
        double equalShare = 0;
        if (h.size() >= 2) {
            // the interpolated fraction counts the value itself as below it ("<="); a strict "<" and an
            // inclusive ">=" move one value's share (as PostgreSQL 15's estimates do)
            double below = histogramFraction(h, value);
            if (Double.isNaN(below)) {
                return DEFAULT_INEQ_SEL;
            }
            histSel = less ? below : 1.0 - below;
            double others = nDistinct(v) - st.mostCommonValues().size();
            double share = others > 0 ? rest / others : 0;
            if (below <= 0.0 || below >= 1.0) {
                // outside the histogram: all of it is on one side, no correction for the value itself
                equalShare = 0;
            } else if (less && !inclusive) {
                equalShare = -share;
            } else if (!less && inclusive) {
                equalShare = share;
            }
        } else {
            histSel = sumMcv > 0 ? mcvSel / sumMcv : DEFAULT_INEQ_SEL;
        }
        return clamp(mcvSel + histSel * rest + equalShare);
    }

    /** The fraction of the histogram's population below {@code value}, interpolating inside a bucket. */
    static double histogramFraction(List<Object> bounds, Object value) {
        int n = bounds.size();
        int c0 = compare(value, bounds.get(0));
        int cN = compare(value, bounds.get(n - 1));
        if (c0 == Integer.MIN_VALUE || cN == Integer.MIN_VALUE) {
            return Double.NaN;
        }
        if (c0 <= 0) {
            return 0.0;
        }
        if (cN >= 0) {
            return 1.0;
        }
        for (int i = 1; i < n; i++) {
            if (compare(value, bounds.get(i)) < 0) {
                double frac = 0.5;
                Double lo = numeric(bounds.get(i - 1));
                Double hi = numeric(bounds.get(i));
                Double x = numeric(value);
                if (lo != null && hi != null && x != null && hi > lo) {
                    frac = (x - lo) / (hi - lo);
                } else if (value instanceof String sv && bounds.get(i - 1) instanceof String sl
                        && bounds.get(i) instanceof String sh) {
                    frac = stringBinFraction(sv, sl, sh);
                }
                return ((i - 1) + frac) / (n - 1);
            }
        }
        return 1.0;
    }

    private double scalarArrayOp(ScalarArrayOpExpr sa) {
        List<Object> elements = new ArrayList<>();
        if (sa.right() instanceof ConstExpr k && k.value() instanceof ArrayValue arr) {
            for (int i = 0; i < arr.size(); i++) {
                elements.add(arr.element(i));
            }
        }
        int n = elements.isEmpty() ? CostModel.arrayLength(sa.right()) : elements.size();
        double s = sa.useOr() ? 0 : 1;
        for (int i = 0; i < n; i++) {
            Expr elem = i < elements.size() ? new ConstExpr(sa.left().type(), -1, elements.get(i)) : sa.right();
            double s2 = operator(sa.name(), sa.left(), elem);
            s = sa.useOr() ? s + s2 - s * s2 : s * s2;
        }
        return clamp(s);
    }

    private double boolVar(VarExpr v) {
        ColumnInfo info = lookup.column(v);
        ColumnStatistics st = info == null ? null : info.stats();
        if (st != null) {
            for (int i = 0; i < st.mostCommonValues().size(); i++) {
                if (Boolean.TRUE.equals(st.mostCommonValues().get(i))) {
                    return st.mostCommonFreqs().get(i);
                }
            }
        }
        return DEFAULT_BOOL_SEL;
    }

    /** The null fraction of a column (0 when it has statistics saying so; the default guess otherwise). */
    double nullFrac(Expr e) {
        if (e instanceof VarExpr v) {
            ColumnInfo info = lookup.column(v);
            if (info != null && info.stats() != null) {
                return info.stats().nullFrac();
            }
        }
        return DEFAULT_UNK_SEL;
    }

    /** get_variable_numdistinct: from the statistics, else one per row for unique or small relations, else 200. */
    public double nDistinct(Expr e) {
        if (!(e instanceof VarExpr v)) {
            return DEFAULT_NUM_DISTINCT;
        }
        ColumnInfo info = lookup.column(v);
        if (info == null) {
            return DEFAULT_NUM_DISTINCT;
        }
        double tuples = info.relTuples();
        if (info.unique()) {
            return Math.max(1, tuples);
        }
        ColumnStatistics st = info.stats();
        if (st != null && st.nDistinct() != 0) {
            double nd = st.nDistinct() > 0 ? st.nDistinct() : -st.nDistinct() * tuples;
            return Math.max(1, Math.rint(nd));
        }
        if (v.type() == PgType.BOOL && st == null) {
            return 2;                           // a boolean without statistics has two values
        }
        if (tuples > 0 && tuples < DEFAULT_NUM_DISTINCT) {
            return Math.max(1, tuples);
        }
        return DEFAULT_NUM_DISTINCT;
    }

    /** eqjoinsel without MCV matching: the non-null fractions over the larger number of distinct values. */
    public double eqJoin(Expr a, Expr b) {
        double nd1 = nDistinct(a);
        double nd2 = nDistinct(b);
        double nf1 = a instanceof VarExpr && hasStats(a) ? nullFrac(a) : 0;
        double nf2 = b instanceof VarExpr && hasStats(b) ? nullFrac(b) : 0;
        return clamp((1 - nf1) * (1 - nf2) / Math.max(nd1, nd2));
    }

    private boolean hasStats(Expr e) {
        ColumnInfo info = lookup.column((VarExpr) e);
        return info != null && info.stats() != null;
    }

    /** Whether an expression has no Vars of the current level (constants, parameters, outer references). */
    static boolean isPseudoConstant(Expr e) {
        if (e instanceof VarExpr) {
            return false;
        }
        for (Expr c : e.children()) {
            if (!isPseudoConstant(c)) {
                return false;
            }
        }
        return true;
    }

    static double clamp(double s) {
        if (Double.isNaN(s) || s < 0) {
            return 0;
        }
        return Math.min(1, s);
    }

    private static boolean equal(Object a, Object b) {
        int c = compare(a, b);
        return c == 0;
    }

    /** Compares two values of one column (numbers across Java classes); MIN_VALUE when they are not comparable. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return Integer.MIN_VALUE;
        }
        Double x = numeric(a);
        Double y = numeric(b);
        if (x != null && y != null) {
            if (a instanceof BigDecimal da && b instanceof BigDecimal db) {
                return Integer.signum(da.compareTo(db));
            }
            return Double.compare(x, y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
            int c = ca.compareTo(b);
            return c < 0 ? -1 : c > 0 ? 1 : 0;
        }
        return Integer.MIN_VALUE;
    }

    /**
     * convert_string_to_scalar (C collation): the three strings as base-N fractions over
     * the character range the bounds use (widened to whole letter/digit ranges, at least
     * ten characters), after stripping their common prefix; the value's place in the bin.
     */
    static double stringBinFraction(String value, String lo, String hi) {
        byte[] v = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] l = lo.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] h = hi.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int rangeLo = h.length > 0 ? h[0] & 0xff : 0;
        int rangeHi = rangeLo;
        for (byte[] s : new byte[][] {l, h}) {
            for (byte b : s) {
                rangeLo = Math.min(rangeLo, b & 0xff);
                rangeHi = Math.max(rangeHi, b & 0xff);
            }
        }
        for (char[] r : new char[][] {{'A', 'Z'}, {'a', 'z'}, {'0', '9'}}) {
            if (rangeLo <= r[1] && rangeHi >= r[0]) {
                rangeLo = Math.min(rangeLo, r[0]);
                rangeHi = Math.max(rangeHi, r[1]);
            }
        }
        if (rangeHi - rangeLo < 9) {
            rangeLo = ' ';
            rangeHi = 127;
        }
        int p = 0;
        while (p < l.length && p < h.length && p < v.length && l[p] == h[p] && l[p] == v[p]) {
            p++;
        }
        double x = stringScalar(v, p, rangeLo, rangeHi);
        double a = stringScalar(l, p, rangeLo, rangeHi);
        double b = stringScalar(h, p, rangeLo, rangeHi);
        if (b <= a) {
            return 0.5;
        }
        return Math.max(0.0, Math.min(1.0, (x - a) / (b - a)));
    }

    private static double stringScalar(byte[] s, int from, int rangeLo, int rangeHi) {
        int len = Math.min(s.length - from, 12);
        double base = rangeHi - rangeLo + 1;
        double num = 0;
        double denom = base;
        for (int i = 0; i < len; i++) {
            int ch = s[from + i] & 0xff;
            ch = ch < rangeLo ? rangeLo - 1 : ch > rangeHi ? rangeHi + 1 : ch;
            num += (ch - rangeLo) / denom;
            denom *= base;
        }
        return num;
    }

    private static Double numeric(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }
}
