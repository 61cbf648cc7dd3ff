package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.engine.expr.Expr;

/**
 * Join order search for the items of one FROM list joined by inner joins
 * (joinrels.c / geqo's role): below geqo_threshold items, dynamic programming
 * over sets of items (standard_join_search), keeping for every set the cheapest
 * way to join it from two smaller sets that a join qual connects (both
 * outer/inner orders, every split, so bushy plans too); sets that no qual
 * connects are formed by cross products only when the whole list cannot be
 * joined otherwise. From geqo_threshold items on, a greedy search: start from
 * the smallest item and repeatedly add the item whose join is cheapest,
 * preferring connected ones.
 *
 * <p>The search compares estimates only ({@link Planner#estimateJoin}); the plan
 * nodes are built once, for the chosen tree, with each join qual evaluated at
 * the lowest join that has all its inputs.
 */
final class JoinSearch {
    /** What the search knows about a set of items. */
    record Estimate(Planner.Est est) {
        double total() {
            return est.cost().total();
        }
    }

    /** The cheapest way found to join a set of items: leaves have no split. */
    private record Entry(Estimate estimate, long left, long right) {}

    private final Planner planner;
    private final List<Planner.Part> items;
    private final List<Expr> pending;
    /** Per pending qual: the items it reads (bit i = item i), or -1 when it reads something outside the items. */
    private final long[] qualItems;
    private final Map<Long, Entry> best = new HashMap<>();

    private JoinSearch(Planner planner, List<Planner.Part> items, List<Expr> pending) {
        this.planner = planner;
        this.items = items;
        this.pending = pending;
        this.qualItems = new long[pending.size()];
        for (int k = 0; k < pending.size(); k++) {
            BitSet refs = planner.qualRtes(pending.get(k));
            long mask = 0;
            for (int i = 0; i < items.size(); i++) {
                if (refs.intersects(items.get(i).rtes())) {
                    mask |= 1L << i;
                    refs.andNot(items.get(i).rtes());
                }
            }
            qualItems[k] = refs.isEmpty() ? mask : -1;
        }
    }

    /**
     * Joins {@code items} in the cheapest order found; the join quals used are
     * removed from {@code pending} (what is left must filter the result).
     */
    static Planner.Part search(Planner planner, List<Planner.Part> items, List<Expr> pending, int geqoThreshold) {
        JoinSearch js = new JoinSearch(planner, items, pending);
        int n = items.size();
        long all = (1L << n) - 1;
        if (n < Math.max(2, geqoThreshold) && n <= 20) {
            js.dynamicProgramming(false);
            if (!js.best.containsKey(all) && n <= 10) {
                js.best.clear();
                js.dynamicProgramming(true);
            }
            if (js.best.containsKey(all)) {
                return js.build(all);
            }
        }
        return js.greedy();
    }

    private void dynamicProgramming(boolean crossProducts) {
        int n = items.size();
        for (int i = 0; i < n; i++) {
            best.put(1L << i, new Entry(planner.estimate(items.get(i)), 0, 0));
        }
        long all = (1L << n) - 1;
        for (int size = 2; size <= n; size++) {
            for (long set = 1; set <= all; set++) {
                if (Long.bitCount(set) != size) {
                    continue;
                }
                Entry bestEntry = null;
                // every split into two non-empty halves, each half as the outer side once; ascending, so
                // that on equal costs the FROM list's order is kept (earlier items outer)
                for (long left = (-set) & set; left != set; left = (left - set) & set) {
                    long right = set & ~left;
                    Entry l = best.get(left);
                    Entry r = best.get(right);
                    if (l == null || r == null) {
                        continue;
                    }
                    List<Expr> quals = joinQuals(left, right);
                    if (quals.isEmpty() && !crossProducts) {
                        continue;
                    }
                    Estimate e = planner.estimateJoin(l.estimate(), r.estimate(), quals);
                    if (bestEntry == null || e.total() < bestEntry.estimate().total()) {
                        bestEntry = new Entry(e, left, right);
                    }
                }
                if (bestEntry != null) {
                    best.put(set, bestEntry);
                }
            }
        }
    }

    /** The pending quals that become evaluable when {@code left} and {@code right} are joined. */
    private List<Expr> joinQuals(long left, long right) {
        long set = left | right;
        List<Expr> out = new ArrayList<>();
        for (int k = 0; k < qualItems.length; k++) {
            long m = qualItems[k];
            if (m > 0 && (m & ~set) == 0 && (m & ~left) != 0 && (m & ~right) != 0) {
                out.add(pending.get(k));
            }
        }
        return out;
    }

    /** Builds the plan of the chosen tree for a set, consuming the quals it evaluates. */
    private Planner.Part build(long set) {
        Entry e = best.get(set);
        if (e.left() == 0) {
            return items.get(Long.numberOfTrailingZeros(set));
        }
        Planner.Part l = build(e.left());
        Planner.Part r = build(e.right());
        return planner.joinWithPending(l, r, pending);
    }

    /** Greedy search for long FROM lists. */
    private Planner.Part greedy() {
        List<Planner.Part> rest = new ArrayList<>(items);
        int first = 0;
        for (int i = 1; i < rest.size(); i++) {
            if (rest.get(i).rows() < rest.get(first).rows()) {
                first = i;
            }
        }
        Planner.Part cur = rest.remove(first);
        while (!rest.isEmpty()) {
            int pick = -1;
            double pickCost = Double.MAX_VALUE;
            boolean pickConnected = false;
            Estimate curEst = planner.estimate(cur);
            for (int i = 0; i < rest.size(); i++) {
                List<Expr> quals = qualsBetween(cur, rest.get(i));
                boolean connected = !quals.isEmpty();
                if (pickConnected && !connected) {
                    continue;
                }
                double c = planner.estimateJoin(curEst, planner.estimate(rest.get(i)), quals).total();
                if (connected && !pickConnected || c < pickCost) {
                    pick = i;
                    pickCost = c;
                    pickConnected = connected;
                }
            }
            cur = planner.joinWithPending(cur, rest.remove(pick), pending);
        }
        return cur;
    }

    private List<Expr> qualsBetween(Planner.Part a, Planner.Part b) {
        BitSet both = (BitSet) a.rtes().clone();
        both.or(b.rtes());
        List<Expr> out = new ArrayList<>();
        for (Expr qual : pending) {
            BitSet r = planner.qualRtes(qual);
            if (r.intersects(a.rtes()) && r.intersects(b.rtes())) {
                r.andNot(both);
                if (r.isEmpty()) {
                    out.add(qual);
                }
            }
        }
        return out;
    }
}
