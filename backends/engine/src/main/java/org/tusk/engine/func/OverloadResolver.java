package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * Overloaded function and operator resolution as parse_func.c
 * (func_get_detail, func_match_argtypes, func_select_candidate) and
 * parse_oper.c (binary_oper_exact, oper_select_candidate) do it.
 */
final class OverloadResolver {
    private OverloadResolver() {}

    /** Picks among candidates whose argTypes already have the call's arity. */
    static Resolution select(List<Candidate> candidates, PgType[] args, boolean binaryOperator) {
        if (candidates.isEmpty()) {
            return Resolution.NOT_FOUND;
        }
        // 1. exact match (for binary operators, an unknown side is taken as the other side's type first)
        for (Candidate c : candidates) {
            if (exact(c, args)) {
                return finish(c, args);
            }
        }
        if (binaryOperator && args.length == 2 && (args[0] == PgType.UNKNOWN) != (args[1] == PgType.UNKNOWN)) {
            PgType known = args[0] == PgType.UNKNOWN ? args[1] : args[0];
            for (Candidate c : candidates) {
                if (c.argTypes().get(0) == known && c.argTypes().get(1) == known) {
                    return finish(c, args);
                }
            }
        }
        // 2. func_match_argtypes: implicitly coercible candidates
        List<Candidate> viable = new ArrayList<>();
        for (Candidate c : candidates) {
            if (coercible(c, args) && polymorphicConsistent(c, args)) {
                viable.add(c);
            }
        }
        if (viable.isEmpty()) {
            return Resolution.NOT_FOUND;
        }
        if (viable.size() == 1) {
            return finish(viable.get(0), args);
        }
        Candidate best = selectCandidate(viable, args);
        return best == null ? Resolution.AMBIGUOUS : finish(best, args);
    }

