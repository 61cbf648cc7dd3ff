package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.*;
import org.tusk.engine.func.CastCatalog;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.func.Coercion;
import org.tusk.engine.func.CoercionPath;
import org.tusk.engine.func.Comparisons;
import org.tusk.engine.func.BuiltinCatalog;
import org.tusk.engine.func.FuncVolatility;
import org.tusk.engine.func.FunctionCatalog;
import org.tusk.engine.func.FunctionRegistry;
import org.tusk.engine.func.OperatorCatalog;
import org.tusk.engine.func.ProcEntry;
import org.tusk.engine.func.Resolution;
import org.tusk.engine.func.TypeResolution;
import org.tusk.engine.nodes.*;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.NumericSupport;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TimePrecision;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/**
 * transformExpr: raw expression nodes to typed expressions, with PostgreSQL's
 * literal typing, operator/function resolution, coercion of unknown literals
 * and parameters, and errors positioned at the offending token.
 */
public final class ExprAnalyzer {
    private static final String OP_HINT = "No operator matches the given name and argument types. You might need to add explicit type casts.";
    private static final String FUNC_HINT = "No function matches the given name and argument types. You might need to add explicit type casts.";
    private static final Set<String> KNOWN_UNSUPPORTED_TYPES = Set.of("interval", "time", "timetz", "bytea", "json",
            "jsonb", "uuid", "money", "regclass", "regtype", "regproc", "regprocedure", "oidvector", "bit", "varbit",
            "cidr", "macaddr", "point", "tsvector", "xml", "char", "record", "anyelement", "cstring");

    /** pg_proc OIDs of textanycat and anytextcat (the SQL-language || with one non-string side). */
    private static final int TEXTANYCAT = 2003;
    private static final int ANYTEXTCAT = 2004;
    private static final FunctionBody TEXTCAT = (a, ctx) -> (String) a[0] + a[1];

    private final ParseState pstate;
    private final TypeContext typeContext;
    /** Analyzes subqueries (SubLinks); set by the SELECT analyzer. */
    SubqueryAnalyzer subqueries;
    private final AggregateAnalyzer aggregates = new AggregateAnalyzer(this);

    /** transformSubselect for SubLinks: analyzes a SELECT as a query level below the given one. */
    interface SubqueryAnalyzer {
        Query analyzeSubquery(SelectStmt stmt, ParseState level);
    }

    ParseState pstate() {
        return pstate;
    }

    public ExprAnalyzer(ParseState pstate, TypeContext typeContext) {
        this.pstate = pstate;
        this.typeContext = typeContext;
    }

