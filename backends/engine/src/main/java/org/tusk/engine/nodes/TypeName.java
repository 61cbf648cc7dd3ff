package org.tusk.engine.nodes;

import java.util.List;

/** TypeName: a type as written. SQL spellings are already mapped to pg_catalog names ({@code double precision} is [pg_catalog, float8]). {@code typmods} are expressions (A_Const integers normally; interval's field mask first); {@code arrayBounds} has -1 per [] without a size; {@code pctType} for name%TYPE. */
public record TypeName(List<String> names, List<RawNode> typmods, List<Integer> arrayBounds, boolean setof,
        boolean pctType, int location) implements RawNode {
    public String lastName() {
        return names.get(names.size() - 1);
    }

    public boolean isArray() {
        return !arrayBounds.isEmpty();
    }

    /** The type modifiers as integers; a modifier that is not an integer literal gives null. */
    public List<Integer> intTypmods() {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (RawNode n : typmods) {
            out.add(n instanceof AConst c && c.kind() == ConstKind.INTEGER ? Integer.valueOf(c.val()) : null);
        }
        return out;
    }

    // interval field bits, as INTERVAL_MASK(MONTH) etc. in datetime.h
    public static final int INTERVAL_MONTH = 1 << 1;
    public static final int INTERVAL_YEAR = 1 << 2;
    public static final int INTERVAL_DAY = 1 << 3;
    public static final int INTERVAL_HOUR = 1 << 10;
    public static final int INTERVAL_MINUTE = 1 << 11;
    public static final int INTERVAL_SECOND = 1 << 12;
    public static final int INTERVAL_FULL_RANGE = 0x7FFF;
}
