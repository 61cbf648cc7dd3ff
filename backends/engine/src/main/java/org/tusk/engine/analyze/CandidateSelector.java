package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.func.BuiltinFunction;
import org.tusk.engine.func.Casts;
import org.tusk.engine.types.PgType;

/**
 * Operator and function overload resolution (parse_func.c's
 * func_select_candidate and parse_oper.c's oper_select_candidate), reduced to
 * the built-in catalog: exact match, unknown-as-other-side, implicit-coercion
 * candidates narrowed by exact matches, preferred types and string preference
 * for unknown inputs.
 */
final class CandidateSelector {
    private CandidateSelector() {}

    /** Thrown (as a marker) when several candidates remain. */
    static final class Ambiguous extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Ambiguous() {
            super(null, null, false, false);
        }
    }

    /** The chosen candidate, null if none fits; throws Ambiguous if no single best one. */
    static BuiltinFunction select(List<BuiltinFunction> all, PgType[] args, boolean isOperator) {
        List<BuiltinFunction> candidates = new ArrayList<>();
        for (BuiltinFunction f : all) {
            if (f.argTypes().size() == args.length) {
                candidates.add(f);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        for (BuiltinFunction f : candidates) {
            if (exact(f, args)) {
                return f;
            }
        }
        // binary operator with one unknown input: assume it has the other input's type
        if (args.length == 2 && (args[0] == PgType.UNKNOWN) != (args[1] == PgType.UNKNOWN)) {
            PgType known = args[0] == PgType.UNKNOWN ? args[1] : args[0];
            for (BuiltinFunction f : candidates) {
                if (f.argTypes().get(0) == known && f.argTypes().get(1) == known) {
                    return f;
                }
            }
        }
        List<BuiltinFunction> viable = new ArrayList<>();
        for (BuiltinFunction f : candidates) {
            boolean ok = true;
            for (int i = 0; i < args.length; i++) {
                if (!Casts.canCoerceImplicitly(args[i], f.argTypes().get(i))) {
                    ok = false;
                }
            }
            if (ok) {
                viable.add(f);
            }
        }
        if (viable.size() <= 1) {
            return viable.isEmpty() ? null : viable.get(0);
        }
        boolean allUnknown = true;
        for (PgType a : args) {
            if (a != PgType.UNKNOWN) {
                allUnknown = false;
            }
        }
        if (allUnknown && args.length > 0) {
            // PostgreSQL's full catalog has candidates of many categories; only string ones resolve unknowns.
            for (BuiltinFunction f : viable) {
                boolean allText = true;
                for (PgType t : f.argTypes()) {
                    if (t != PgType.TEXT) {
                        allText = false;
                    }
                }
                if (allText) {
                    return f;
                }
            }
            if (args.length > 1 || isOperator) {
                throw new Ambiguous();
            }
        }
        viable = keepBest(viable, f -> {
            int n = 0;
            for (int i = 0; i < args.length; i++) {
                if (args[i] != PgType.UNKNOWN && f.argTypes().get(i) == args[i]) {
                    n++;
                }
            }
            return n;
        });
        if (viable.size() == 1) {
            return viable.get(0);
        }
        viable = keepBest(viable, f -> {
            int n = 0;
            for (int i = 0; i < args.length; i++) {
                if (args[i] != f.argTypes().get(i) && f.argTypes().get(i).preferred()) {
                    n++;
                }
            }
            return n;
        });
        if (viable.size() == 1) {
            return viable.get(0);
        }
        // unknown inputs: prefer the string category, then preferred types
        for (int i = 0; i < args.length; i++) {
            if (args[i] != PgType.UNKNOWN) {
                continue;
            }
            final int pos = i;
            boolean anyString = viable.stream().anyMatch(f -> f.argTypes().get(pos).category() == 'S');
            char category;
            if (anyString) {
                category = 'S';
            } else {
                category = viable.get(0).argTypes().get(pos).category();
                for (BuiltinFunction f : viable) {
                    if (f.argTypes().get(pos).category() != category) {
                        throw new Ambiguous();
                    }
                }
            }
            final char cat = category;
            List<BuiltinFunction> inCategory = new ArrayList<>();
            for (BuiltinFunction f : viable) {
                if (f.argTypes().get(pos).category() == cat) {
                    inCategory.add(f);
                }
            }
            boolean anyPreferred = inCategory.stream().anyMatch(f -> f.argTypes().get(pos).preferred());
            if (anyPreferred) {
                inCategory.removeIf(f -> !f.argTypes().get(pos).preferred());
            }
            viable = inCategory;
        }
        if (viable.size() == 1) {
            return viable.get(0);
        }
        throw new Ambiguous();
    }

    private static boolean exact(BuiltinFunction f, PgType[] args) {
        for (int i = 0; i < args.length; i++) {
            if (f.argTypes().get(i) != args[i]) {
                return false;
            }
        }
        return true;
    }

    private static List<BuiltinFunction> keepBest(List<BuiltinFunction> in, java.util.function.ToIntFunction<BuiltinFunction> score) {
        int best = Integer.MIN_VALUE;
        for (BuiltinFunction f : in) {
            best = Math.max(best, score.applyAsInt(f));
        }
        List<BuiltinFunction> out = new ArrayList<>();
        for (BuiltinFunction f : in) {
            if (score.applyAsInt(f) == best) {
                out.add(f);
            }
        }
        return out;
    }
}
