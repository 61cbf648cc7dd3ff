package org.tusk.engine.func;

import java.util.HashMap;
import java.util.Map;

/**
 * Which operators order values (get_ordering_op_properties): the btree
 * strategy of each operator in pg_amop, 1 for "&lt;" and 5 for "&gt;" members
 * of a btree operator family; what ORDER BY ... USING accepts.
 */
public final class OrderingOperators {
    private static final int BTREE_AM = 403;
    private static final Map<Integer, Integer> BTREE_STRATEGY = load();

    private OrderingOperators() {}

    private static Map<Integer, Integer> load() {
        Map<Integer, Integer> out = new HashMap<>();
        for (Map<String, String> r : BootstrapCsv.read("pg_amop.csv")) {
            if (Integer.parseInt(r.get("amopmethod")) == BTREE_AM && "s".equals(r.get("amoppurpose"))) {
                int strategy = Integer.parseInt(r.get("amopstrategy"));
                if (strategy == 1 || strategy == 5) {
                    out.put(Integer.parseInt(r.get("amopopr")), strategy);
                }
            }
        }
        return out;
    }

    /** 1 (less-than), 5 (greater-than), or 0 if the operator is neither in any btree family. */
    public static int btreeStrategy(int operatorOid) {
        return BTREE_STRATEGY.getOrDefault(operatorOid, 0);
    }
}
