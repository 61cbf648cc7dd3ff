package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.types.PgType;

/** Operator lookup over the built-in pg_operator (parse_oper.c's oper() and left_oper()). */
public final class OperatorCatalog {
    private OperatorCatalog() {}

    /** Resolves {@code left op right}; {@code left} null for a prefix operator. */
    public static Resolution lookup(String name, PgType left, PgType right) {
        List<Candidate> candidates = new ArrayList<>();
        if (left == null) {
            for (OperatorEntry o : BuiltinCatalog.get().prefixOperators(name)) {
                candidates.add(new Candidate(o.proc(), o, List.of(o.right())));
            }
            for (OperatorEntry o : UserProcs.operators(name, true)) {
                candidates.add(new Candidate(o.proc(), o, List.of(o.right())));
            }
            return OverloadResolver.select(candidates, new PgType[] {right}, false);
        }
        for (OperatorEntry o : BuiltinCatalog.get().binaryOperators(name)) {
            candidates.add(new Candidate(o.proc(), o, List.of(o.left(), o.right())));
        }
        for (OperatorEntry o : UserProcs.operators(name, false)) {
            candidates.add(new Candidate(o.proc(), o, List.of(o.left(), o.right())));
        }
        return OverloadResolver.select(candidates, new PgType[] {left, right}, true);
    }
}
