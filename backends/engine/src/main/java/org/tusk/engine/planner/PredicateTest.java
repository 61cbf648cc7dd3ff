package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.tusk.engine.executor.scan.IndexKeyEncoding;
import org.tusk.engine.expr.BoolExpr;
import org.tusk.engine.expr.ConstExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.NullTestExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.nodes.BoolOp;

/**
 * predtest.c for the simple cases: whether a list of restriction clauses
 * implies a partial index's predicate (or a predicate implies a clause).
 * A conjunct is implied when it equals one of the clauses, when a clause
 * {@code x op1 c1} implies {@code x op2 c2} by the btree operators' ordering
 * of the constants (BT_implic_table), or when it is {@code x IS NOT NULL}
 * and some clause is a strict operator on {@code x}. ORs are not split.
 *
 * <p>Index expressions and predicates are analyzed over their table alone
 * (Var positions from 0); {@code offset} is where the table's slots start
 * in the query level the clauses come from.
 */
public final class PredicateTest {

    private PredicateTest() {
    }

    /** Whether the AND of {@code clauses} (query Vars) implies {@code predicate} (table Vars). */
    public static boolean impliedBy(List<Expr> clauses, Expr predicate, int offset) {
        List<Expr> given = new ArrayList<>();
        for (Expr c : clauses) {
            BoolExpr.conjuncts(c, given);
        }
        List<Expr> wanted = new ArrayList<>();
        BoolExpr.conjuncts(predicate, wanted);
        for (Expr p : wanted) {
            boolean proved = false;
            for (Expr c : given) {
                if (implies(c, offset, p, 0)) {
                    proved = true;
                    break;
                }
            }
            if (!proved) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code predicate} (table Vars) implies the query clause {@code clause}. */
    public static boolean clauseImpliedByPredicate(Expr clause, Expr predicate, int offset) {
        List<Expr> given = new ArrayList<>();
        BoolExpr.conjuncts(predicate, given);
        List<Expr> wanted = new ArrayList<>();
        BoolExpr.conjuncts(clause, wanted);
        for (Expr w : wanted) {
            boolean proved = false;
            for (Expr g : given) {
                if (implies(g, 0, w, offset)) {
                    proved = true;
                    break;
                }
            }
            if (!proved) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code a} (Vars shifted by {@code offA}) is the same expression as {@code b} (shifted by {@code offB}). */
    public static boolean same(Expr a, int offA, Expr b, int offB) {
        if (a instanceof VarExpr va && b instanceof VarExpr vb) {
            return va.attno() - offA == vb.attno() - offB;
        }
        if (a instanceof ConstExpr ca && b instanceof ConstExpr cb) {
            return ca.type() == cb.type() && Objects.equals(ca.value(), cb.value())
                    || ca.type() == cb.type() && ca.value() != null && cb.value() != null
                    && compare(ca, cb) == 0;
        }
        if (a == null || b == null || a.getClass() != b.getClass() || a.type() != b.type()) {
            return false;
        }
        if (a instanceof FuncExpr fa && !fa.name().equals(((FuncExpr) b).name())) {
            return false;
        }
        List<Expr> ka = a.children();
        List<Expr> kb = b.children();
        if (ka.size() != kb.size() || !Deparser.unqualified(a).equals(Deparser.unqualified(b))) {
            return false;
        }
        for (int i = 0; i < ka.size(); i++) {
            if (!same(ka.get(i), offA, kb.get(i), offB)) {
                return false;
            }
        }
        return true;
    }

    /** A comparison {@code expr op constant} normalized with the constant on the right. */
    private record Comparison(Expr operand, String op, ConstExpr constant) {}

    private static Comparison comparison(Expr e) {
        if (!(e instanceof FuncExpr f) || f.args().size() != 2 || commute(f.name()) == null) {
            return null;
        }
        if (f.args().get(1) instanceof ConstExpr c && !(f.args().get(0) instanceof ConstExpr)) {
            return new Comparison(f.args().get(0), f.name(), c);
        }
        if (f.args().get(0) instanceof ConstExpr c && !(f.args().get(1) instanceof ConstExpr)) {
            return new Comparison(f.args().get(1), commute(f.name()), c);
        }
        return null;
    }

    private static String commute(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            case "=", "<>" -> op;
            default -> null;
        };
    }

    private static boolean implies(Expr given, int offGiven, Expr wanted, int offWanted) {
        try {
            return provedBy(given, offGiven, wanted, offWanted);
        } catch (RuntimeException e) {
            return false;                   // a constant the key encoding does not know: no proof
        }
    }

    private static boolean provedBy(Expr given, int offGiven, Expr wanted, int offWanted) {
        if (same(given, offGiven, wanted, offWanted)) {
            return true;
        }
        // predicate_implied_by_recurse: AND/OR on either side
        if (wanted instanceof BoolExpr wb && wb.op() == BoolOp.AND) {
            for (Expr a : wb.args()) {
                if (!provedBy(given, offGiven, a, offWanted)) {
                    return false;
                }
            }
            return true;
        }
        if (given instanceof BoolExpr gb && gb.op() == BoolOp.OR) {
            for (Expr a : gb.args()) {
                if (!provedBy(a, offGiven, wanted, offWanted)) {
                    return false;
                }
            }
            return true;
        }
        if (given instanceof BoolExpr gb && gb.op() == BoolOp.AND) {
            for (Expr a : gb.args()) {
                if (provedBy(a, offGiven, wanted, offWanted)) {
                    return true;
                }
            }
        }
        if (wanted instanceof BoolExpr wb && wb.op() == BoolOp.OR) {
            for (Expr a : wb.args()) {
                if (provedBy(given, offGiven, a, offWanted)) {
                    return true;
                }
            }
            return false;
        }
        if (wanted instanceof NullTestExpr nt && nt.isNot()) {
            // a strict operator clause on x is never true for a NULL x
            if (given instanceof FuncExpr f && f.strict()) {
                for (Expr a : f.args()) {
                    if (same(a, offGiven, nt.arg(), offWanted)) {
                        return true;
                    }
                }
            }
            return false;
        }
        Comparison g = comparison(given);
        Comparison w = comparison(wanted);
        if (g == null || w == null || g.constant().value() == null || w.constant().value() == null
                || g.constant().type() != w.constant().type() || !same(g.operand(), offGiven, w.operand(), offWanted)) {
            return false;
        }
        int cmp = compare(g.constant(), w.constant());   // given's constant against wanted's
        String go = g.op();
        return switch (w.op()) {
            case "<" -> (go.equals("<") && cmp <= 0) || ((go.equals("<=") || go.equals("=")) && cmp < 0);
            case "<=" -> (go.equals("<") || go.equals("<=") || go.equals("=")) && cmp <= 0;
            case "=" -> go.equals("=") && cmp == 0;
            case ">=" -> (go.equals(">") || go.equals(">=") || go.equals("=")) && cmp >= 0;
            case ">" -> (go.equals(">") && cmp >= 0) || ((go.equals(">=") || go.equals("=")) && cmp > 0);
            case "<>" -> (go.equals("=") && cmp != 0) || (go.equals("<") && cmp <= 0) || (go.equals(">") && cmp >= 0);
            default -> false;
        };
    }

    /** The btree order of two non-null constants of one type. */
    private static int compare(ConstExpr a, ConstExpr b) {
        List<org.tusk.engine.types.PgType> t = List.of(a.type());
        return Arrays.compareUnsigned(IndexKeyEncoding.encode(t, new Object[] {a.value()}),
                IndexKeyEncoding.encode(t, new Object[] {b.value()}));
    }
}
