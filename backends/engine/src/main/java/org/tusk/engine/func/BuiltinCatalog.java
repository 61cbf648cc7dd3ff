package org.tusk.engine.func;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.engine.types.PgType;

/**
 * pg_proc, pg_operator and pg_cast of PostgreSQL 15 as loaded from the
 * bootstrap CSV facts, indexed for resolution. Loaded once per JVM on first use
 * (the facts never change at run time; user-defined functions will live in the
 * catalog helper's tables).
 */
public final class BuiltinCatalog {
    private static final BuiltinCatalog INSTANCE = new BuiltinCatalog();

    private final Map<Integer, ProcEntry> procsByOid = new HashMap<>();
    private final Map<String, List<ProcEntry>> procsByName = new HashMap<>();
    /**
     * The facts' information_schema functions (_pg_expandarray, _pg_char_max_length...): they live in
     * that schema, so only a call qualified with it may resolve to them, never an unqualified one.
     */
    private final Map<String, List<ProcEntry>> informationSchemaProcs = new HashMap<>();
    private final Map<Integer, OperatorEntry> operatorsByOid = new HashMap<>();
    private final Map<String, List<OperatorEntry>> binaryOperators = new HashMap<>();
    private final Map<String, List<OperatorEntry>> prefixOperators = new HashMap<>();
    private final Map<Long, CastEntry> casts = new HashMap<>();
    /** provolatile of each type's typinput (key oid*2) and typoutput (oid*2+1). */
    private final Map<Long, Character> ioVolatility = new HashMap<>();
    /** proargnames of the input arguments, by function OID (absent: no names). */
    private final Map<Integer, List<String>> argNames = new HashMap<>();
    /** The OUT parameter's name of set-returning functions with exactly one, by function name. */
    private final Map<String, String> singleOutColumns = new HashMap<>();
    /** proargdefaults as each argument type's text input, by function OID then argument position. */
    private final Map<Integer, Map<Integer, String>> argDefaults = new HashMap<>();

    private static final String PG_CATALOG_NAMESPACE = "11";

    public static BuiltinCatalog get() {
        return INSTANCE;
    }

    /** The names of {@code p}'s input arguments (proargnames without OUT/TABLE ones), or null if unnamed. */
    public List<String> argNames(ProcEntry p) {
        return argNames.get(p.oid());
    }

    /**
     * The name of the one OUT parameter of the set-returning built-in {@code proname}, or null: a
     * function in FROM with a single OUT parameter names its column after it (pg_proc.proargnames).
     */
    public String singleOutColumn(String proname) {
        return singleOutColumns.get(proname);
    }

    /** The default of {@code p}'s argument {@code position} (0-based) as its type's text input, or null. */
    public String argDefault(ProcEntry p, int position) {
        Map<Integer, String> d = argDefaults.get(p.oid());
        return d == null ? null : d.get(position);
    }

    /** "{a,b}" with proargmodes "{i,o}" to [a]; null when there are no names. */
    /** The name of the only OUT/TABLE argument in proargnames/proargmodes, or null when there is not exactly one. */
    private static String singleOutArgName(String names, String modes) {
        if (names == null || names.isEmpty() || names.equals("-") || modes == null || modes.isEmpty()
                || modes.equals("-")) {
            return null;
        }
        String[] n = names.substring(1, names.length() - 1).split(",", -1);
        String[] m = modes.substring(1, modes.length() - 1).split(",", -1);
        String out = null;
        for (int i = 0; i < m.length && i < n.length; i++) {
            if (m[i].equals("o") || m[i].equals("t")) {
                if (out != null) {
                    return null;
                }
                out = n[i];
            }
        }
        return out;
    }

    private static List<String> inputArgNames(String names, String modes) {
        if (names == null || names.isEmpty() || names.equals("-")) {
            return null;
        }
        String[] n = names.substring(1, names.length() - 1).split(",", -1);
        String[] m = modes == null || modes.isEmpty() || modes.equals("-") ? null
                : modes.substring(1, modes.length() - 1).split(",", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            if (m == null || m[i].equals("i") || m[i].equals("b") || m[i].equals("v")) {
                String name = n[i];
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                out.add(name);
            }
        }
        return out;
    }

