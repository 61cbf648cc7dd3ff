package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.func.FunctionCatalog;
import org.tusk.engine.func.Resolution;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.DefineStmt;
import org.tusk.engine.nodes.FunctionParameter;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.TypeName;
import org.tusk.engine.types.PgType;

/**
 * CREATE AGGREGATE (commands/aggregatecmds.c DefineAggregate + AggregateCreate),
 * old style (basetype = ...) and new style (argument list): resolves the
 * transition function as sfunc(stype, args...), the final function as
 * finalfunc(stype), writes the pg_proc row (prokind 'a', prosrc
 * aggregate_dummy) and the pg_aggregate row. Moving-aggregate, combine and
 * serial functions are resolved by name only and recorded; the executor runs
 * sfunc/finalfunc/initcond (see analyze.AggregateAnalyzer).
 */
public final class CreateAggregate {

    private CreateAggregate() {
    }

    public static String execute(DdlContext ctx, DefineStmt stmt) {
        List<String> qname = stmt.defnames();
        String name = qname.get(qname.size() - 1);
        String schema = qname.size() > 1 ? qname.get(qname.size() - 2) : null;
        int ns = Naming.creationNamespace(ctx, schema, -1);
        Map<String, RawNode> def = new HashMap<>();
        for (DefElem d : stmt.definition()) {
            // names compare as written (the grammar folds unquoted ones): "Sfunc" is not sfunc
            String key = d.defname();
            key = switch (key) {
                case "sfunc1" -> "sfunc";
                case "stype1" -> "stype";
                case "initcond1" -> "initcond";
                default -> key;
            };
            if (!KNOWN.contains(key) || key.equals("basetype") && !stmt.oldstyle()) {
                ctx.notice(new PgException(Severity.WARNING, SqlState.SYNTAX_ERROR, "aggregate attribute \""
                        + d.defname() + "\" not recognized", null, null, 0, null));
                continue;
            }
            def.put(key, d.arg());
        }
        if (def.get("stype") == null) {
            throw Ereport.error("42P13", "aggregate stype must be specified");
        }
        if (def.get("sfunc") == null) {
            throw Ereport.error("42P13", "aggregate sfunc must be specified");
        }
        boolean moving = def.get("mstype") != null;
        if (moving && (def.get("msfunc") == null || def.get("minvfunc") == null)) {
            throw Ereport.error("42P13", def.get("msfunc") == null ? "aggregate msfunc must be specified when mstype is specified"
                    : "aggregate minvfunc must be specified when mstype is specified");
        }
        if (!moving) {
            for (String k : List.of("msfunc", "minvfunc", "mfinalfunc")) {
                if (def.get(k) != null) {
                    throw Ereport.error("42P13", "aggregate " + k + " must not be specified without mstype");
                }
            }
        }
        List<PgType> argTypes = new ArrayList<>();
        int numDirect = -1;
        PgType variadic = null;
        if (stmt.oldstyle()) {
            RawNode base = def.get("basetype");
            if (base == null) {
                throw Ereport.error("42P13", "aggregate input type must be specified");
            }
            PgType t = type(base);
            if (t != PgType.ANY || !(base instanceof AConst)) {
                argTypes.add(t);
            }
        } else if (stmt.args() != null) {
            for (FunctionParameter p : stmt.args()) {
                if (p == null) {
                    numDirect = argTypes.size();       // ORDER BY: an ordered-set aggregate
                    continue;
                }
                PgType t = PgType.byOid((int) CreateFunction.typeOid(p.argType(), ctx));
                argTypes.add(t);
                if (p.mode() == org.tusk.engine.nodes.FunctionParameterMode.VARIADIC) {
                    variadic = t;
                }
            }
        }
        boolean orderedSet = numDirect >= 0;
        String aggKind = !orderedSet ? "n" : def.containsKey("hypothetical") ? "h" : "o";
        DeclaredType st = declaredType(ctx, def.get("stype"));
        PgType stype = st.representation();
        if (def.get("serialfunc") != null && def.get("deserialfunc") != null) {
            if (stype != PgType.INTERNAL) {
                throw Ereport.error("42P13", "serialization functions may be specified only when the aggregate"
                        + " transition data type is internal");
            }
        } else if (def.get("serialfunc") != null || def.get("deserialfunc") != null) {
            throw Ereport.error("42P13", "must specify both or neither of serialization and deserialization functions");
        }
        String parallel = text(def.get("parallel"));
        if (parallel != null) {
            parallel = parallel.toLowerCase(Locale.ROOT);
            if (!parallel.equals("safe") && !parallel.equals("restricted") && !parallel.equals("unsafe")) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                        "parameter \"parallel\" must be SAFE, RESTRICTED, or UNSAFE");
            }
        }
        List<PgType> transArgs = new ArrayList<>();
        transArgs.add(stype);
        if (orderedSet) {
            // the aggregated arguments (with "VARIADIC t ORDER BY VARIADIC t", the variadic one)
            int aggregated = numDirect < argTypes.size() ? argTypes.size() - numDirect : 1;
            transArgs.addAll(argTypes.subList(argTypes.size() - aggregated, argTypes.size()));
        } else {
            transArgs.addAll(argTypes);
        }
        Resolution trans = aggFunction(names(def.get("sfunc")), transArgs, st.name());
        PgType transRet = returnType(trans);
        if (transRet != stype && !transRet.isPolymorphic() || st.isUserType() && resultOid(ctx, trans) != st.oid()) {
            throw new PgException(Severity.ERROR, SqlState.DATATYPE_MISMATCH, "return type of transition function "
                    + String.join(".", names(def.get("sfunc"))) + " is not " + st.name(), null, null, 0, null);
        }
        long transfn = trans.proc().oid();
        PgType resultType = stype;
        long finalfn = 0;
        if (def.get("finalfunc") != null) {
            List<PgType> finalArgs = new ArrayList<>(List.of(stype));
            if (def.containsKey("finalfunc_extra")) {
                finalArgs.addAll(argTypes);
            } else if (orderedSet) {
                finalArgs.addAll(argTypes.subList(0, numDirect));
            }
            Resolution r = aggFunction(names(def.get("finalfunc")), finalArgs, st.name());
            finalfn = r.proc().oid();
            resultType = returnType(r);
        }
        long combinefn = 0;
        if (def.get("combinefunc") != null) {
            Resolution r = aggFunction(names(def.get("combinefunc")), List.of(stype, stype));
            if (returnType(r) != stype) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "return type of combine function "
                        + String.join(".", names(def.get("combinefunc"))) + " is not " + st.name());
            }
            if (stype == PgType.INTERNAL && r.proc().strict()) {
                throw Ereport.error("42P13", "combine function with transition type internal must not be declared STRICT");
            }
            combinefn = r.proc().oid();
        }
        long serialfn = 0;
        long deserialfn = 0;
        if (def.get("serialfunc") != null) {
            Resolution r = aggFunction(names(def.get("serialfunc")), List.of(PgType.INTERNAL));
            if (returnType(r) != PgType.BYTEA) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "return type of serialization function "
                        + String.join(".", names(def.get("serialfunc"))) + " is not bytea");
            }
            serialfn = r.proc().oid();
            r = aggFunction(names(def.get("deserialfunc")), List.of(PgType.BYTEA, PgType.INTERNAL));
            if (returnType(r) != PgType.INTERNAL) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "return type of deserialization function "
                        + String.join(".", names(def.get("deserialfunc"))) + " is not internal");
            }
            deserialfn = r.proc().oid();
        }
        DeclaredType mst = moving ? declaredType(ctx, def.get("mstype")) : null;
        PgType mstype = moving ? mst.representation() : null;
        long mtransfn = 0;
        long minvfn = 0;
        long mfinalfn = 0;
        if (moving) {
            List<PgType> margs = new ArrayList<>();
            margs.add(mstype);
            margs.addAll(argTypes);
            Resolution m = aggFunction(names(def.get("msfunc")), margs);
            if (returnType(m) != mstype && !returnType(m).isPolymorphic()) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "return type of transition function "
                        + String.join(".", names(def.get("msfunc"))) + " is not " + mst.name());
            }
            mtransfn = m.proc().oid();
            Resolution inv = aggFunction(names(def.get("minvfunc")), margs);
            if (returnType(inv) != mstype && !returnType(inv).isPolymorphic()) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "return type of inverse transition function "
                        + String.join(".", names(def.get("minvfunc"))) + " is not " + mst.name());
            }
            if (inv.proc().strict() != m.proc().strict()) {
                throw Ereport.error("42P13",
                        "strictness of aggregate's forward and inverse transition functions must match");
            }
            minvfn = inv.proc().oid();
            if (def.get("mfinalfunc") != null) {
                List<PgType> fargs = new ArrayList<>(List.of(mstype));
                if (def.containsKey("mfinalfunc_extra")) {
                    fargs.addAll(argTypes);
                }
                mfinalfn = aggFunction(names(def.get("mfinalfunc")), fargs).proc().oid();
            }
        }
        String initcond = text(def.get("initcond"));
        String minitcond = text(def.get("minitcond"));
        if (initcond != null) {
            try {
                org.tusk.engine.types.TextFormat.input(stype, -1, initcond, org.tusk.engine.types.TypeContext.DEFAULT);
            } catch (PgException e) {
                throw e.withPosition(0);
            }
        }
        // DefineAggregate: READ_ONLY unless ordered-set (their final functions may scribble on the state)
        String finalModify = modify(text(def.get("finalfunc_modify")), orderedSet ? "w" : "r");
        String mfinalModify = modify(text(def.get("mfinalfunc_modify")), orderedSet ? "w" : "r");

        Catalog pgProc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        Object[] argVector = new Object[argTypes.size()];
        for (int i = 0; i < argVector.length; i++) {
            argVector[i] = (long) argTypes.get(i).oid();
        }
        int nameCol = pgProc.columnIndex("proname");
        int nsCol = pgProc.columnIndex("pronamespace");
        int argCol = pgProc.columnIndex("proargtypes");
        long oid = 0;
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_PROC, r -> name.equals(r[nameCol])
                && r[nsCol] instanceof Long l && l == ns)) {
            Object[] existing = (Object[]) t.values()[argCol];
            if (!sameArgs(existing, argVector)) {
                continue;
            }
            if (!stmt.replace()) {
                throw Ereport.error("42723", "function \"" + name + "\" already exists with same argument types");
            }
            // ProcedureCreate's replace checks, then the old rows make way for the new ones (same OID)
            String kind = String.valueOf(t.get(pgProc, "prokind"));
            if (!kind.equals("a")) {
                throw new PgException(Severity.ERROR, "42809", "cannot change routine kind",
                        "\"" + name + "\" is " + (kind.equals("p") ? "a procedure" : kind.equals("w")
                                ? "a window function" : "a function") + ".", null, 0, null);
            }
            if (((Number) t.get(pgProc, "prorettype")).longValue() != resultType.oid()) {
                throw new PgException(Severity.ERROR, "42P13",
                        "cannot change return type of existing function", null, "Use DROP AGGREGATE " + name + "("
                                + CreateFunction.typeList(java.util.Arrays.stream(argVector).map(o -> (Long) o).toList())
                                        .replace(", ", ",") + ") first.", 0, null);
            }
            long existingOid = (Long) t.get(pgProc, "oid");
            Catalog aggCat = SystemCatalogs.require(DropFunction.PG_AGGREGATE);
            int aggFnCol = aggCat.columnIndex("aggfnoid");
            List<CatalogTuple> oldAgg = ctx.rows(DropFunction.PG_AGGREGATE,
                    r -> ((Number) r[aggFnCol]).longValue() == existingOid);
            String oldKind = oldAgg.isEmpty() ? "n" : String.valueOf(oldAgg.get(0).get(aggCat, "aggkind"));
            if (!oldKind.equals(aggKind)) {
                throw new PgException(Severity.ERROR, "42809", "cannot change routine kind", "\"" + name + "\" is "
                        + (oldKind.equals("n") ? "an ordinary aggregate function" : oldKind.equals("o")
                                ? "an ordered-set aggregate" : "a hypothetical-set aggregate") + ".", null, 0, null);
            }
            oid = existingOid;
            long old = oid;
            ctx.access().delete(SystemCatalogs.PG_PROC, t.tid());
            int fnCol = SystemCatalogs.require(DropFunction.PG_AGGREGATE).columnIndex("aggfnoid");
            ctx.deleteWhere(DropFunction.PG_AGGREGATE, r -> ((Number) r[fnCol]).longValue() == old);
            Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
            int classCol = dep.columnIndex("classid");
            int objCol = dep.columnIndex("objid");
            ctx.deleteWhere(SystemCatalogs.PG_DEPEND, r -> ((Long) r[classCol]) == SystemCatalogs.PG_PROC
                    && ((Long) r[objCol]) == old);
        }
        Map<String, Object> row = new HashMap<>();
        if (oid == 0) {
            oid = ctx.newOid();
        }
        row.put("oid", oid);
        row.put("proname", name);
        row.put("pronamespace", (long) ns);
        row.put("proowner", ctx.userOid() == 0 ? 10L : ctx.userOid());   // GetUserId()
        row.put("prolang", (long) ProcCatalog.LANG_INTERNAL);
        row.put("procost", 1f);
        row.put("prorows", 0f);
        row.put("provariadic", variadic == null ? 0L : (long) variadic.oid());
        row.put("prosupport", 0L);
        row.put("prokind", "a");
        row.put("prosecdef", false);
        row.put("proleakproof", false);
        row.put("proisstrict", false);
        row.put("proretset", false);
        row.put("provolatile", "i");
        row.put("proparallel", parallel == null ? "u" : parallel.substring(0, 1));
        row.put("pronargs", (short) argTypes.size());
        row.put("pronargdefaults", (short) 0);
        row.put("prorettype", (long) resultType.oid());
        row.put("proargtypes", argVector);
        if (variadic != null) {
            Object[] modes = new Object[argVector.length];
            java.util.Arrays.fill(modes, "i");
            modes[modes.length - 1] = "v";
            row.put("proallargtypes", argVector.clone());
            row.put("proargmodes", modes);
        }
        row.put("prosrc", "aggregate_dummy");
        ctx.insert(SystemCatalogs.PG_PROC, row);
        Map<String, Object> agg = new HashMap<>();
        agg.put("aggfnoid", oid);
        agg.put("aggkind", aggKind);
        agg.put("aggnumdirectargs", (short) Math.max(numDirect, 0));
        agg.put("aggtransfn", transfn);
        agg.put("aggfinalfn", finalfn);
        agg.put("aggcombinefn", combinefn);
        agg.put("aggserialfn", serialfn);
        agg.put("aggdeserialfn", deserialfn);
        agg.put("aggmtransfn", mtransfn);
        agg.put("aggminvtransfn", minvfn);
        agg.put("aggmfinalfn", mfinalfn);
        agg.put("aggfinalextra", def.containsKey("finalfunc_extra"));
        agg.put("aggmfinalextra", def.containsKey("mfinalfunc_extra"));
        agg.put("aggfinalmodify", finalModify);
        agg.put("aggmfinalmodify", mfinalModify);
        agg.put("aggsortop", 0L);
        agg.put("aggtranstype", st.oid());
        agg.put("aggtransspace", 0);
        agg.put("aggmtranstype", mst == null ? 0L : mst.oid());
        agg.put("aggmtransspace", 0);
        agg.put("agginitval", initcond);
        agg.put("aggminitval", minitcond);
        ctx.insert(SystemCatalogs.PG_AGGREGATE, agg);
        Map<String, Object> dep = new HashMap<>();
        dep.put("classid", (long) SystemCatalogs.PG_PROC);
        dep.put("objid", oid);
        dep.put("objsubid", 0);
        dep.put("refclassid", (long) SystemCatalogs.PG_NAMESPACE);
        dep.put("refobjid", (long) ns);
        dep.put("refobjsubid", 0);
        dep.put("deptype", "n");
        ctx.insert(SystemCatalogs.PG_DEPEND, dep);
        // the support functions: dropping one needs CASCADE (which drops the aggregate)
        java.util.Set<Long> support = new java.util.LinkedHashSet<>();
        for (long f : new long[] {transfn, finalfn, combinefn, serialfn, deserialfn, mtransfn, minvfn, mfinalfn}) {
            if (f >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID && support.add(f)) {
                Map<String, Object> d = new HashMap<>(dep);
                d.put("refclassid", (long) SystemCatalogs.PG_PROC);
                d.put("refobjid", f);
                ctx.insert(SystemCatalogs.PG_DEPEND, d);
            }
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateCatalog(SystemCatalogs.PG_PROC);
        return "CREATE AGGREGATE";
    }

    private static boolean sameArgs(Object[] a, Object[] b) {
        if (a == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (((Number) a[i]).longValue() != ((Number) b[i]).longValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A state type as declared: its pg_type OID and name, and the built-in type that
     * stands for it in function resolution (itself, or record / record[] for a user
     * composite type and its array type).
     */
    private record DeclaredType(PgType representation, long oid, String name) {
        boolean isUserType() {
            return representation.oid() != oid;
        }
    }

    /** The stype / mstype: a built-in type, else a user composite type or its array type (42704 otherwise). */
    private static DeclaredType declaredType(DdlContext ctx, RawNode n) {
        if (n instanceof TypeName tn && ctx.txn() != null && TypeLookup.byName(tn.lastName()) == null
                && !(tn.names().size() > 1 && tn.names().get(0).equals("pg_catalog"))) {
            TypeCatalog.TypeRow user = TypeCatalog.lookup(ctx, tn.names(), false);
            if (user != null) {
                long oid = tn.isArray() ? user.array() : user.oid();
                PgType repr = oid == 0 ? null : ProcCatalog.signatureType((int) oid);
                if (repr == null) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "aggregate state type "
                            + String.join(".", tn.names()) + (tn.isArray() ? "[]" : "") + " is not supported yet");
                }
                return new DeclaredType(repr, oid, TypeCatalog.formatType(ctx, user.oid()) + (tn.isArray() ? "[]" : ""));
            }
        }
        PgType t = type(n);
        return new DeclaredType(t, t.oid(), t.displayName());
    }

    /** pg_proc.prorettype of a resolved function (user types included). */
    private static long resultOid(DdlContext ctx, Resolution r) {
        for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_PROC, "oid", (long) r.proc().oid())) {
            return ((Number) t.get(SystemCatalogs.require(SystemCatalogs.PG_PROC), "prorettype")).longValue();
        }
        return returnType(r).oid();
    }

    private static PgType type(RawNode n) {
        String name;
        boolean array = false;
        if (n instanceof TypeName tn) {
            name = tn.lastName();
            array = tn.isArray();
        } else if (n instanceof AConst c) {
            name = c.val().toLowerCase(Locale.ROOT).equals("any") ? "any" : c.val();
        } else if (n instanceof AnyName an) {
            name = an.names().get(an.names().size() - 1);
        } else {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid type in aggregate definition");
        }
        TypeLookup.TypeInfo t = TypeLookup.byName(name);
        if (t != null && array) {
            t = TypeLookup.byOid(t.array());
        }
        PgType p = t == null ? null : PgType.byOid(t.oid());
        if (p == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
        }
        return p;
    }

    private static List<String> names(RawNode n) {
        if (n instanceof TypeName tn) {
            return tn.names();
        }
        if (n instanceof AnyName an) {
            return an.names();
        }
        if (n instanceof AConst c) {
            return List.of(c.val());
        }
        throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid function name in aggregate definition");
    }

    private static String text(RawNode n) {
        if (n == null) {
            return null;
        }
        if (n instanceof AConst c) {
            return c.val();
        }
        if (n instanceof TypeName tn) {
            return tn.lastName();
        }
        return n.toString();
    }

    private static Resolution resolve(List<String> qname, List<PgType> args) {
        return resolve(qname, args, null);
    }

    /** As above, naming the first argument {@code firstArgName} in the error (a user state type). */
    private static Resolution resolve(List<String> qname, List<PgType> args, String firstArgName) {
        String name = qname.get(qname.size() - 1);
        String schema = qname.size() > 1 ? qname.get(qname.size() - 2) : null;
        Resolution r = FunctionCatalog.lookup(schema, name, args);
        if (!r.found()) {
            StringBuilder sig = new StringBuilder(String.join(".", qname)).append('(');
            for (int i = 0; i < args.size(); i++) {
                sig.append(i > 0 ? ", " : "").append(i == 0 && firstArgName != null ? firstArgName
                        : args.get(i).displayName());
            }
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function " + sig + ") does not exist");
        }
        return r;
    }

    /** The definition names DefineAggregate knows (after the old spellings sfunc1/stype1/initcond1). */
    private static final java.util.Set<String> KNOWN = java.util.Set.of("sfunc", "stype", "sspace", "finalfunc",
            "finalfunc_extra", "finalfunc_modify", "combinefunc", "serialfunc", "deserialfunc", "msfunc", "minvfunc",
            "mstype", "msspace", "mfinalfunc", "mfinalfunc_extra", "mfinalfunc_modify", "sortop", "basetype",
            "hypothetical", "initcond", "minitcond", "parallel");

    /** finalfunc_modify: READ_ONLY r, SHAREABLE s, READ_WRITE w. */
    private static String modify(String value, String dflt) {
        if (value == null) {
            return dflt;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "read_only" -> "r";
            case "shareable" -> "s";
            case "read_write" -> "w";
            default -> throw Ereport.error(SqlState.SYNTAX_ERROR, "parameter \"finalfunc_modify\" must be READ_ONLY,"
                    + " SHAREABLE, or READ_WRITE");
        };
    }

    private static PgType returnType(Resolution r) {
        return r.resultType() != null ? r.resultType() : r.proc().resultType();
    }

    /**
     * lookup_agg_function: {@code qname(args)} must exist and take the arguments as they are (an
     * argument that needs a run-time coercion, not just a relabel, is an error).
     */
    private static Resolution aggFunction(List<String> qname, List<PgType> args) {
        return aggFunction(qname, args, null);
    }

    private static Resolution aggFunction(List<String> qname, List<PgType> args, String firstArgName) {
        Resolution r = resolve(qname, args, firstArgName);
        List<PgType> declared = r.coerceTo();
        for (int i = 0; declared != null && i < args.size() && i < declared.size(); i++) {
            PgType want = declared.get(i);
            PgType have = args.get(i);
            if (want == have || want == PgType.ANY || want == null || have == PgType.UNKNOWN) {
                continue;
            }
            org.tusk.engine.func.CastEntry cast = org.tusk.engine.func.BuiltinCatalog.get().cast(have, want);
            if (cast != null && cast.method() == 'b') {
                continue;
            }
            StringBuilder sig = new StringBuilder(String.join(".", qname)).append('(');
            for (int j = 0; j < declared.size(); j++) {
                sig.append(j > 0 ? ", " : "").append(declared.get(j).displayName());
            }
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "function " + sig + ") requires run-time type coercion");
        }
        return r;
    }

    /** The transition function: found by lookup_agg_function, its result must be the state type. */
    private static long function(List<String> qname, List<PgType> args, PgType stype, boolean trans) {
        Resolution r = resolve(qname, args);
        PgType ret = r.resultType() != null ? r.resultType() : r.proc().resultType();
        if (trans && ret != stype && !ret.isPolymorphic()) {
            throw new PgException(Severity.ERROR, SqlState.DATATYPE_MISMATCH, "return type of transition function "
                    + String.join(".", qname) + " is not " + stype.displayName(), null, null, 0, null);
        }
        return r.proc().oid();
    }

    /** A support function recorded by name (its signature is not checked yet): the first pg_proc row so named. */
    private static long anyNamed(DdlContext ctx, List<String> qname) {
        String name = qname.get(qname.size() - 1);
        Catalog pgProc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int nameCol = pgProc.columnIndex("proname");
        List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_PROC, r -> name.equals(r[nameCol]));
        if (rows.isEmpty()) {
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function " + String.join(".", qname) + " does not exist");
        }
        return (Long) rows.get(0).get(pgProc, "oid");
    }
}
