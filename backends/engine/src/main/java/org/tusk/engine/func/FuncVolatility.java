package org.tusk.engine.func;

/** provolatile values ('i' immutable, 's' stable, 'v' volatile) and their combination. */
public final class FuncVolatility {
    private FuncVolatility() {}

    public static final char IMMUTABLE = 'i';
    public static final char STABLE = 's';
    public static final char VOLATILE = 'v';

    /** The less stable of two: an expression is as volatile as its most volatile part. */
    public static char least(char a, char b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(char v) {
        return v == IMMUTABLE ? 0 : v == STABLE ? 1 : 2;
    }
}