    private BuiltinCatalog() {
        for (Map<String, String> r : BootstrapCsv.read("pg_proc.csv")) {
            ProcEntry p = proc(r);
            if (p != null && !PG_CATALOG_NAMESPACE.equals(r.get("pronamespace"))) {
                informationSchemaProcs.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
            } else if (p != null) {
                procsByOid.put(p.oid(), p);
                procsByName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
                List<String> names = inputArgNames(r.get("proargnames"), r.get("proargmodes"));
                if (names != null && names.size() == p.nargs()) {
                    argNames.put(p.oid(), names);
                }
                String out = singleOutArgName(r.get("proargnames"), r.get("proargmodes"));
                if (out != null && "t".equals(r.get("proretset"))) {
                    singleOutColumns.put(p.name(), out);
                }
            }
        }
        for (Map<String, String> r : BootstrapCsv.read("pg_proc_argdefaults.csv")) {
            argDefaults.computeIfAbsent(Integer.parseInt(r.get("oid")), k -> new HashMap<>())
                    .put(Integer.parseInt(r.get("argnum")), r.get("value"));
        }
        // oprcode is a regproc: the function's name, unique among functions of that name with the operator's inputs
        for (Map<String, String> r : BootstrapCsv.read("pg_operator.csv")) {
            PgType left = "0".equals(r.get("oprleft")) ? null : PgType.byOid(Integer.parseInt(r.get("oprleft")));
            PgType right = PgType.byOid(Integer.parseInt(r.get("oprright")));
            PgType result = PgType.byOid(Integer.parseInt(r.get("oprresult")));
            if (right == null || result == null || (left == null && !"0".equals(r.get("oprleft")))) {
                continue;
            }
            ProcEntry code = operatorProc(r.get("oprcode"), left, right);
            OperatorEntry op = new OperatorEntry(Integer.parseInt(r.get("oid")), r.get("oprname"), left, right, result,
                    Integer.parseInt(r.get("oprcom")), Integer.parseInt(r.get("oprnegate")), code);
            operatorsByOid.put(op.oid(), op);
            (left == null ? prefixOperators : binaryOperators).computeIfAbsent(op.name(), k -> new ArrayList<>()).add(op);
        }
        for (Map<String, String> r : BootstrapCsv.read("pg_type.csv")) {
            long oid = Long.parseLong(r.get("oid"));
            ioVolatility.put(oid * 2, volatilityOf(r.get("typinput")));
            ioVolatility.put(oid * 2 + 1, volatilityOf(r.get("typoutput")));
        }
        for (Map<String, String> r : BootstrapCsv.read("pg_cast.csv")) {
            PgType s = PgType.byOid(Integer.parseInt(r.get("castsource")));
            PgType t = PgType.byOid(Integer.parseInt(r.get("casttarget")));
            if (s == null || t == null) {
                continue;
            }
            ProcEntry f = procsByOid.get(Integer.parseInt(r.get("castfunc")));
            CastContext cc = switch (r.get("castcontext")) {
                case "i" -> CastContext.IMPLICIT;
                case "a" -> CastContext.ASSIGNMENT;
                default -> CastContext.EXPLICIT;
            };
            casts.put(key(s, t), new CastEntry(s, t, f, cc, r.get("castmethod").charAt(0)));
        }
    }

    private static long key(PgType s, PgType t) {
        return ((long) s.oid() << 32) | t.oid();
    }

    private static ProcEntry proc(Map<String, String> r) {
        int[] argOids = BootstrapCsv.oids(r.get("proargtypes"));
        List<PgType> args = new ArrayList<>();
        for (int o : argOids) {
            PgType t = PgType.byOid(o);
            if (t == null) {
                return null;
            }
            args.add(t);
        }
        PgType result = PgType.byOid(Integer.parseInt(r.get("prorettype")));
        if (result == null) {
            return null;
        }
        int variadic = Integer.parseInt(r.get("provariadic"));
        return new ProcEntry(Integer.parseInt(r.get("oid")), r.get("proname"), List.copyOf(args), result,
                "t".equals(r.get("proisstrict")), "t".equals(r.get("proretset")), r.get("provolatile").charAt(0),
                r.get("prokind").charAt(0), variadic == 0 ? null : PgType.byOid(variadic),
                Integer.parseInt(r.get("pronargdefaults")), r.get("prosrc"), Integer.parseInt(r.get("prolang")));
    }

    private ProcEntry operatorProc(String name, PgType left, PgType right) {
        if (name.startsWith("pg_catalog.")) {
            name = name.substring("pg_catalog.".length());     // regprocout qualifies an overloaded name (jsonb -)
        }
        for (ProcEntry p : procsByName.getOrDefault(name, List.of())) {
            List<PgType> a = p.argTypes();
            if (left == null ? a.size() == 1 && a.get(0) == right : a.size() == 2 && a.get(0) == left && a.get(1) == right) {
                return p;
            }
        }
        List<ProcEntry> same = procsByName.getOrDefault(name, List.of());
        return same.size() == 1 ? same.get(0) : null;
    }

    private char volatilityOf(String proname) {
        List<ProcEntry> ps = procsByName.get(proname);
        return ps == null || ps.isEmpty() ? 's' : ps.get(0).volatility();
    }

    /**
     * provolatile of the type's input ({@code input}) or output function: an I/O conversion cast is as
     * volatile as the two it calls (timestamptz_in and date_out are stable, int4in immutable).
     */
    public char ioVolatility(PgType type, boolean input) {
        Character v = ioVolatility.get(type.oid() * 2L + (input ? 0 : 1));
        return v == null ? 's' : v;
    }

    public ProcEntry proc(int oid) {
        return procsByOid.get(oid);
    }

    /** Every pg_proc row named {@code name} (functions, aggregates, window functions). */
    /** Whether some built-in internal function has C symbol {@code prosrc} (fmgr_internal_validator). */
    public boolean hasProsrc(String prosrc) {
        for (ProcEntry p : allProcs()) {
            if (prosrc.equals(p.prosrc()) && p.language() == 12) {
                return true;
            }
        }
        return false;
    }

    public List<ProcEntry> procs(String name) {
        return Collections.unmodifiableList(procsByName.getOrDefault(name, List.of()));
    }

    /** The bootstrap rows of information_schema functions named {@code name} (for calls qualified with that schema). */
    public List<ProcEntry> informationSchemaProcs(String name) {
        return Collections.unmodifiableList(informationSchemaProcs.getOrDefault(name, List.of()));
    }

    public Iterable<ProcEntry> allProcs() {
        return Collections.unmodifiableCollection(procsByOid.values());
    }

    public OperatorEntry operator(int oid) {
        return operatorsByOid.get(oid);
    }

    public List<OperatorEntry> binaryOperators(String name) {
        return Collections.unmodifiableList(binaryOperators.getOrDefault(name, List.of()));
    }

    public List<OperatorEntry> prefixOperators(String name) {
        return Collections.unmodifiableList(prefixOperators.getOrDefault(name, List.of()));
    }

    public Iterable<OperatorEntry> allOperators() {
        return Collections.unmodifiableCollection(operatorsByOid.values());
    }

    /** The pg_cast row from source to target, or null. */
    public CastEntry cast(PgType source, PgType target) {
        return casts.get(key(source, target));
    }
}