    private static boolean exact(Candidate c, PgType[] args) {
        for (int i = 0; i < args.length; i++) {
            if (c.argTypes().get(i) != args[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean coercible(Candidate c, PgType[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!CastCatalog.canCoerce(args[i], c.argTypes().get(i), CastContext.IMPLICIT)) {
                return false;
            }
        }
        return true;
    }

    /** func_select_candidate. */
    private static Candidate selectCandidate(List<Candidate> candidates, PgType[] args) {
        int nargs = args.length;
        int nunknowns = 0;
        for (PgType a : args) {
            if (a == PgType.UNKNOWN) {
                nunknowns++;
            }
        }
        // a. most exact matches on known inputs
        candidates = keepMax(candidates, c -> {
            int n = 0;
            for (int i = 0; i < nargs; i++) {
                if (args[i] != PgType.UNKNOWN && c.argTypes().get(i) == args[i]) {
                    n++;
                }
            }
            return n;
        });
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        // b. most exact-or-preferred matches (preferred within the input's category)
        candidates = keepMax(candidates, c -> {
            int n = 0;
            for (int i = 0; i < nargs; i++) {
                if (args[i] != PgType.UNKNOWN) {
                    PgType t = c.argTypes().get(i);
                    if (t == args[i] || (t.preferred() && t.category() == args[i].category())) {
                        n++;
                    }
                }
            }
            return n;
        });
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        // c. unknown inputs: choose a category per position (string wins), prefer preferred types
        if (nunknowns > 0) {
            char[] slotCategory = new char[nargs];
            boolean[] slotPreferred = new boolean[nargs];
            boolean resolved = true;
            for (int i = 0; i < nargs && resolved; i++) {
                if (args[i] != PgType.UNKNOWN) {
                    continue;
                }
                char cat = 0;
                boolean conflict = false;
                for (Candidate c : candidates) {
                    PgType t = c.argTypes().get(i);
                    if (cat == 0) {
                        cat = t.category();
                        slotPreferred[i] = t.preferred();
                    } else if (t.category() == cat) {
                        slotPreferred[i] |= t.preferred();
                    } else if (t.category() == 'S') {
                        cat = 'S';
                        slotPreferred[i] = t.preferred();
                    } else {
                        conflict = true;
                    }
                }
                slotCategory[i] = cat;
                if (conflict && cat != 'S') {
                    resolved = false;
                }
            }
            if (resolved) {
                List<Candidate> kept = new ArrayList<>();
                for (Candidate c : candidates) {
                    boolean keep = true;
                    for (int i = 0; i < nargs; i++) {
                        if (args[i] != PgType.UNKNOWN) {
                            continue;
                        }
                        PgType t = c.argTypes().get(i);
                        if (t.category() != slotCategory[i] || (slotPreferred[i] && !t.preferred())) {
                            keep = false;
                        }
                    }
                    if (keep) {
                        kept.add(c);
                    }
                }
                if (!kept.isEmpty()) {
                    candidates = kept;
                }
            }
            if (candidates.size() == 1) {
                return candidates.get(0);
            }
        }
        // d. known inputs all of one type: assume the unknowns have it too
        if (nunknowns > 0 && nunknowns < nargs) {
            PgType known = null;
            for (PgType a : args) {
                if (a == PgType.UNKNOWN) {
                    continue;
                }
                if (known == null) {
                    known = a;
                } else if (known != a) {
                    known = null;
                    break;
                }
            }
            if (known != null) {
                // can_coerce_type over the whole list: polymorphic candidates must also be consistent
                PgType[] assumed = new PgType[nargs];
                java.util.Arrays.fill(assumed, known);
                List<Candidate> kept = new ArrayList<>();
                for (Candidate c : candidates) {
                    boolean ok = polymorphicConsistent(c, assumed);
                    for (int i = 0; i < nargs; i++) {
                        if (!CastCatalog.canCoerce(known, c.argTypes().get(i), CastContext.IMPLICIT)) {
                            ok = false;
                        }
                    }
                    if (ok) {
                        kept.add(c);
                    }
                }
                if (kept.size() == 1) {
                    return kept.get(0);
                }
            }
        }
        return null;
    }

    private static List<Candidate> keepMax(List<Candidate> in, java.util.function.ToIntFunction<Candidate> score) {
        int best = -1;
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : in) {
            int s = score.applyAsInt(c);
            if (s > best) {
                best = s;
                out.clear();
            }
            if (s == best) {
                out.add(c);
            }
        }
        return out.isEmpty() ? in : out;
    }

    // --- polymorphism (check_generic_type_consistency / enforce_generic_type_consistency, simplified) ---

    private static boolean isElementFamily(PgType t) {
        return t == PgType.ANYELEMENT || t == PgType.ANYNONARRAY || t == PgType.ANYENUM;
    }

    private static boolean isCompatibleFamily(PgType t) {
        return t == PgType.ANYCOMPATIBLE || t == PgType.ANYCOMPATIBLENONARRAY;
    }

    /** The element type the anyelement/anyarray arguments agree on; UNKNOWN if only unknowns; null if inconsistent. */
    private static PgType elementBinding(Candidate c, PgType[] args) {
        PgType elem = null;
        for (int i = 0; i < args.length; i++) {
            PgType d = c.argTypes().get(i);
            PgType a = args[i];
            if (a == PgType.UNKNOWN) {
                continue;
            }
            PgType e;
            if (isElementFamily(d)) {
                if (d == PgType.ANYNONARRAY && a.isArray()) {
                    return null;
                }
                e = a;
            } else if (d == PgType.ANYARRAY) {
                e = a.elementType();
                if (e == null) {
                    return null;
                }
            } else if (d == PgType.ANYRANGE) {
                e = org.tusk.engine.types.RangeValue.subtype(a);     // a range binds anyelement to its subtype
                if (e == null) {
                    return null;
                }
            } else {
                continue;
            }
            if (elem == null) {
                elem = e;
            } else if (elem != e) {
                return null;
            }
        }
        return elem == null ? PgType.UNKNOWN : elem;
    }

    /** The common type of the anycompatible arguments (select_common_type); UNKNOWN if none is known, null if none fits. */
    private static PgType compatibleBinding(Candidate c, PgType[] args) {
        List<PgType> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            PgType d = c.argTypes().get(i);
            PgType a = args[i];
            if (a == PgType.UNKNOWN) {
                continue;
            }
            if (isCompatibleFamily(d)) {
                inputs.add(a);
            } else if (d == PgType.ANYCOMPATIBLEARRAY) {
                if (a.elementType() == null) {
                    return null;
                }
                inputs.add(a.elementType());
            }
        }
        if (inputs.isEmpty()) {
            return PgType.UNKNOWN;
        }
        PgType common = TypeResolution.commonType(inputs);
        if (common == null) {
            return null;
        }
        // verify_common_type: every input must coerce implicitly to the type chosen (record[] does not to record)
        for (PgType t : inputs) {
            if (t != common && t != PgType.UNKNOWN && !CastCatalog.canCoerce(t, common, CastContext.IMPLICIT)) {
                return null;
            }
        }
        // an anycompatiblearray needs the common type to have an array type (arrays of arrays do not exist)
        if (c.argTypes().contains(PgType.ANYCOMPATIBLEARRAY) && common.arrayType() == null) {
            return null;
        }
        return common;
    }

    private static boolean polymorphicConsistent(Candidate c, PgType[] args) {
        boolean anyPoly = false;
        for (PgType d : c.argTypes()) {
            anyPoly |= d.isPolymorphic();
        }
        if (!anyPoly) {
            return true;
        }
        return elementBinding(c, args) != null && compatibleBinding(c, args) != null;
    }

    /** Fills in the coercion targets and result type, resolving polymorphic declarations. */
    private static Resolution finish(Candidate c, PgType[] args) {
        PgType elem = elementBinding(c, args);
        PgType compat = compatibleBinding(c, args);
        if (elem == PgType.UNKNOWN) {
            // all anyelement inputs unknown: PostgreSQL takes them as text
            elem = PgType.TEXT;
        }
        if (compat == PgType.UNKNOWN) {
            compat = PgType.TEXT;
        }
        PgType range = null;
        for (int i = 0; i < args.length; i++) {
            if (c.argTypes().get(i) == PgType.ANYRANGE && org.tusk.engine.types.RangeValue.subtype(args[i]) != null) {
                range = args[i];
            }
        }
        List<PgType> targets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            PgType d = c.argTypes().get(i);
            targets.add(d == PgType.ANYRANGE && range != null ? range : resolve(d, elem, compat, args[i]));
        }
        PgType result = c.operator() != null ? c.operator().result() : c.proc().resultType();
        return new Resolution(Resolution.Status.FOUND, c, targets,
                result == PgType.ANYRANGE && range != null ? range : resolve(result, elem, compat, null));
    }

    private static PgType resolve(PgType declared, PgType elem, PgType compat, PgType actual) {
        if (declared == PgType.ANY) {
            return actual == null ? declared : actual;
        }
        if (isElementFamily(declared)) {
            return elem;
        }
        if (declared == PgType.ANYARRAY) {
            if (elem == PgType.ANYENUM) {
                return PgType.TEXT_ARRAY;       // arrays of a user enum carry its labels as text (types.UserTypes)
            }
            return elem == null ? declared : (elem.isArray() ? elem : elem.arrayType());
        }
        if (isCompatibleFamily(declared)) {
            return compat;
        }
        if (declared == PgType.ANYCOMPATIBLEARRAY) {
            return compat == null ? declared : compat.arrayType();
        }
        return declared;
    }
}