    private Expr subLink(SubLink l) {
        if (subqueries == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "subqueries are not supported here", l.location());
        }
        return SubLinks.transform(this, l, subqueries);
    }

    private Expr groupingFunc(GroupingFunc g) {
        return aggregates.grouping(g);
    }

    public Expr transform(RawNode node) {
        if (node instanceof AConst c) {
            return constant(c);
        }
        if (node instanceof ParamRef p) {
            return param(p);
        }
        if (node instanceof ColumnRef c) {
            return columnRef(c);
        }
        if (node instanceof AExpr a) {
            return aexpr(a);
        }
        if (node instanceof BoolExprNode b) {
            List<Expr> args = new ArrayList<>();
            for (RawNode arg : b.args()) {
                args.add(coerceToBoolean(transform(arg), b.boolop().name(), locationOf(arg)));
            }
            return new BoolExpr(b.boolop(), args);
        }
        if (node instanceof NullTest n) {
            return new NullTestExpr(resolveUnknownAsText(transform(n.arg())), n.isNot());
        }
        if (node instanceof BooleanTest b) {
            String what = b.booltesttype().name().replace("IS_NOT_", "IS NOT ").replace("IS_", "IS ");
            return new BoolTestExpr(coerceToBoolean(transform(b.arg()), what, locationOf(b.arg())), b.booltesttype());
        }
        if (node instanceof TypeCast t) {
            return typeCast(t);
        }
        if (node instanceof FuncCall f) {
            return funcCall(f);
        }
        if (node instanceof CaseExprNode c) {
            return caseExpr(c);
        }
        if (node instanceof CoalesceExprNode c) {
            return coalesce("coalesce", c.args());
        }
        if (node instanceof MinMaxExprNode m) {
            return coalesce(m.greatest() ? "greatest" : "least", m.args());
        }
        if (node instanceof SQLValueFunction s) {
            return sqlValueFunction(s);
        }
        if (node instanceof SubLink l) {
            return subLink(l);
        }
        if (node instanceof GroupingFunc g) {
            return groupingFunc(g);
        }
        if (node instanceof AArrayExpr a) {
            return arrayExpr(a, null, -1);
        }
        if (node instanceof AIndirection i) {
            return indirection(i);
        }
        if (node instanceof org.tusk.engine.nodes.CollateClause c) {
            return collate(c);
        }
        if (node instanceof org.tusk.engine.nodes.RowExpr r) {
            return RowExprs.rowConstructor(this, r);
        }
        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "unsupported expression", locationOf(node));
    }

    /** The built-in collations (pg_collation's facts); schema-qualified names must name pg_catalog. */
    private static final java.util.Set<String> COLLATIONS = new java.util.HashSet<>();

    static {
        for (java.util.Map<String, String> row : org.tusk.engine.func.BootstrapCsv.read("pg_collation.csv")) {
            COLLATIONS.add(row.get("collname"));
        }
    }

    /**
     * x COLLATE name (transformCollateClause): the argument must be of a
     * collatable type and the collation must exist. Tusk compares strings by
     * code point whatever the collation, which is what "C" and "POSIX" mean and
     * what "default" means in a cluster initialized with the C locale.
     */
    private Expr collate(org.tusk.engine.nodes.CollateClause c) {
        Expr arg = resolveUnknownAsText(transform(c.arg()));
        if (!arg.type().isStringLike()) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "collations are not supported by type "
                    + arg.type().displayName(), c.location());
        }
        List<String> name = c.collname();
        String coll = name.get(name.size() - 1);
        boolean schemaOk = name.size() == 1 || (name.size() == 2 && name.get(0).equals("pg_catalog"));
        if (!schemaOk || !COLLATIONS.contains(coll)) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "collation \"" + String.join(".", name)
                    + "\" for encoding \"UTF8\" does not exist", c.location());
        }
        return keepCollations ? new org.tusk.engine.expr.CollateExpr(arg, coll) : arg;
    }

    /** Whether the expression is a stored partition constraint (see inListCommonType). */
    private boolean storedConstraint;

    /** Marks the expression as a partition constraint compiled from its stored text. */
    public void compilingStoredConstraint() {
        storedConstraint = true;
    }

    /** Whether COLLATE clauses stay in the tree as CollateExpr (CREATE INDEX, which prints them back). */
    private boolean keepCollations;

    void keepCollations() {
        keepCollations = true;
    }

    static int locationOf(RawNode node) {
        return node == null ? -1 : node.location();
    }

    // ---- leaves ----

    private Expr constant(AConst c) {
        switch (c.kind()) {
            case INTEGER: {
                long v = Long.parseLong(c.val());
                if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    return new ConstExpr(PgType.INT4, -1, (int) v);
                }
                return new ConstExpr(PgType.INT8, -1, v);
            }
            case FLOAT: {
                String t = c.val();
                if (t.matches("-?\\d+")) {
                    try {
                        return new ConstExpr(PgType.INT8, -1, Long.parseLong(t));
                    } catch (NumberFormatException e) {
                        // too big for int8: numeric
                    }
                }
                return new ConstExpr(PgType.NUMERIC, -1, TextFormat.parseNumeric(t));
            }
            case STRING: return pstate.at(new ConstExpr(PgType.UNKNOWN, -1, c.val()), c.location());
            case BOOLEAN: return new ConstExpr(PgType.BOOL, -1, "t".equals(c.val()));
            case BITSTRING: return pstate.at(new ConstExpr(PgType.BIT, -1, bitLiteral(c)), c.location());
            default: return pstate.at(new ConstExpr(PgType.UNKNOWN, -1, null), c.location());
        }
    }

    /** make_const for B'...' / X'...' (the scanner keeps the letter in front): bit_in's '0'/'1' string. */
    private static String bitLiteral(AConst c) {
        String v = c.val();
        boolean hex = v.charAt(0) == 'x' || v.charAt(0) == 'X';
        StringBuilder bits = new StringBuilder();
        for (int i = 1; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (hex) {
                int d = Character.digit(ch, 16);
                if (d < 0) {
                    throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "\"" + ch + "\" is not a valid hexadecimal digit",
                            c.location());
                }
                for (int b = 3; b >= 0; b--) {
                    bits.append((d >> b & 1) == 1 ? '1' : '0');
                }
            } else if (ch == '0' || ch == '1') {
                bits.append(ch);
            } else {
                throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "\"" + ch + "\" is not a valid binary digit",
                        c.location());
            }
        }
        return bits.toString();
    }

    private Expr param(ParamRef p) {
        if (p.number() <= 0 || p.number() > 65535) {
            throw Ereport.error(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + p.number(), p.location());
        }
        return pstate.at(new ParamExpr(p.number() - 1, pstate.paramType(p.number())), p.location());
    }

    private Expr columnRef(ColumnRef c) {
        List<String> f = c.fields();
        if (c.star()) {
            if (!f.isEmpty()) {
                // t.* as a value: the whole row of FROM item t
                return RowExprs.starColumns(this, f.get(f.size() - 1), c.location());
            }
            throw Ereport.error(SqlState.SYNTAX_ERROR, "row expansion via \"*\" is not supported here", c.location());
        }
        String column = f.get(f.size() - 1);
        String qualifier = f.size() > 1 ? f.get(f.size() - 2) : null;
        if (qualifier != null && f.size() == 2 && !pstate.hasRefname(qualifier)) {
            // x.a where x is no FROM item: field a of a composite column x
            Expr composite = pstate.lookupColumn(null, qualifier, c.location());
            if (composite != null && composite.type() == PgType.RECORD) {
                return RowExprs.fieldSelect(composite, column, c.location());
            }
        }
        Expr found = pstate.lookupColumn(qualifier, column, c.location());
        if (found == null && qualifier == null) {
            // a bare FROM item name: its whole row
            Expr row = RowExprs.wholeRow(this, column, c.location());
            if (row != null) {
                return row;
            }
        }
        if (found == null) {
            // a SQL function's parameter by name (sql_fn_post_column_ref): columns win, then "name" or "fn.name"
            Expr param = pstate.namedParam(qualifier, column);
            if (param != null) {
                return pstate.at(param, c.location());
            }
        }
        if (found == null) {
            if (qualifier != null && !pstate.hasRefname(qualifier)) {
                // errorMissingRTE: the table is in FROM, but under an alias
                for (ParseState.NsItem item : pstate.namespace) {
                    RangeTblEntry rte = item.rte();
                    if (rte.kind == RangeTblEntry.Kind.RELATION && rte.relation != null
                            && qualifier.equals(rte.relation.name()) && !qualifier.equals(rte.refname)) {
                        throw Ereport.error(SqlState.UNDEFINED_TABLE, "invalid reference to FROM-clause entry for table \""
                                + qualifier + "\"", c.location())
                                .withHint("Perhaps you meant to reference the table alias \"" + rte.refname + "\".");
                    }
                }
                for (RangeTblEntry rte : pstate.query.rtable) {
                    if (qualifier.equals(rte.refname)) {
                        // errorMissingRTE: an entry of this level the clause may not see (MERGE's target in
                        // WHEN NOT MATCHED)
                        throw Ereport.error(SqlState.UNDEFINED_TABLE, "invalid reference to FROM-clause entry for table \""
                                + qualifier + "\"", c.location()).withHint("There is an entry for table \"" + qualifier
                                        + "\", but it cannot be referenced from this part of the query.");
                    }
                }
                throw Ereport.error(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + qualifier + "\"",
                        c.location());
            }
            if (qualifier != null) {
                throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column " + qualifier + "." + column + " does not exist",
                        c.location());
            }
            PgException missing = Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" does not exist",
                    c.location());
            for (RangeTblEntry rte : pstate.query.rtable) {
                // errorMissingColumn: a column of an entry this clause may not see (MERGE's target in NOT MATCHED)
                if (rte.kind != RangeTblEntry.Kind.JOIN && rte.refname != null
                        && pstate.namespace.stream().noneMatch(ns -> ns.rte() == rte)
                        && rte.columns.stream().anyMatch(col -> col.name().equals(column))) {
                    throw missing.withHint("There is a column named \"" + column + "\" in table \"" + rte.refname
                            + "\", but it cannot be referenced from this part of the query.");
                }
            }
            throw missing;
        }
        // a fresh node per reference, so each carries its own error position
        if (found instanceof VarExpr v) {
            return pstate.at(new VarExpr(v.attno(), v.type(), v.typmod(), v.relationName(), v.columnName()), c.location());
        }
        return found;
    }

    // ---- coercion ----

    /**
     * coerce_to_target_type: coerce_type along pg_cast's pathway
     * (CastCatalog.find), then the target's length coercion when a typmod is
     * given; null when no conversion exists in this context.
     */
    Expr coerce(Expr expr, PgType target, int typmod, CastContext context) {
        if (target == PgType.RECORD && typmod >= 0) {
            return RowExprs.coerceToRowType(this, expr, typmod, context);
        }
        PgType from = expr.type();
        boolean explicit = context == CastContext.EXPLICIT;
        if (from == target) {
            return typmod < 0 || expr.typmod() == typmod ? expr : lengthCoercion(expr, target, typmod, explicit);
        }
        if (from == PgType.UNKNOWN) {
            int location = pstate.locationOf(expr);
            if (expr instanceof ConstExpr c) {
                if (c.value() == null) {
                    return pstate.at(new ConstExpr(target, typmod, null), location);
                }
                Object v;
                try {
                    // as coerce_type: the input function gets no typmod (length checks come below), except
                    // interval's, which needs it to read SQL's '1' MINUTE
                    v = TextFormat.input(target, target == PgType.INTERVAL ? typmod : -1, (String) c.value(),
                            typeContext);
                } catch (PgException e) {
                    throw Ereport.atLocation(e, location);
                }
                // the typmod is applied by a length coercion PostgreSQL folds while planning: its
                // errors ("numeric field overflow", "value too long") carry no position
                v = Coercion.applyTypmod(target, v, typmod, explicit, null);
                return pstate.at(new ConstExpr(target, typmod, v), location);
            }
            if (expr instanceof VarExpr && target != PgType.ANY && !target.isPolymorphic() && !target.isPseudo()) {
                // an untyped literal column of INSERT's SELECT: its text through the target's input function
                return new FuncExpr(target.typname(), (args, ctx) -> TextFormat.input(target, typmod, (String) args[0],
                        ctx.session().typeContext()), List.of(expr), target, typmod, true);
            }
            if (expr instanceof ParamExpr p) {
                pstate.setParamType(p.index() + 1, target);
                Expr resolved = pstate.at(new ParamExpr(p.index(), target), location);
                return typmod < 0 ? resolved : coerce(resolved, target, typmod, context);
            }
        }
        if (target == PgType.ANY || target.isPolymorphic() && CastCatalog.canCoerce(from, target, context)) {
            return expr;
        }
        CoercionPath path = CastCatalog.find(from, target, context);
        if (!path.exists()) {
            return null;
        }
        Expr converted;
        if (path.kind() == CoercionPath.Kind.RELABEL && Coercion.isPureRelabel(from, target)) {
            converted = relabel(expr, target);
        } else {
            FunctionBody body = Coercion.body(from, target, path);
            if (body == null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cast from type " + from.displayName() + " to "
                        + target.displayName() + " is not implemented in Tusk yet", pstate.locationOf(expr));
            }
            converted = new FuncExpr(target.typname(), body, List.of(expr), target, -1, true,
                    Coercion.volatility(from, target, path));
        }
        return typmod < 0 ? converted : lengthCoercion(converted, target, typmod, explicit);
    }

    /** RelabelType: same value, new type (a constant is simply retyped). */
    private Expr relabel(Expr expr, PgType target) {
        if (expr instanceof ConstExpr c) {
            return pstate.at(new ConstExpr(target, -1, c.value()), pstate.locationOf(expr));
        }
        return new FuncExpr(target.typname(), Coercion.body(expr.type(), target, CoercionPath.RELABEL), List.of(expr),
                target, -1, true);
    }

    /** coerce_type_typmod: the type's length-coercion function (varchar(n), numeric(p,s)...), if it has one. */
    private Expr lengthCoercion(Expr expr, PgType type, int typmod, boolean explicit) {
        FunctionBody body = Coercion.lengthBody(type, typmod, explicit);
        if (body == null) {
            return expr;
        }
        return new FuncExpr(type.typname(), body, List.of(expr), type, typmod, true);
    }

    Expr coerceOrFail(Expr expr, PgType target, int typmod, CastContext context, int location) {
        Expr e = coerce(expr, target, typmod, context);
        if (e == null) {
            throw Ereport.error(SqlState.CANNOT_COERCE, "cannot cast type " + expr.type().displayName(expr.typmod())
                    + " to " + target.displayName(typmod), location);
        }
        return e;
    }

    Expr coerceToBoolean(Expr expr, String constructName, int location) {
        if (expr.type() == PgType.BOOL) {
            return expr;
        }
        Expr e = expr.type() == PgType.UNKNOWN ? coerce(expr, PgType.BOOL, -1, CastContext.IMPLICIT) : null;
        if (e == null) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "argument of " + constructName + " must be type boolean, not type "
                    + expr.type().displayName(), location);
        }
        return e;
    }

    Expr coerceToSpecific(Expr expr, PgType target, String constructName, int location) {
        Expr e = coerce(expr, target, -1, CastContext.IMPLICIT);
        if (e == null) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "argument of " + constructName + " must be type "
                    + target.displayName() + ", not type " + expr.type().displayName(), location);
        }
        return e;
    }

    /** resolveTargetListUnknowns: an untyped literal or parameter in the output becomes text. */
    Expr resolveUnknownAsText(Expr expr) {
        if (expr.type() == PgType.UNKNOWN) {
            return coerce(expr, PgType.TEXT, -1, CastContext.IMPLICIT);
        }
        return expr;
    }

    private Expr typeCast(TypeCast t) {
        org.tusk.engine.types.UserTypes.UserType user = userTypeOf(t.typeName());
        if (user != null && user.typtype() == 'c') {
            Expr arg = transform(t.arg());
            int location = arg.type() == PgType.UNKNOWN && t.arg() instanceof AConst ? t.arg().location() : t.location();
            return coerceOrFail(arg, PgType.RECORD, org.tusk.engine.types.UserTypes.columnTypmod(user.oid(), -1),
                    CastContext.EXPLICIT, location);
        }
        if (user != null) {
            return UserTypeCoercion.toUserType(this, transform(t.arg()), user, t.location());
        }
        Expr userArg = null;
        if (!(t.arg() instanceof AArrayExpr)) {
            userArg = transform(t.arg());
            if (userArg instanceof org.tusk.engine.expr.UserTypeExpr u) {
                PgType[] target = new PgType[1];
                int mod = resolveTypeName(t.typeName(), target);
                return UserTypeCoercion.fromUserType(this, u, target[0], mod, t.location());
            }
        }
        PgType[] typeOut = new PgType[1];
        int typmod = resolveTypeName(t.typeName(), typeOut);
        // ARRAY[...]::type[] builds the array directly with the cast's element type (transformArrayExpr)
        Expr arg = t.arg() instanceof AArrayExpr a && typeOut[0].isArray()
                ? arrayExpr(a, typeOut[0], t.location()) : userArg != null ? userArg : transform(t.arg());
        int location = t.location();
        if (arg.type() == PgType.UNKNOWN && arg instanceof ConstExpr && t.arg() instanceof AConst) {
            location = t.arg().location();
        }
        Expr cast = coerceOrFail(arg, typeOut[0], typmod, CastContext.EXPLICIT, location);
        if (cast != arg) {
            pstate.markExplicitCast(cast);
        }
        return cast;
    }

    /**
     * The user-defined type {@code tn} names (a domain, enum, composite or base type from the
     * session's pg_type syscache), or null when it names a built-in type or nothing.
     */
    org.tusk.engine.types.UserTypes.UserType userTypeOf(TypeName tn) {
        String name = tn.lastName();
        String schema = tn.names().size() > 1 ? tn.names().get(tn.names().size() - 2) : null;
        if ("pg_catalog".equals(schema)) {
            return null;
        }
        if (schema == null) {
            for (PgType t : PgType.values()) {
                if (t.typname().equals(name) && t != PgType.VOID) {
                    return null;
                }
            }
        }
        org.tusk.engine.types.UserTypes.UserType u = org.tusk.engine.types.UserTypes.byName(schema, name);
        if (u != null && tn.isArray()) {
            org.tusk.engine.types.UserTypes.UserType a = org.tusk.engine.types.UserTypes.byOid(u.arrayOid());
            return a;
        }
        return u;
    }

    TypeContext typeContext() {
        return typeContext;
    }

    /** typenameTypeIdAndMod: the type and its typmod, or ERROR 42704. */
    int resolveTypeName(TypeName tn, PgType[] out) {
        org.tusk.engine.types.UserTypes.UserType user = userTypeOf(tn);
        if (user != null) {
            // elsewhere than casts a user type is its representation (a domain its base type)
            out[0] = UserTypeCoercion.representation(user, tn.location());
            return user.typtype() == 'c' ? org.tusk.engine.types.UserTypes.columnTypmod(user.oid(), -1) : user.typmod();
        }
        String name = tn.lastName();
        if (tn.names().size() > 1 && !tn.names().get(0).equals("pg_catalog")) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", tn.names()) + "\" does not exist",
                    tn.location());
        }
        PgType type = null;
        for (PgType t : PgType.values()) {
            if (t.typname().equals(name) && t != PgType.VOID) {
                type = t;
            }
        }
        if (type == null) {
            if (KNOWN_UNSUPPORTED_TYPES.contains(name)) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "type " + name + " is not supported yet", tn.location());
            }
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist", tn.location());
        }
        if (tn.isArray()) {
            PgType array = type.arrayType();
            if (array == null) {
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "[]\" does not exist", tn.location());
            }
            out[0] = array;
        } else {
            out[0] = type;
        }
        List<Integer> mods = tn.intTypmods();
        if (mods.isEmpty()) {
            return -1;
        }
        if (mods.contains(null)) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "type modifiers must be simple constants or identifiers", tn.location());
        }
        switch (type) {
            case VARCHAR: case BPCHAR: {
                if (mods.size() != 1) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid type modifier", tn.location());
                }
                int n = mods.get(0);
                if (n < 1) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "length for type " + type.typname()
                            + " must be at least 1", tn.location());
                }
                return n + 4;
            }
            case NUMERIC: {
                int precision = mods.get(0);
                int scale = mods.size() > 1 ? mods.get(1) : 0;
                if (mods.size() > 2) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid NUMERIC type modifier", tn.location());
                }
                if (precision < 1 || precision > 1000) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC precision " + precision
                            + " must be between 1 and 1000", tn.location());
                }
                if (scale < -1000 || scale > 1000) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC scale " + scale
                            + " must be between -1000 and 1000", tn.location());
                }
                return NumericSupport.makeTypmod(precision, scale);
            }
            case TIMESTAMP:
                return TimePrecision.typmodIn("TIMESTAMP", mods, tn.location());
            case TIMESTAMPTZ:
                return TimePrecision.typmodIn("TIMESTAMP WITH TIME ZONE", mods, tn.location());
            case TIME:
                return TimePrecision.typmodIn("TIME", mods, tn.location());
            case TIMETZ:
                return TimePrecision.typmodIn("TIME WITH TIME ZONE", mods, tn.location());
            case INTERVAL:
                return org.tusk.engine.types.IntervalTypmod.typmodIn(mods, tn.location());
            default:
                throw Ereport.error(SqlState.SYNTAX_ERROR, "type modifier is not allowed for type \"" + type.typname() + "\"",
                        tn.location());
        }
    }

    // ---- operators ----

    private Expr aexpr(AExpr a) {
        if (a.name().size() > 1 && !(a.name().size() == 2 && a.name().get(0).equals("pg_catalog"))) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "qualified operator names are not supported yet", a.location());
        }
        switch (a.kind()) {
            case OP:
                if (a.lexpr() == null) {
                    return prefixOperator(a.opName(), transform(a.rexpr()), a.location());
                }
                if (a.lexpr() instanceof org.tusk.engine.nodes.RowExpr l && a.rexpr() instanceof org.tusk.engine.nodes.RowExpr r) {
                    return RowExprs.compare(this, a.opName(), l, r, a.location());
                }
                return binaryOperator(a.opName(), transform(a.lexpr()), transform(a.rexpr()), a.location());
            case LIKE: case ILIKE: case SIMILAR:
                return binaryOperator(a.opName(), transform(a.lexpr()), transform(a.rexpr()), a.location());
            case OP_ANY: case OP_ALL:
                return scalarArrayOp(a.opName(), a.kind() == AExprKind.OP_ANY, transform(a.lexpr()), transform(a.rexpr()),
                        a.location());
            case IN: {
                if (a.lexpr() instanceof org.tusk.engine.nodes.RowExpr row) {
                    List<Expr> tests = new ArrayList<>();
                    for (RawNode item : ((NodeList) a.rexpr()).items()) {
                        if (!(item instanceof org.tusk.engine.nodes.RowExpr r)) {
                            throw Ereport.error(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions",
                                    a.location());
                        }
                        tests.add(RowExprs.compare(this, a.opName(), row, r, a.location()));
                    }
                    return tests.size() == 1 ? tests.get(0)
                            : new BoolExpr(a.opName().equals("=") ? BoolOp.OR : BoolOp.AND, tests);
                }
                Expr left = transform(a.lexpr());
                List<Expr> items = new ArrayList<>();
                for (RawNode item : ((NodeList) a.rexpr()).items()) {
                    items.add(transform(item));
                }
                inListCommonType(left, items);
                List<Expr> tests = new ArrayList<>();
                for (Expr item : items) {
                    tests.add(binaryOperator(a.opName(), left, item, a.location()));
                }
                if (tests.size() == 1) {
                    return tests.get(0);
                }
                return new BoolExpr(a.opName().equals("=") ? BoolOp.OR : BoolOp.AND, tests);
            }
            case BETWEEN: case NOT_BETWEEN: {
                List<RawNode> bounds = ((NodeList) a.rexpr()).items();
                Expr value = transform(a.lexpr());
                Expr low = transform(bounds.get(0));
                Expr high = transform(bounds.get(1));
                if (a.kind() == AExprKind.BETWEEN) {
                    return new BoolExpr(BoolOp.AND, List.of(binaryOperator(">=", value, low, a.location()),
                            binaryOperator("<=", value, high, a.location())));
                }
                return new BoolExpr(BoolOp.OR, List.of(binaryOperator("<", value, low, a.location()),
                        binaryOperator(">", value, high, a.location())));
            }
            case NULLIF: {
                Expr left = transform(a.lexpr());
                Expr right = transform(a.rexpr());
                FuncExpr eq = (FuncExpr) binaryOperator("=", left, right, a.location());
                Expr coercedLeft = eq.args().get(0);
                return new NullIfExpr(coercedLeft, eq, coercedLeft.type());
            }
            case DISTINCT: case NOT_DISTINCT: {
                if (a.lexpr() instanceof org.tusk.engine.nodes.RowExpr l && a.rexpr() instanceof org.tusk.engine.nodes.RowExpr r) {
                    return RowExprs.distinct(this, l, r, a.kind() == AExprKind.NOT_DISTINCT, a.location());
                }
                return distinctOp(transform(a.lexpr()), transform(a.rexpr()), a.kind() == AExprKind.NOT_DISTINCT,
                        a.location());
            }
            default:
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "unsupported operator", a.location());
        }
    }

    /**
     * transformAExprIn's typing: when more than one item of an IN list is free of Vars (constants and
     * parameters here), PostgreSQL compares the left side with an array of those items coerced to the common
     * type of all of them and the left side; so {@code oid::regclass IN ('a', 'b')} reads the literals as
     * regclass, not as whatever the operator's other argument would be. The items are coerced in place; when
     * no common type works they stay as they are and each comparison resolves on its own.
     */
    private void inListCommonType(Expr left, List<Expr> items) {
        List<Integer> constants = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof ConstExpr || items.get(i) instanceof ParamExpr) {
                constants.add(i);
            }
        }
        if (left.type() == PgType.RECORD && !constants.isEmpty()
                && (constants.size() >= 2 || storedConstraint)) {
            // a named composite (record plus the typmod naming it): the literals are of its type, as
            // select_common_type makes them; one literal alone only in a stored partition constraint,
            // whose bound values PostgreSQL keeps as constants of the key's type
            org.tusk.engine.types.RowType shape = org.tusk.engine.types.RecordTypmods.lookup(left.typmod());
            if (shape != null && shape.isNamed()) {
                for (int i : constants) {
                    Expr coerced = items.get(i).type() == PgType.UNKNOWN
                            ? coerce(items.get(i), PgType.RECORD, left.typmod(), CastContext.IMPLICIT) : null;
                    if (coerced != null) {
                        items.set(i, coerced);
                    }
                }
                return;
            }
        }
        if (constants.size() < 2) {
            return;
        }
        List<PgType> types = new ArrayList<>();
        types.add(left.type());
        constants.forEach(i -> types.add(items.get(i).type()));
        PgType scalar = TypeResolution.commonType(types);
        if (scalar == null || scalar.arrayType() == null || scalar.isPolymorphic() || scalar == PgType.RECORD) {
            return;
        }
        for (PgType t : types) {
            if (t != PgType.UNKNOWN && t != scalar && !CastCatalog.canCoerce(t, scalar, CastContext.IMPLICIT)) {
                return; // verify_common_type failed
            }
        }
        for (int i : constants) {
            Expr coerced = coerce(items.get(i), scalar, -1, CastContext.IMPLICIT);
            if (coerced != null) {
                items.set(i, coerced);
            }
        }
    }

    /** make_distinct_op: {@code left IS [NOT] DISTINCT FROM right} over the "=" operator of the pair. */
    Expr distinctOp(Expr left, Expr right, boolean not, int location) {
        FuncExpr eq = (FuncExpr) binaryOperator("=", left, right, location);
        return new DistinctExpr(eq.args().get(0), eq.args().get(1),
                new FuncExpr("=", eq.body(), eq.args(), PgType.BOOL, -1, true), not);
    }

    /** make_scalar_array_op: {@code left op ANY|ALL (right)} with right an array (or an unknown literal made one). */
    private Expr scalarArrayOp(String op, boolean useOr, Expr left, Expr right, int location) {
        PgType rtype = right.type();
        PgType atype;
        if (rtype == PgType.UNKNOWN) {
            atype = PgType.UNKNOWN;
        } else if (rtype.isArray()) {
            atype = rtype.elementType();
        } else {
            throw Ereport.error("42809", "op ANY/ALL (array) requires array on right side", location);
        }
        Resolution res = OperatorCatalog.lookup(op, left.type(), atype);
        String described = left.type().displayName() + " " + op + " " + atype.displayName();
        if (res.status() == Resolution.Status.AMBIGUOUS) {
            throw new PgException(Severity.ERROR, SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: " + described, null,
                    "Could not choose a best candidate operator. You might need to add explicit type casts.",
                    location + 1, null);
        }
        if (!res.found()) {
            throw new PgException(Severity.ERROR, SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + described,
                    null, OP_HINT, location + 1, null);
        }
        if (res.resultType() != PgType.BOOL) {
            throw Ereport.error("42809", "op ANY/ALL (array) requires operator to yield boolean", location);
        }
        ProcEntry proc = res.proc();
        if (proc == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "operator " + described + " is not implemented in Tusk yet",
                    location);
        }
        FunctionBody body = FunctionRegistry.require(proc, location);
        Expr l = coerceOrFail(left, res.coerceTo().get(0), -1, CastContext.IMPLICIT, location);
        PgType elem = res.coerceTo().get(1);
        PgType arrayType = elem == PgType.ANYENUM && !rtype.isArray() ? PgType.TEXT_ARRAY    // an enum's labels
                : elem.isPolymorphic() ? (rtype.isArray() ? rtype : null) : elem.arrayType();
        if (arrayType == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "could not find array type for data type " + elem.displayName(),
                    location);
        }
        Expr r = coerceOrFail(right, arrayType, -1, CastContext.IMPLICIT, location);
        return new ScalarArrayOpExpr(op, body, proc.strict(), useOr, l, r);
    }

    // ---- arrays ----

    /**
     * transformArrayExpr: ARRAY[...] with the elements' common type, or with
     * the element type of {@code target} when the constructor is cast
     * directly (ARRAY[]::int[]); nested ARRAY[...] make a multi-dimensional array.
     */
    private Expr arrayExpr(AArrayExpr a, PgType target, int castLocation) {
        List<Expr> elems = new ArrayList<>();
        List<Integer> locations = new ArrayList<>();
        for (RawNode e : a.elements()) {
            elems.add(e instanceof AArrayExpr sub ? arrayExpr(sub, target, castLocation) : transform(e));
            locations.add(locationOf(e));
        }
        if (elems.isEmpty()) {
            if (target == null) {
                throw new PgException(Severity.ERROR, SqlState.INDETERMINATE_DATATYPE, "cannot determine type of empty array",
                        null, "Explicitly cast to the desired type, for example ARRAY[]::integer[].", a.location() + 1, null);
            }
            Expr empty = pstate.at(new ConstExpr(target, -1, ArrayValue.empty(target.elementType())), a.location());
            return isVectorType(target) ? validVector(empty, target) : empty;
        }
        PgType arrayType;
        boolean multidims;
        if (target != null) {
            arrayType = target;
            multidims = false;
            for (Expr e : elems) {
                multidims |= e.type().isArray() && !isVectorType(e.type());
            }
        } else {
            PgType common = TypeResolution.commonType(elems.stream().map(Expr::type).toList());
            if (common == null) {
                commonType(elems, locations, "ARRAY"); // reports the mismatch at the right element
                throw new IllegalStateException();
            }
            // int2vector and oidvector elements are values, not sub-arrays (their shape is constrained)
            multidims = common.isArray() && !isVectorType(common);
            arrayType = multidims ? common : common.arrayType();
            if (arrayType == null) {
                throw Ereport.error(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                        + common.displayName(), locations.get(0));
            }
        }
        PgType coerceTo = multidims ? arrayType : arrayType.elementType();
        CastContext ctx = target != null ? CastContext.EXPLICIT : CastContext.IMPLICIT;
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < elems.size(); i++) {
            Expr e = elems.get(i);
            Expr c = coerce(e, coerceTo, -1, ctx);
            if (c == null) {
                if (target != null) {
                    throw Ereport.error(SqlState.CANNOT_COERCE, "cannot cast type " + e.type().displayName() + " to "
                            + coerceTo.displayName(), locations.get(i));
                }
                throw Ereport.error(SqlState.CANNOT_COERCE, "ARRAY could not convert type " + e.type().displayName()
                        + " to " + coerceTo.displayName(), locations.get(i));
            }
            coerced.add(c);
        }
        Expr array = new ArrayExpr(coerced, arrayType, multidims);
        if (coerceTo == PgType.RECORD || coerceTo == PgType._RECORD) {
            // an array of rows of one shape carries that shape's typmod, as its elements do
            int shape = coerced.get(0).typmod();
            for (Expr c : coerced) {
                shape = c.typmod() == shape ? shape : -1;
            }
            if (shape >= 0) {
                array = new FuncExpr(arrayType.typname(), (args, ec) -> args[0], List.of(array), arrayType, shape, true);
            }
        }
        if (target != null && isVectorType(target) && !multidims) {
            array = validVector(array, target);
        }
        return pstate.at(array, a.location());
    }

    private static boolean isVectorType(PgType t) {
        return t == PgType.INT2VECTOR || t == PgType.OIDVECTOR;
    }

    /** check_valid_int2vector / check_valid_oidvector: one dimension, no NULLs (ARRAY[]::oidvector fails). */
    private static Expr validVector(Expr array, PgType type) {
        return new FuncExpr(type.typname(), (args, ec) -> {
            if (args[0] instanceof ArrayValue v && (v.ndims() != 1 || v.hasNulls())) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "array is not a valid " + type.typname());
            }
            return args[0];
        }, List.of(array), type, -1, true, 's');    // not folded: the output function complains, after RowDescription
    }

    /** transformIndirection for subscripts: arr[i], arr[i][j], arr[a:b]. */
    private Expr indirection(AIndirection ind) {
        return indirection(ind, transform(ind.arg()));
    }

    /** transformIndirection over an already analyzed base (the raw {@code ind.arg()} is not read). */
    private Expr indirection(AIndirection ind, Expr base) {
        List<AIndices> subs = new ArrayList<>();
        for (RawNode n : ind.indirection()) {
            if (n instanceof AIndices i) {
                subs.add(i);
                continue;
            }
            if (!subs.isEmpty()) {
                base = subscripts(base, subs, ind);
                subs = new ArrayList<>();
            }
            if (n instanceof IndirectionField field) {
                base = RowExprs.fieldSelect(base, field.name(), field.location());
            } else {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "row expansion via \"*\" is not supported here", locationOf(n));
            }
        }
        return subs.isEmpty() ? base : subscripts(base, subs, ind);
    }

    private Expr subscripts(Expr base, List<AIndices> subs, AIndirection ind) {
        PgType type = base.type();
        boolean slice = false;
        for (AIndices i : subs) {
            slice |= i.isSlice();
        }
        if (org.tusk.engine.types.FixedSubscripts.isFixedLength(type)) {
            return fixedLengthSubscript(base, subs, slice);
        }
        if (type == PgType.JSONB) {
            return jsonbSubscript(base, subs, slice);
        }
        if (!type.isArray()) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "cannot subscript type " + type.displayName()
                    + " because it does not support subscripting", locationOf(ind.arg()));
        }
        if (subs.size() > org.tusk.engine.types.ArrayValue.MAX_DIMENSIONS) {
            // array_subscript_transform: at parse time, without a position
            throw Ereport.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (" + subs.size()
                    + ") exceeds the maximum allowed (" + org.tusk.engine.types.ArrayValue.MAX_DIMENSIONS + ")");
        }
        List<Expr> lower = new ArrayList<>();
        List<Expr> upper = new ArrayList<>();
        for (AIndices i : subs) {
            if (slice) {
                if (i.isSlice()) {
                    lower.add(i.lidx() == null ? null : subscript(i.lidx()));
                } else {
                    lower.add(new ConstExpr(PgType.INT4, -1, 1));
                }
            }
            upper.add(i.uidx() == null ? null : subscript(i.uidx()));
        }
        return new SubscriptExpr(base, slice ? lower : null, upper, slice, slice ? type : type.elementType());
    }

    /**
     * jsonb_subscript_transform / jsonb_subscript_fetch: {@code doc['a'][0]} walks the value as
     * {@code #>} does; each subscript is an integer if it coerces to one implicitly, else text.
     */
    private Expr jsonbSubscript(Expr base, List<AIndices> subs, boolean slice) {
        if (slice) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "jsonb subscript does not support slices",
                    sliceLocation(subs));
        }
        List<Expr> args = new ArrayList<>();
        args.add(base);
        for (AIndices i : subs) {
            Expr e = transform(i.uidx());
            PgType t = e.type();
            PgType target = t != PgType.UNKNOWN
                    && org.tusk.engine.func.CastCatalog.canCoerce(t, PgType.INT4, CastContext.IMPLICIT) ? PgType.INT4
                    : t == PgType.UNKNOWN || org.tusk.engine.func.CastCatalog.canCoerce(t, PgType.TEXT, CastContext.IMPLICIT)
                    ? PgType.TEXT : null;
            if (target == null) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "subscript type " + t.displayName() + " is not supported",
                        locationOf(i.uidx())).withHint("jsonb subscript must be coercible to either integer or text.");
            }
            args.add(coerceOrFail(e, target, -1, CastContext.IMPLICIT, locationOf(i.uidx())));
        }
        return new FuncExpr("subscript", org.tusk.engine.func.JsonFunctions::subscriptFetch, args, PgType.JSONB, -1, true);
    }

    /** {@code doc['a'][0] = value}: the new document (JsonbSubscriptAssign), subscripts typed as for a fetch. */
    private Expr jsonbSubscriptAssign(Expr base, String column, List<RawNode> indirection, Expr value, int location) {
        List<AIndices> subs = new ArrayList<>();
        for (RawNode n : indirection) {
            subs.add((AIndices) n);
        }
        FuncExpr fetch = (FuncExpr) jsonbSubscript(base, subs, subs.stream().anyMatch(AIndices::isSlice));
        Expr coerced = coerce(value, PgType.JSONB, -1, CastContext.ASSIGNMENT);
        if (coerced == null) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "subscripted assignment to \"" + column + "\" requires type jsonb"
                    + " but expression is of type " + value.type().displayName(), location)
                    .withHint("You will need to rewrite or cast the expression.");
        }
        List<Expr> args = new ArrayList<>();
        args.add(base);
        args.add(coerced);
        args.addAll(fetch.args().subList(1, fetch.args().size()));
        boolean firstIsInteger = args.get(2).type() == PgType.INT4;
        return new FuncExpr("subscript_assign", (a, ctx) -> org.tusk.engine.func.JsonbSubscriptAssign.assign(a, ctx,
                firstIsInteger), args, PgType.JSONB, -1, false);
    }

    /** Where jsonb_subscript_transform reports a slice: the first slice's upper bound, else its lower one. */
    private int sliceLocation(List<AIndices> subs) {
        for (AIndices i : subs) {
            if (i.isSlice()) {
                return locationOf(i.uidx() != null ? i.uidx() : i.lidx());
            }
        }
        return -1;
    }

    /**
     * Subscripting a fixed-length type (point[0], box[1]...): raw_array_subscript_handler,
     * one subscript, no slices, out of range (or more subscripts, box[0][1]) is NULL; (box[0])[1] chains.
     */
    private Expr fixedLengthSubscript(Expr base, List<AIndices> subs, boolean slice) {
        if (slice) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "slices of fixed-length arrays not implemented");
        }
        PgType element = org.tusk.engine.types.FixedSubscripts.elementType(base.type());
        if (subs.size() != 1) {
            // array_get_element: more than one subscript on a fixed-length type is NULL
            List<Expr> args = new ArrayList<>();
            args.add(base);
            for (AIndices i : subs) {
                args.add(subscript(i.uidx()));
            }
            return new FuncExpr("subscript", (a, ctx) -> null, args, element, -1, true);
        }
        return new FuncExpr("subscript", (a, ctx) -> org.tusk.engine.types.FixedSubscripts.fetch(a[0], (Integer) a[1]),
                List.of(base, subscript(subs.get(0).uidx())), element, -1, true);
    }

    /**
     * transformAssignmentIndirection for subscripts: {@code base} (the column's
     * current value) with {@code col[...] = value} applied. Field selection is
     * not supported yet. {@code location} is the target column's (0-based).
     */
    Expr assignmentIndirection(Expr base, String column, List<RawNode> indirection, Expr value, int location) {
        if (base instanceof UserTypeExpr u && u.userType().isDomain()) {
            // an earlier assignment to part of this column: its domain check waits for the whole value
            base = u.arg();
        }
        if (!indirection.isEmpty() && indirection.get(0) instanceof IndirectionField field) {
            // FieldStore: the row with this field replaced by what the rest of the indirection makes of it
            org.tusk.engine.types.RowType shape = RowExprs.shapeOf(base);
            if (base.type() != PgType.RECORD || shape == null) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "cannot assign to field \"" + field.name()
                        + "\" of column \"" + column + "\" because its type " + base.type().displayName(base.typmod())
                        + " is not a composite type", location);
            }
            int i = shape.indexOf(field.name());
            if (i < 0) {
                throw Ereport.error(SqlState.UNDEFINED_COLUMN, "cannot assign to field \"" + field.name()
                        + "\" of column \"" + column + "\" because there is no such column in data type "
                        + shape.typeName(), location);
            }
            org.tusk.engine.types.RowType.Field f = shape.field(i);
            List<RawNode> rest = indirection.subList(1, indirection.size());
            Expr fieldValue;
            if (rest.isEmpty()) {
                fieldValue = coerce(value, f.type(), RowExprs.fieldTypmod(f), CastContext.ASSIGNMENT);
                if (fieldValue == null) {
                    throw Ereport.error(SqlState.DATATYPE_MISMATCH, "subfield \"" + field.name() + "\" is of type "
                            + f.type().displayName(RowExprs.fieldTypmod(f)) + " but expression is of type "
                            + value.type().displayName(value.typmod()), location)
                            .withHint("You will need to rewrite or cast the expression.");
                }
            } else {
                fieldValue = assignmentIndirection(new FieldSelectExpr(base, i, field.name(), f.type(),
                        RowExprs.fieldTypmod(f)), column, rest, value, location);
            }
            return new FieldStoreExpr(base, i, fieldValue, shape, base.typmod());
        }
        int subscripts = 0;
        while (subscripts < indirection.size() && indirection.get(subscripts) instanceof org.tusk.engine.nodes.AIndices) {
            subscripts++;
        }
        if (subscripts > 0 && subscripts < indirection.size() && base.type().isArray()) {
            // arr[i].field = v: the element at [i] with the rest applied, stored back at [i]
            List<RawNode> subs = indirection.subList(0, subscripts);
            Expr element = indirection(new AIndirection(new org.tusk.engine.nodes.ParamRef(0, location), subs, location),
                    base);
            Expr newElement = assignmentIndirection(element, column, indirection.subList(subscripts, indirection.size()),
                    value, location);
            return assignmentIndirection(base, column, subs, newElement, location);
        }
        PgType type = base.type();
        if (org.tusk.engine.types.FixedSubscripts.isFixedLength(type) && indirection.size() == 1
                && indirection.get(0) instanceof org.tusk.engine.nodes.AIndices ai && !ai.isSlice()) {
            PgType element = org.tusk.engine.types.FixedSubscripts.elementType(type);
            Expr coerced = coerce(value, element, -1, CastContext.ASSIGNMENT);
            if (coerced == null) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "subscripted assignment to \"" + column + "\" requires type "
                        + element.displayName() + " but expression is of type " + value.type().displayName(), location)
                        .withHint("You will need to rewrite or cast the expression.");
            }
            return new FuncExpr("subscript_assign", (a, ctx) -> org.tusk.engine.types.FixedSubscripts.assign(a[0], (Integer) a[1], a[2]),
                    List.of(base, subscript(ai.uidx()), coerced), type, -1, false);
        }
        if (type == PgType.JSONB && indirection.stream().allMatch(n -> n instanceof org.tusk.engine.nodes.AIndices)) {
            return jsonbSubscriptAssign(base, column, indirection, value, location);
        }
        if (!type.isArray() || type == PgType.INT2VECTOR || type == PgType.OIDVECTOR) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "cannot subscript type " + type.displayName()
                    + " because it does not support subscripting", location);
        }
        boolean slice = false;
        for (RawNode n : indirection) {
            if (!(n instanceof org.tusk.engine.nodes.AIndices)) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "field UPDATE targets are not supported yet", location);
            }
            slice |= ((org.tusk.engine.nodes.AIndices) n).isSlice();
        }
        List<Expr> lower = new ArrayList<>();
        List<Expr> upper = new ArrayList<>();
        for (RawNode n : indirection) {
            org.tusk.engine.nodes.AIndices ai = (org.tusk.engine.nodes.AIndices) n;
            if (slice) {
                lower.add(ai.isSlice() ? (ai.lidx() == null ? null : subscript(ai.lidx()))
                        : new ConstExpr(PgType.INT4, -1, 1));
            }
            upper.add(ai.uidx() == null ? null : subscript(ai.uidx()));
        }
        PgType target = slice ? type : type.elementType();
        Expr coerced = coerce(value, target, target == PgType.RECORD || target == PgType._RECORD ? base.typmod() : -1,
                CastContext.ASSIGNMENT);
        if (coerced == null) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "subscripted assignment to \"" + column + "\" requires type "
                    + target.displayName() + " but expression is of type " + value.type().displayName(), location)
                    .withHint("You will need to rewrite or cast the expression.");
        }
        return new org.tusk.engine.expr.SubscriptAssignExpr(base, slice ? lower : null, upper, slice, coerced, type);
    }

    private Expr subscript(RawNode n) {
        Expr e = transform(n);
        Expr c = coerce(e, PgType.INT4, -1, CastContext.ASSIGNMENT);
        if (c == null) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer", locationOf(n));
        }
        return c;
    }

    /** make_op for a binary operator: oper() over pg_operator, then coercion of both inputs. */
    Expr binaryOperator(String op, Expr left, Expr right, int location) {
        Resolution res = OperatorCatalog.lookup(op, left.type(), right.type());
        String described = left.type().displayName() + " " + op + " " + right.type().displayName();
        return makeOperator(op, res, List.of(left, right), described, location);
    }

    private Expr prefixOperator(String op, Expr arg, int location) {
        Resolution res = OperatorCatalog.lookup(op, null, arg.type());
        return makeOperator(op, res, List.of(arg), op + " " + arg.type().displayName(), location);
    }

    private Expr makeOperator(String op, Resolution res, List<Expr> args, String described, int location) {
        if (res.status() == Resolution.Status.AMBIGUOUS) {
            throw new PgException(Severity.ERROR, SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: " + described, null,
                    "Could not choose a best candidate operator. You might need to add explicit type casts.",
                    location + 1, null);
        }
        if (!res.found()) {
            throw new PgException(Severity.ERROR, SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + described,
                    null, OP_HINT, location + 1, null);
        }
        ProcEntry proc = res.proc();
        if (proc == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "operator " + described + " is not implemented in Tusk yet",
                    location);
        }
        if (proc.oid() == TEXTANYCAT || proc.oid() == ANYTEXTCAT) {
            // SQL-language "select $1 || $2::text": the non-text side goes through an explicit cast to text
            List<Expr> texts = new ArrayList<>();
            for (Expr a : args) {
                texts.add(coerceOrFail(a, PgType.TEXT, -1, CastContext.EXPLICIT, location));
            }
            return new FuncExpr(op, TEXTCAT, texts, PgType.TEXT, -1, true);
        }
        FunctionBody body = FunctionRegistry.require(proc, location);
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            coerced.add(coerceOrFail(args.get(i), res.coerceTo().get(i), -1, CastContext.IMPLICIT, location));
        }
        return new FuncExpr(op, body, coerced, res.resultType(), -1, proc.strict(), proc.volatility());
    }

    // ---- functions ----

    /**
     * func_get_detail's FUNCDETAIL_COERCION: {@code typename(x)} with one
     * argument and no function of exactly that argument type is a cast to the
     * type when x is an unknown literal, or when the explicit cast from x's type
     * is binary (relabel) or through I/O (not a composite to a string type).
     */
    private Expr functionStyleCast(FuncCall f, String name, List<Expr> args) {
        if (args.size() != 1) {
            return null;
        }
        PgType target = PgType.byTypname(name);
        if (target == null || target.typtype() == 'p' || target.typtype() == 'c') {
            return null;
        }
        PgType source = args.get(0).type();
        for (org.tusk.engine.func.ProcEntry p : org.tusk.engine.func.BuiltinCatalog.get().procs(name)) {
            if (p.nargs() == 1 && !p.isVariadic() && p.argTypes().get(0) == source) {
                return null;    // an exact match wins
            }
        }
        boolean coercion;
        if (source == PgType.UNKNOWN && args.get(0) instanceof ConstExpr && f.args().get(0) instanceof AConst) {
            coercion = true;
        } else {
            org.tusk.engine.func.CoercionPath path = org.tusk.engine.func.CastCatalog.find(source, target,
                    CastContext.EXPLICIT);
            coercion = switch (path.kind()) {
                case RELABEL -> true;
                case IO -> !(source == PgType.RECORD || source.typtype() == 'c') || target.category() != 'S';
                default -> false;
            };
        }
        return coercion ? coerceOrFail(args.get(0), target, -1, CastContext.EXPLICIT, f.location()) : null;
    }

    /**
     * enum_first/enum_last/enum_range/enum_cmp... over arguments of a user enum type: the analyzer knows the
     * enum from an argument coerced to it (a cast or literal of the type); the other arguments may be untyped
     * NULLs where enum_range allows them. Null when the call is not one of these.
     */
    private Expr enumSupportCall(String name, List<Expr> args) {
        PgType result = org.tusk.engine.expr.EnumSupportExpr.resultType(name, args.size());
        if (result == null) {
            return null;
        }
        org.tusk.engine.types.UserTypes.UserType enumType = null;
        for (Expr a : args) {
            if (a instanceof UserTypeExpr u && u.userType().typtype() == 'e') {
                if (enumType != null && enumType.oid() != u.userType().oid()) {
                    return null;
                }
                enumType = u.userType();
            } else if (!(a instanceof ConstExpr c && c.value() == null && c.type() == PgType.UNKNOWN)) {
                return null;
            }
        }
        if (enumType == null) {
            return null;
        }
        Expr call = new org.tusk.engine.expr.EnumSupportExpr(name, enumType, List.copyOf(args), result);
        // a single label keeps the enum's identity for a further cast
        return result == PgType.ANYENUM
                ? new UserTypeExpr(call, enumType, PgType.ANYENUM, -1, List.of(), List.of(), List.of(), false, null)
                : call;
    }

    private Expr funcCall(FuncCall f) {
        // only the outermost call of a function in FROM may come back as a set-returning FuncExpr
        boolean setCallWanted = wantSetCall;
        wantSetCall = false;
        String name = f.lastName();
        if (f.over() != null) {
            return aggregates.windowFunction(f);
        }
        if (f.funcVariadic() && f.aggFilter() == null && f.aggOrder().isEmpty()
                && !AggregateAnalyzer.isAggregate(name) && !f.args().isEmpty()) {
            return variadicCall(f, name);
        }
        if (f.funcVariadic()) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "VARIADIC is not supported yet", f.location());
        }
        List<String> argNames = namedArguments(f);
        if (argNames != null && (AggregateAnalyzer.isAggregate(name) || f.funcname().size() > 1)) {
            for (RawNode a : f.args()) {
                if (a instanceof NamedArgExpr n) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "named arguments are not supported yet", n.location());
                }
            }
        }
        String schema = f.funcname().size() > 1 ? f.funcname().get(f.funcname().size() - 2) : null;
        if (f.funcname().size() > 2) {
            List<Expr> args = new ArrayList<>();
            for (RawNode a : f.args()) {
                args.add(transform(a));
            }
            throw undefinedFunction(String.join(".", f.funcname()), args, f.location());
        }
        if ((name.equals("generate_series") || name.equals("unnest") || name.equals("pg_listening_channels"))
                && f.funcname().size() == 1) {
            Expr srf = FunctionRtes.targetListSrf(this, f);
            if (srf != null) {
                return srf;
            }
        }
        if (AggregateAnalyzer.isAggregate(name)) {
            return aggregates.aggregate(f);
        }
        if (f.aggFilter() != null) {
            throw Ereport.error("42809", "FILTER specified, but " + name + " is not an aggregate function", f.location());
        }
        if (!f.aggOrder().isEmpty()) {
            throw Ereport.error("42809", "ORDER BY specified, but " + name + " is not an aggregate function", f.location());
        }
        if (f.aggStar()) {
            throw Ereport.error("42809", name + "(*) specified, but " + name + " is not an aggregate function", f.location());
        }
        if (f.aggDistinct()) {
            throw Ereport.error("42809", "DISTINCT specified, but " + name + " is not an aggregate function", f.location());
        }
        List<Expr> args = new ArrayList<>();
        for (RawNode a : f.args()) {
            args.add(transform(a instanceof NamedArgExpr n ? n.arg() : a));
        }
        if (argNames == null && (schema == null || schema.equals("pg_catalog"))) {
            Expr enumCall = enumSupportCall(name, args);
            if (enumCall != null) {
                return enumCall;
            }
        }
        List<PgType> types = new ArrayList<>();
        for (Expr a : args) {
            types.add(a.type());
        }
        if (argNames == null) {
            Expr asCast = functionStyleCast(f, name, args);
            if (asCast != null) {
                return asCast;
            }
        }
        if (argNames == null && types.contains(PgType.UNKNOWN)) {
            enumLiteralArguments(schema, name, args, types);
        }
        java.util.Map<Integer, int[]> argNumbers = new java.util.HashMap<>();
        Resolution res = argNames == null ? FunctionCatalog.lookup(schema, name, types)
                : FunctionCatalog.lookupNamed(name, types, argNames, argNumbers);
        if (res.status() == Resolution.Status.AMBIGUOUS) {
            throw new PgException(Severity.ERROR, SqlState.AMBIGUOUS_FUNCTION, "function " + signature(name, args, argNames)
                    + " is not unique", null,
                    "Could not choose a best candidate function. You might need to add explicit type casts.",
                    f.location() + 1, null);
        }
        if (!res.found()) {
            throw new PgException(Severity.ERROR, SqlState.UNDEFINED_FUNCTION, "function "
                    + signature(schema == null ? name : String.join(".", f.funcname()), args, argNames)
                    + " does not exist", null, FUNC_HINT, f.location() + 1, null);
        }
        ProcEntry proc = argNames == null ? enumOverload(schema, name, res.proc(), args, f) : res.proc();
        List<PgType> coerceTo = res.coerceTo();
        if (argNames != null) {
            // the arguments in declaration order, defaults filling the ones not given
            int[] numbers = argNumbers.get(proc.oid());
            Expr[] positional = new Expr[proc.nargs()];
            PgType[] targets = new PgType[proc.nargs()];
            for (int i = 0; i < numbers.length; i++) {
                positional[numbers[i]] = args.get(i);
                targets[numbers[i]] = res.coerceTo().get(i);
            }
            for (int i = 0; i < positional.length; i++) {
                if (positional[i] == null) {
                    PgType t = proc.argTypes().get(i);
                    String text = org.tusk.engine.func.BuiltinCatalog.get().argDefault(proc, i);
                    positional[i] = new ConstExpr(t, -1, text == null ? null
                            : org.tusk.engine.types.TextFormat.input(t, -1, text, org.tusk.engine.types.TypeContext.DEFAULT));
                    targets[i] = t;
                }
            }
            args = new ArrayList<>(java.util.Arrays.asList(positional));
            coerceTo = java.util.Arrays.asList(targets);
        }
        switch (proc.kind()) {
            case 'a':
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "aggregate function " + name
                        + " is not supported yet", f.location());
            case 'w':
                throw Ereport.error("42809", "window function " + name + " requires an OVER clause", f.location());
            case 'p':
                throw new PgException(Severity.ERROR, "42809", name + " is a procedure", null,
                        "To call a procedure, use CALL.", f.location() + 1, null);
            default:
                break;
        }
        if (org.tusk.engine.func.JsonPopulateRecord.is(proc.prosrc()) && args.size() >= 2) {
            return populateRecord(name, proc, args, f.location());
        }
        FunctionBody setBody = null;
        if (proc.returnsSet() && org.tusk.engine.func.ExpandArray.is(proc) && args.size() == 1
                && args.get(0).type().isArray()) {
            // information_schema._pg_expandarray(anyarray): records (x, n) whose shape the analysis knows
            org.tusk.engine.func.ExpandArray expand = new org.tusk.engine.func.ExpandArray(args.get(0).type().elementType());
            FuncExpr call = new FuncExpr(name, expand::rows, args, PgType.RECORD, expand.typmod(), true, 'i');
            if (setCallWanted) {
                lastSetCall = call;
                return call;
            }
            return FunctionRtes.targetListSrf(this, f, call);
        }
        if (proc.returnsSet()) {
            setBody = org.tusk.engine.func.SetReturningBodies.body(proc);
            if (setBody == null) {
                // a user-defined SETOF / TABLE function (SQL or PL/pgSQL)
                Expr srf = FunctionRtes.targetListSrf(this, f);
                if (srf != null) {
                    return srf;
                }
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "set-returning function " + name
                        + " is not supported here yet", f.location());
            }
        }
        if ("pg_typeof".equals(proc.prosrc()) && args.size() == 1) {
            // pg_typeof looks at its argument's type, known here (get_fn_expr_argtype)
            org.tusk.engine.types.RowType shape = RowExprs.shapeOf(args.get(0));
            long oid = args.get(0) instanceof UserTypeExpr u ? u.userType().oid()
                    : shape != null ? shape.typeOid() : args.get(0).type().oid();
            return new ConstExpr(PgType.REGTYPE, -1, oid);
        }
        // to_json, json_build_object...: bodies bound to the arguments' types (get_fn_expr_argtype),
        // their "any" arguments passed as values; an untyped literal is text
        List<PgType> jsonArgTypes = new ArrayList<>();
        for (Expr a : args) {
            jsonArgTypes.add(a.type() == PgType.UNKNOWN ? PgType.TEXT : a.type());
        }
        FunctionBody typedJson = setBody == null && proc.language() == 12 && Integer.compareUnsigned(proc.oid(), 16384) < 0
                ? org.tusk.engine.func.JsonBuilders.typedBody(proc.prosrc(), jsonArgTypes) : null;
        FunctionBody body = setBody != null ? setBody : typedJson != null ? typedJson
                : FunctionRegistry.require(proc, f.location());
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            PgType target = coerceTo.get(i);
            Expr arg = args.get(i);
            if (typedJson != null) {
                coerced.add(coerceOrFail(arg, jsonArgTypes.get(i), -1, CastContext.IMPLICIT, f.location()));
            } else if (target != PgType.ANY && proc.variadicType() == PgType.ANY && i >= proc.nargs() - 1
                    && arg.type() == PgType.UNKNOWN) {
                // an unknown literal already is its text; left unknown, it also keeps ConstantFolder away
                // from stable functions such as format() (their errors come after the row description)
                coerced.add(arg);
            } else if (proc.oid() == org.tusk.engine.func.StringFunctions.QUOTE_LITERAL_ANYELEMENT
                    || proc.oid() == org.tusk.engine.func.StringFunctions.QUOTE_NULLABLE_ANYELEMENT) {
                // their SQL body is quote_literal($1::text): the argument cast to text
                coerced.add(coerceOrFail(arg, PgType.TEXT, -1, CastContext.EXPLICIT, f.location()));
            } else if ("satisfies_hash_partition".equals(proc.prosrc()) && i >= proc.nargs() - 1) {
                coerced.add(arg);                       // hashes the key values themselves, by their type
            } else if (target == PgType.ANY || (proc.variadicType() == PgType.ANY && i >= proc.nargs() - 1)) {
                // "any" arguments (concat, format...) reach the body as their text output
                coerced.add(outputAsText(arg));
            } else {
                coerced.add(coerceOrFail(arg, target, -1, CastContext.IMPLICIT, f.location()));
            }
        }
        if (proc.isVariadic() && proc.variadicType() != PgType.ANY) {
            body = new org.tusk.engine.func.VariadicPacking(body, proc.nargs() - 1, proc.variadicType());
        }
        if (proc.resultType().isPolymorphic() && res.resultType().isArray()) {
            // a polymorphic body building an array from NULL inputs cannot know the element type
            body = new org.tusk.engine.func.ArrayResultRelabel(body, res.resultType().elementType());
        }
        int[] declared = org.tusk.engine.func.UserProcs.declaredTypes(proc);
        org.tusk.engine.types.UserTypes.UserType enumResult = declared == null ? null
                : org.tusk.engine.types.UserTypes.byOid(declared[declared.length - 1]);
        if (enumResult != null && enumResult.typtype() != 'e') {
            enumResult = null;
        }
        FuncExpr call = new FuncExpr(name, body, coerced, enumResult != null ? PgType.ANYENUM : res.resultType(),
                setBody != null && setCallWanted ? org.tusk.engine.func.SetReturningBodies.outTypmod(proc) : -1,
                proc.strict(), proc.volatility());
        if (enumResult != null && setBody == null) {
            // a function declared to return an enum: its value carries that enum's identity (pg_typeof, casts)
            return new UserTypeExpr(call, enumResult, PgType.ANYENUM, -1, List.of(), List.of(), List.of(), false, null);
        }
        if (setBody != null) {
            // its body returns the list of values: a FunctionScan item when asked for one, else a ProjectSet slot
            if (setCallWanted) {
                lastSetCall = call;
                return call;
            }
            return FunctionRtes.targetListSrf(this, f, call);
        }
        return call;
    }

    /**
     * Among user functions whose parameters differ only in which enum they declare (all are anyenum to
     * resolution), the one whose enums are the arguments' (func_select_candidate's exact matches); an
     * untyped literal where they differ is ambiguous, as in PostgreSQL. Arguments whose enum is not known
     * here (columns) keep resolution's choice.
     */
    private ProcEntry enumOverload(String schema, String name, ProcEntry chosen, List<Expr> args, FuncCall f) {
        if (!chosen.argTypes().contains(PgType.ANYENUM) || org.tusk.engine.func.UserProcs.declaredTypes(chosen) == null) {
            return chosen;
        }
        List<ProcEntry> rivals = new ArrayList<>();
        for (ProcEntry p : org.tusk.engine.func.UserProcs.userProcs(schema, name)) {
            if (p.argTypes().equals(chosen.argTypes()) && p.kind() == chosen.kind()) {
                rivals.add(p);
            }
        }
        if (rivals.size() < 2) {
            return chosen;
        }
        ProcEntry match = null;
        for (ProcEntry p : rivals) {
            int[] declared = org.tusk.engine.func.UserProcs.declaredTypes(p);
            boolean fits = declared != null;
            for (int i = 0; fits && i < args.size() && i < declared.length - 1; i++) {
                if (p.argTypes().get(i) != PgType.ANYENUM) {
                    continue;
                }
                Expr a = args.get(i);
                if (a.type() == PgType.UNKNOWN) {
                    throw new PgException(Severity.ERROR, SqlState.AMBIGUOUS_FUNCTION, "function "
                            + signature(name, args, null) + " is not unique", null,
                            "Could not choose a best candidate function. You might need to add explicit type casts.",
                            f.location() + 1, null);
                }
                fits = !(a instanceof UserTypeExpr u) || u.userType().oid() == declared[i];
            }
            if (fits && match == null) {
                match = p;
            }
        }
        return match != null ? match : chosen;
    }

    /**
     * Untyped literals passed where every visible user function of this name and argument count declares
     * the same enum become values of that enum, as make_fn_arguments would coerce them once the function
     * is chosen: resolution sees enum parameters only as anyenum, which an unknown cannot bind.
     */
    private void enumLiteralArguments(String schema, String name, List<Expr> args, List<PgType> types) {
        List<ProcEntry> candidates = org.tusk.engine.func.UserProcs.userProcs(schema, name);
        for (int i = 0; i < args.size(); i++) {
            if (types.get(i) != PgType.UNKNOWN) {
                continue;
            }
            int enumOid = 0;
            boolean agree = true;
            for (ProcEntry p : candidates) {
                if (p.nargs() != args.size() && !(p.defaultCount() > 0 && p.nargs() >= args.size())) {
                    continue;
                }
                int[] declared = org.tusk.engine.func.UserProcs.declaredTypes(p);
                int oid = declared == null || i >= declared.length - 1 ? 0 : declared[i];
                if (oid == 0 || !org.tusk.engine.commands.ProcCatalog.isEnum(oid) || (enumOid != 0 && enumOid != oid)) {
                    agree = false;
                    break;
                }
                enumOid = oid;
            }
            if (agree && enumOid != 0) {
                Expr coerced = UserTypeCoercion.toUserType(this, args.get(i),
                        org.tusk.engine.types.UserTypes.byOid(enumOid), pstate().locationOf(args.get(i)));
                args.set(i, coerced);
                types.set(i, coerced.type());
            }
        }
    }

    /**
     * Set by FunctionRtes while it analyzes a function in FROM: a set-returning
     * call then comes back as its FuncExpr (body returning a list of values)
     * instead of a target-list SRF slot.
     */
    boolean wantSetCall;

    /** The set-returning FuncExpr last returned because {@link #wantSetCall} asked for it. */
    FuncExpr lastSetCall;

    /**
     * f(a, VARIADIC arr): the array supplies the variadic arguments. The call
     * resolves as if one element were passed; a VARIADIC "any" function gets
     * the elements (as text, like other "any" arguments) spread at run time, any
     * other variadic function the array itself.
     */
    private Expr variadicCall(FuncCall f, String name) {
        List<Expr> args = new ArrayList<>();
        for (RawNode a : f.args()) {
            args.add(transform(a));
        }
        int last = args.size() - 1;
        Expr arr = args.get(last);
        if (arr.type() == PgType.UNKNOWN) {
            arr = coerce(arr, PgType.TEXT_ARRAY, -1, CastContext.IMPLICIT);
            args.set(last, arr);
        }
        if (!arr.type().isArray()) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "VARIADIC argument must be an array",
                    locationOf(f.args().get(last)));
        }
        List<PgType> types = new ArrayList<>();
        for (Expr a : args) {
            types.add(a.type());
        }
        PgType elementType = arr.type().elementType();
        types.set(last, elementType);
        Resolution res = FunctionCatalog.lookup(name, types);
        if (!res.found() || res.status() == Resolution.Status.AMBIGUOUS || !res.proc().isVariadic()
                || res.coerceTo().size() != args.size()) {
            throw undefinedFunction(name, args, f.location());
        }
        ProcEntry proc = res.proc();
        FunctionBody body = FunctionRegistry.require(proc, f.location());
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < last; i++) {
            PgType target = res.coerceTo().get(i);
            coerced.add(target == PgType.ANY ? outputAsText(args.get(i))
                    : coerceOrFail(args.get(i), target, -1, CastContext.IMPLICIT, f.location()));
        }
        if (proc.variadicType() != PgType.ANY) {
            PgType arrayType = res.coerceTo().get(last).arrayType();
            coerced.add(coerceOrFail(arr, arrayType, -1, CastContext.IMPLICIT, f.location()));
            return new FuncExpr(name, body, coerced, res.resultType(), -1, proc.strict(), proc.volatility());
        }
        coerced.add(arr);
        // concat and concat_ws return NULL for a NULL array; format() treats it as no arguments
        boolean nullArrayIsNull = "text_concat".equals(proc.prosrc()) || "text_concat_ws".equals(proc.prosrc());
        FunctionBody inner = body;
        int fixed = last;
        FunctionBody spread = (a, ctx) -> {
            ArrayValue values = (ArrayValue) a[fixed];
            if (values == null && nullArrayIsNull) {
                return null;
            }
            Object[] elements = values == null ? new Object[0] : values.elements();
            TypeContext tc = ctx == null || ctx.session() == null ? TypeContext.DEFAULT : ctx.session().typeContext();
            Object[] call = new Object[fixed + elements.length];
            System.arraycopy(a, 0, call, 0, fixed);
            for (int i = 0; i < elements.length; i++) {
                call[fixed + i] = TextFormat.output(elementType, elements[i], tc);
            }
            if (proc.strict()) {
                for (Object v : call) {
                    if (v == null) {
                        return null;
                    }
                }
            }
            return inner.apply(call, ctx);
        };
        return new FuncExpr(name, spread, coerced, res.resultType(), -1, false, proc.volatility());
    }

    /**
     * json(b)_populate_record(base, from_json): its result has base's row type (the polymorphic anyelement
     * resolved to a composite), which must be one.
     */
    private Expr populateRecord(String name, ProcEntry proc, List<Expr> args, int location) {
        org.tusk.engine.types.RowType shape = RowExprs.shapeOf(args.get(0));
        if (shape == null) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "first argument of " + name + " must be a row type", location);
        }
        org.tusk.engine.func.JsonPopulateRecord body = new org.tusk.engine.func.JsonPopulateRecord(proc.prosrc(), shape);
        Expr from = coerceOrFail(args.get(1), body.jsonType(), -1, CastContext.IMPLICIT, location);
        return new FuncExpr(name, body, List.of(args.get(0), from), PgType.RECORD, args.get(0).typmod(), false,
                proc.volatility());
    }

    /** A value as its type's output function prints it (text), for "any" arguments. */
    private Expr outputAsText(Expr arg) {
        PgType type = arg.type();
        if (type == PgType.UNKNOWN) {
            return coerce(arg, PgType.TEXT, -1, CastContext.IMPLICIT);
        }
        if (type == PgType.TEXT) {
            return arg;
        }
        // a CastBody (the output half of an I/O conversion), so that concat(a, b) twice is one expression
        FunctionBody output = org.tusk.engine.func.CastBody.between(org.tusk.engine.func.CastBody.Kind.IO, type, PgType.TEXT,
                (a, ctx) -> TextFormat.output(type, a[0], ctx == null || ctx.session() == null
                        ? TypeContext.DEFAULT : ctx.session().typeContext()));
        return new FuncExpr("text", output, List.of(arg), PgType.TEXT, -1, true, BuiltinCatalog.get().ioVolatility(type, false));
    }

    private PgException undefinedFunction(String name, List<Expr> args, int location) {
        return new PgException(Severity.ERROR, SqlState.UNDEFINED_FUNCTION, "function " + signature(name, args)
                + " does not exist", null, FUNC_HINT, location + 1, null);
    }

    /**
     * The names of a call's arguments (null entries for positional ones), or null if
     * none is named; a positional argument after a named one and a name used twice are
     * errors, as in ParseFuncOrColumn.
     */
    private static List<String> namedArguments(FuncCall f) {
        List<String> names = new ArrayList<>();
        boolean any = false;
        for (RawNode a : f.args()) {
            if (a instanceof NamedArgExpr n) {
                if (names.contains(n.name())) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "argument name \"" + n.name() + "\" used more than once",
                            n.location());
                }
                names.add(n.name());
                any = true;
            } else {
                if (any) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "positional argument cannot follow named argument",
                            locationOf(a));
                }
                names.add(null);
            }
        }
        return any ? names : null;
    }

    /** func_signature_string: "f(integer, x => unknown)". */
    private static String signature(String name, List<Expr> args, List<String> argNames) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (argNames != null && argNames.get(i) != null) {
                sb.append(argNames.get(i)).append(" => ");
            }
            sb.append(args.get(i).type().displayName());
        }
        return sb.append(')').toString();
    }

    private static String signature(String name, List<Expr> args) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(args.get(i).type().displayName());
        }
        return sb.append(')').toString();
    }

    // ---- conditional expressions ----

    /** select_common_type + coercion of every expression to it. */
    List<Expr> commonType(List<Expr> exprs, List<Integer> locations, String context) {
        PgType ptype = null;
        for (int i = 0; i < exprs.size(); i++) {
            PgType t = exprs.get(i).type();
            if (t == PgType.UNKNOWN) {
                continue;
            }
            if (ptype == null) {
                ptype = t;
            } else if (t != ptype) {
                if (t.category() != ptype.category()) {
                    throw Ereport.error(SqlState.DATATYPE_MISMATCH, context + " types " + ptype.displayName() + " and "
                            + t.displayName() + " cannot be matched", locations.get(i));
                }
                if (!ptype.preferred() && CastCatalog.canCoerce(ptype, t, CastContext.IMPLICIT)
                        && !CastCatalog.canCoerce(t, ptype, CastContext.IMPLICIT)) {
                    ptype = t;
                }
            }
        }
        if (ptype == null) {
            ptype = PgType.TEXT;
        }
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            Expr e = exprs.get(i);
            Expr c = coerce(e, ptype, -1, CastContext.IMPLICIT);
            if (c == null) {
                throw Ereport.error(SqlState.CANNOT_COERCE, context + " could not convert type " + e.type().displayName()
                        + " to " + ptype.displayName(), locations.get(i));
            }
            out.add(c);
        }
        return out;
    }

    private Expr caseExpr(CaseExprNode c) {
        Expr arg = c.arg() == null ? null : transform(c.arg());
        List<Expr> conditions = new ArrayList<>();
        List<Expr> results = new ArrayList<>();
        List<Integer> locations = new ArrayList<>();
        for (CaseWhen w : c.args()) {
            Expr cond;
            if (arg != null) {
                cond = binaryOperator("=", arg, transform(w.expr()), w.location());
            } else {
                cond = coerceToBoolean(transform(w.expr()), "CASE/WHEN", locationOf(w.expr()));
            }
            conditions.add(cond);
            results.add(transform(w.result()));
            locations.add(locationOf(w.result()));
        }
        if (c.defresult() != null) {
            results.add(transform(c.defresult()));
            locations.add(locationOf(c.defresult()));
        }
        List<Expr> coerced = commonType(results, locations, "CASE");
        Expr def = c.defresult() != null ? coerced.remove(coerced.size() - 1) : null;
        PgType type = coerced.get(0).type();
        return new CaseExpr(conditions, coerced, def, type, -1);
    }

    private Expr coalesce(String kind, List<RawNode> rawArgs) {
        List<Expr> args = new ArrayList<>();
        List<Integer> locations = new ArrayList<>();
        for (RawNode a : rawArgs) {
            args.add(transform(a));
            locations.add(locationOf(a));
        }
        String context = kind.toUpperCase(Locale.ROOT);
        List<Expr> coerced = commonType(args, locations, context);
        PgType type = coerced.get(0).type();
        if (kind.equals("coalesce")) {
            return new CoalesceExpr(coerced, type);
        }
        return new MinMaxExpr(coerced, type, kind.equals("greatest"), Comparisons::compare);
    }

    /**
     * An SQLValueFunction (CURRENT_TIMESTAMP(p), CURRENT_USER, ...): a stable call named as the keyword
     * prints ({@link SqlValueFunctions}). The date/time forms are the transaction's start, as PostgreSQL's
     * are, through the built-in cast to their type and that type's precision coercion; the others call
     * the functions PostgreSQL's keywords stand for (current_user, current_database, current_schema...).
     */
    private Expr sqlValueFunction(SQLValueFunction s) {
        return switch (s.op()) {
            case CURRENT_TIMESTAMP, CURRENT_TIMESTAMP_N -> transactionStart(s, PgType.TIMESTAMPTZ, null);
            case LOCALTIMESTAMP, LOCALTIMESTAMP_N -> transactionStart(s, PgType.TIMESTAMP, "timestamptz_timestamp");
            case CURRENT_TIME, CURRENT_TIME_N -> transactionStart(s, PgType.TIMETZ, "timestamptz_timetz");
            case LOCALTIME, LOCALTIME_N -> transactionStart(s, PgType.TIME, "timestamptz_time");
            case CURRENT_DATE -> transactionStart(s, PgType.DATE, "timestamptz_date");
            case CURRENT_USER, USER, CURRENT_ROLE -> keywordCall(s, PgType.NAME, FunctionRegistry.internal("current_user"));
            case SESSION_USER -> keywordCall(s, PgType.NAME, FunctionRegistry.internal("session_user"));
            case CURRENT_CATALOG -> keywordCall(s, PgType.NAME, FunctionRegistry.internal("current_database"));
            case CURRENT_SCHEMA -> keywordCall(s, PgType.NAME, FunctionRegistry.internal("current_schema"));
        };
    }

    /** The transaction's start as {@code type} (through the cast function {@code castProsrc}, none for timestamptz), rounded to the keyword's precision. */
    private static Expr transactionStart(SQLValueFunction s, PgType type, String castProsrc) {
        FunctionBody cast = castProsrc == null ? null : FunctionRegistry.internal(castProsrc);
        int precision = s.typmod();
        return keywordCall(s, type, (a, ctx) -> {
            Object start = ctx.session().transactionStartMicros();
            Object value = cast == null ? start : cast.apply(new Object[] {start}, ctx);
            return Coercion.applyTypmod(type, value, precision, true, ctx);
        });
    }

    private static Expr keywordCall(SQLValueFunction s, PgType type, FunctionBody body) {
        boolean precise = s.op().name().endsWith("_N");
        return new FuncExpr(SqlValueFunctions.keyword(s.op(), s.typmod()), body, List.of(), type,
                precise ? s.typmod() : -1, false, FuncVolatility.STABLE);
    }
}
