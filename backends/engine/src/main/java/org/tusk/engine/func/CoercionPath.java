package org.tusk.engine.func;

/**
 * find_coercion_pathway's answer: how a value of one type becomes another.
 * RELABEL needs no conversion (binary coercible), FUNC calls {@code function},
 * IO goes through the source's output and the target's input function,
 * ARRAY applies {@code element} to each element.
 */
public record CoercionPath(Kind kind, ProcEntry function, CoercionPath element) {
    public enum Kind { NONE, RELABEL, FUNC, IO, ARRAY }

    public static final CoercionPath NONE = new CoercionPath(Kind.NONE, null, null);
    public static final CoercionPath RELABEL = new CoercionPath(Kind.RELABEL, null, null);
    public static final CoercionPath IO = new CoercionPath(Kind.IO, null, null);

    public boolean exists() {
        return kind != Kind.NONE;
    }
}
