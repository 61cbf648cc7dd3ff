package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.ConstExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.UserTypeExpr;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.func.CastBody;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.func.ProcEntry;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.types.BinaryFormat;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TypeContext;
import org.tusk.engine.types.UserTypes;
import org.tusk.engine.types.UserTypes.UserCast;
import org.tusk.engine.types.UserTypes.UserType;

/**
 * coerce_type for user-defined types (parse_coerce.c): to a domain
 * (coerce to the base type, then CoerceToDomain with the domain's
 * constraints), to and from types with user pg_cast rows (WITHOUT FUNCTION
 * reinterprets the bytes: the value goes out through the source
 * representation's send and back in through the target's receive; WITH INOUT
 * goes through text), and literal input into enums and base types.
 */
final class UserTypeCoercion {

    private UserTypeCoercion() {
    }

    /** The built-in type a user type's values travel as; 0A000 for types Tusk cannot carry yet. */
    static PgType representation(UserType u, int location) {
        if (!u.defined() || u.typtype() == 'p') {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + u.name() + "\" is only a shell", location);
        }
        if (u.representation() == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "type " + u.name() + " is not supported yet", location);
        }
        return u.representation();
    }

    /** CAST(arg AS user type) / arg::user type. */
    static Expr toUserType(ExprAnalyzer a, Expr arg, UserType target, int location) {
        PgType repr = representation(target, location);
        int sourceOid = arg instanceof UserTypeExpr u ? u.userType().oid() : arg.type().oid();
        if (sourceOid == target.oid()) {
            return arg;
        }
        Expr inner = arg instanceof UserTypeExpr u && !u.userType().isDomain() ? u.arg() : arg;
        UserCast cast = target.isDomain() ? null : UserTypes.cast(sourceOid, target.oid());
        if (cast != null) {
            return wrap(a, apply(a, inner, repr, cast, location), target);
        }
        if (target.typtype() == 'e' && isString(arg.type())) {
            return wrap(a, inner, target);      // the label; UserTypeExpr checks it and makes the EnumValue
        }
        if (repr == PgType.TEXT_ARRAY && target.typtype() == 'b' && org.tusk.engine.commands.ProcCatalog.isEnum(
                target.baseOid()) && arg.type().isArray() && isString(arg.type().elementType())) {
            // text[] to an enum's array type: the labels stay text elements (arrays of an enum carry text)
            return wrap(a, a.coerceOrFail(inner, PgType.TEXT_ARRAY, -1, CastContext.EXPLICIT, location), target);
        }
        if (target.isDomain() || arg.type() == PgType.UNKNOWN || target.typtype() == 'e' && isString(arg.type())) {
            int typmod = repr == PgType.RECORD || repr == PgType._RECORD ? UserTypes.columnTypmod(target.oid(), -1)
                    : target.typmod();
            Expr base = a.coerceOrFail(inner, repr, typmod, CastContext.EXPLICIT, location);
            return wrap(a, base, target);
        }
        throw Ereport.error(SqlState.CANNOT_COERCE, "cannot cast type " + describe(arg) + " to " + target.name(),
                location);
    }

    /** arg::built-in type where arg is of a user type. */
    static Expr fromUserType(ExprAnalyzer a, UserTypeExpr arg, PgType target, int typmod, int location) {
        UserType source = arg.userType();
        UserCast cast = source.isDomain() ? null : UserTypes.cast(source.oid(), target.oid());
        if (cast != null) {
            Expr converted = apply(a, arg.arg(), target, cast, location);
            return typmod < 0 ? converted : a.coerceOrFail(converted, target, typmod, CastContext.EXPLICIT, location);
        }
        if (source.typtype() == 'e' && (isString(target) || target == PgType.TEXT)) {
            // enum_out: the label
            Expr label = new org.tusk.engine.expr.FuncExpr("enum_out", (v, ctx) -> v[0] == null ? null : v[0].toString(),
                    List.of(arg), PgType.TEXT, -1, true, 'i');
            return a.coerceOrFail(label, target, typmod, CastContext.EXPLICIT, location);
        }
        if (source.isDomain() || source.typtype() == 'e' && isString(target) || target == PgType.TEXT) {
            // a domain casts as its base type; enums and everything else reach text through I/O
            return a.coerceOrFail(arg, target, typmod, CastContext.EXPLICIT, location);
        }
        throw Ereport.error(SqlState.CANNOT_COERCE, "cannot cast type " + source.name() + " to "
                + target.displayName(typmod), location);
    }

    private static boolean isString(PgType t) {
        return t == PgType.TEXT || t == PgType.VARCHAR || t == PgType.BPCHAR || t == PgType.NAME || t == PgType.UNKNOWN;
    }

    private static String describe(Expr e) {
        return e instanceof UserTypeExpr u ? u.userType().name() : e.type().displayName(e.typmod());
    }

    /** A pg_cast row's method applied to {@code e} (a value of the cast source's representation). */
    private static Expr apply(ExprAnalyzer a, Expr e, PgType to, UserCast cast, int location) {
        PgType from = e.type();
        TypeContext tc = a.typeContext();
        switch (cast.method()) {
            case 'b':
                if (from == to) {
                    return e;
                }
                // binary coercible: the same bytes read as the other type
                return new FuncExpr(to.typname(), (args, ctx) -> BinaryFormat.receive(to, -1,
                        BinaryFormat.send(from, args[0], tc), tc), List.of(e), to, -1, true, 'i');
            case 'i':
                return a.coerceOrFail(a.coerceOrFail(e, PgType.TEXT, -1, CastContext.EXPLICIT, location), to, -1,
                        CastContext.EXPLICIT, location);
            case 'f':
                return castFunctionCall(a, e, to, cast, location);
            default:
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cast method " + cast.method()
                        + " is not supported yet", location);
        }
    }

    /**
     * A WITH FUNCTION cast: a call of pg_cast's castfunc on the value (with typmod -1 and
     * "explicit" for a function taking them, as build_coercion_expression passes them), whose
     * body is a {@link CastBody} naming the function, so that two analyses of the cast are one
     * expression.
     */
    private static Expr castFunctionCall(ExprAnalyzer a, Expr e, PgType to, UserCast cast, int location) {
        ProcEntry proc = org.tusk.engine.func.UserProcs.proc(cast.funcOid());
        if (proc == null) {
            throw Ereport.error(SqlState.INTERNAL_ERROR, "cache lookup failed for function " + cast.funcOid(), location);
        }
        FunctionBody body = org.tusk.engine.func.FunctionRegistry.require(proc, location);
        List<Expr> args = new ArrayList<>();
        args.add(e.type() == proc.argTypes().get(0) ? e
                : a.coerceOrFail(e, proc.argTypes().get(0), -1, CastContext.EXPLICIT, location));
        if (proc.nargs() > 1) {
            args.add(new ConstExpr(PgType.INT4, -1, -1));
        }
        if (proc.nargs() > 2) {
            args.add(new ConstExpr(PgType.BOOL, -1, true));
        }
        return new FuncExpr(proc.name(), CastBody.function(proc.oid(), body), args, to, -1, proc.strict(),
                proc.volatility());
    }

    /** CoerceToDomain (or the identity of an enum/base type) over a value already of the representation. */
    static Expr wrap(ExprAnalyzer a, Expr value, UserType target) {
        if (!target.isDomain()) {
            if (target.typtype() == 'e' && value instanceof ConstExpr c && c.value() instanceof String label
                    && !target.enumLabels().contains(label)) {
                throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input value for enum "
                        + target.name() + ": \"" + label + "\"", a.pstate().locationOf(value));
            }
            if (target.typtype() == 'e') {
                return new UserTypeExpr(value, target, PgType.ANYENUM, -1, List.of(), List.of(), List.of(), false, null);
            }
            return UserTypeExpr.of(value, target);
        }
        List<Expr> checks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        boolean notNull = false;
        String notNullDomain = null;
        List<UserType> chain = new ArrayList<>();
        for (UserType d = target; d != null && d.isDomain(); d = UserTypes.byOid(d.baseOid())) {
            chain.add(0, d);
            if (chain.size() > 32) {
                break;
            }
        }
        // the base domain's constraints first, as domain_check walks them
        for (UserType d : chain) {
            if (d.notNull() && !notNull) {
                notNull = true;
                notNullDomain = d.name();
            }
            for (UserTypes.DomainCheck c : d.checks()) {
                checks.add(compileCheck(a, c.source(), value.type(), value.typmod()));
                names.add(c.name());
                owners.add(d.name());
            }
        }
        return new UserTypeExpr(value, target, value.type(), value.typmod(), checks, names, owners, notNull,
                notNullDomain);
    }

    /** A domain CHECK's source with VALUE as parameter $1 of the base type, analyzed to a boolean expression. */
    private static Expr compileCheck(ExprAnalyzer outer, String source, PgType base, int typmod) {
        String text = replaceValue(source);
        org.tusk.engine.types.RowType shape = base == PgType.RECORD ? org.tusk.engine.types.RecordTypmods.lookup(typmod)
                : null;
        if (shape != null && shape.isNamed()) {
            // VALUE of a domain over a composite has the composite's fields: $1 read as that type
            text = text.replace("$1", "($1::\"" + shape.typeName().replace("\"", "\"\"") + "\")");
        }
        SelectStmt select = (SelectStmt) Parser.parse("SELECT (" + text + ")").get(0).stmt();
        ParseState ps = new ParseState(new int[] {base.oid()});
        ExprAnalyzer a = new ExprAnalyzer(ps, outer.typeContext());
        return a.coerceToBoolean(a.transform(select.targetList().get(0).val()), "CHECK", -1);
    }

    /** The identifier VALUE (any case, outside quotes) becomes $1. */
    static String replaceValue(String source) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && !(source.charAt(j) == c && (j + 1 >= n || source.charAt(j + 1) != c))) {
                    j += source.charAt(j) == c ? 2 : 1;
                }
                out.append(source, i, Math.min(n, j + 1));
                i = j + 1;
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(source.charAt(j)) || source.charAt(j) == '_'
                        || source.charAt(j) == '$')) {
                    j++;
                }
                String word = source.substring(i, j);
                boolean qualified = i > 0 && source.charAt(i - 1) == '.';
                out.append(word.equalsIgnoreCase("value") && !qualified ? "$1" : word);
                i = j;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
