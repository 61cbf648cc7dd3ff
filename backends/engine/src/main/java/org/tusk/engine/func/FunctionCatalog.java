package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * Function lookup by name and argument types over the built-in pg_proc
 * (func_get_detail): candidates of the right arity (defaults and VARIADIC
 * expanded), then {@link OverloadResolver}. The body to run is
 * {@link FunctionRegistry#body(ProcEntry)}.
 */
public final class FunctionCatalog {
    private FunctionCatalog() {}

    /** Resolves {@code name(argTypes...)}; aggregates and window functions are candidates too (check proc().kind()). */
    public static Resolution lookup(String name, List<PgType> argTypes) {
        return lookup(null, name, argTypes);
    }

    /**
     * As {@link #lookup(String, List)} for a possibly schema-qualified name: the
     * built-in functions live in pg_catalog, user-defined ones ({@link UserProcs})
     * wherever CREATE FUNCTION put them.
     */
    public static Resolution lookup(String schema, String name, List<PgType> argTypes) {
        PgType[] args = argTypes.toArray(new PgType[0]);
        List<Candidate> candidates = new ArrayList<>();
        List<ProcEntry> procs = new ArrayList<>();
        if (schema == null || schema.equals("pg_catalog")) {
            procs.addAll(BuiltinCatalog.get().procs(name));
        } else if (schema.equals("information_schema")) {
            procs.addAll(BuiltinCatalog.get().informationSchemaProcs(name));
        }
        procs.addAll(UserProcs.procs(schema, name));
        for (ProcEntry p : procs) {
            List<PgType> declared = expand(p, args.length);
            if (declared != null) {
                candidates.add(new Candidate(p, null, declared));
            }
        }
        return OverloadResolver.select(candidates, args, false);
    }

    /**
     * A call with named arguments ({@code names.get(i)} null for a positional one; positional
     * ones come first): FuncnameGetCandidates' MatchNamedCall. Each candidate's declared
     * types are listed in the call's argument order; {@code argNumbers} receives, per
     * candidate function OID, the parameter position each call argument binds to.
     */
    public static Resolution lookupNamed(String name, List<PgType> argTypes, List<String> names,
            java.util.Map<Integer, int[]> argNumbers) {
        PgType[] args = argTypes.toArray(new PgType[0]);
        List<Candidate> candidates = new ArrayList<>();
        for (ProcEntry p : BuiltinCatalog.get().procs(name)) {
            List<String> declaredNames = BuiltinCatalog.get().argNames(p);
            int[] numbers = matchNamedCall(p, declaredNames, names);
            if (numbers == null) {
                continue;
            }
            List<PgType> declared = new ArrayList<>();
            for (int n : numbers) {
                declared.add(p.argTypes().get(n));
            }
            argNumbers.put(p.oid(), numbers);
            candidates.add(new Candidate(p, null, declared));
        }
        return OverloadResolver.select(candidates, args, false);
    }

    private static int[] matchNamedCall(ProcEntry p, List<String> declaredNames, List<String> names) {
        if (declaredNames == null || p.isVariadic() || names.size() > p.nargs()) {
            return null;
        }
        int[] numbers = new int[names.size()];
        boolean[] used = new boolean[p.nargs()];
        int positional = 0;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null) {
                numbers[i] = i;
                used[i] = true;
                positional++;
                continue;
            }
            int at = declaredNames.indexOf(names.get(i));
            if (at < positional || used[at]) {
                return null;
            }
            numbers[i] = at;
            used[at] = true;
        }
        // every argument not supplied must have a default (the last pronargdefaults ones do)
        for (int i = 0; i < p.nargs(); i++) {
            if (!used[i] && i < p.nargs() - p.defaultCount()) {
                return null;
            }
        }
        return numbers;
    }

    /** The declared type per actual argument if {@code p} accepts {@code nargs} arguments, else null. */
    static List<PgType> expand(ProcEntry p, int nargs) {
        int n = p.nargs();
        // FuncnameGetCandidates: a variadic function is matched in expanded form, with at least one variadic argument
        if (p.isVariadic() && nargs >= n) {
            List<PgType> out = new ArrayList<>(p.argTypes().subList(0, n - 1));
            out.addAll(Collections.nCopies(nargs - (n - 1), p.variadicType()));
            return out;
        }
        if (nargs == n && !p.isVariadic()) {
            return p.argTypes();
        }
        if (nargs < n && nargs >= n - p.defaultCount()) {
            return p.argTypes().subList(0, nargs);
        }
        return null;
    }
}
