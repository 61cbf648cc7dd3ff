package org.tusk.engine.expr;

import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.UserTypes.UserType;

/**
 * A value coerced to a user-defined type: its representation (a built-in
 * type, see {@code types.UserTypes}) with the user type's identity, so that a
 * further cast finds pg_cast rows of the user type. For a domain this is
 * CoerceToDomain: NOT NULL ({@code domain d does not allow null values},
 * 23502) and each CHECK ({@code value for domain d violates check constraint
 * "c"}, 23514) are tested on every evaluation; {@code checks} are the
 * analyzed CHECK expressions over parameter $1 (the value, VALUE in the
 * source), of this domain and of the domains it is based on, with
 * {@code checkNames} and the name of the domain owning each. For an enum the
 * label must be one of the type's.
 */
public record UserTypeExpr(Expr arg, UserType userType, PgType type, int typmod, List<Expr> checks,
        List<String> checkNames, List<String> checkDomains, boolean notNull, String notNullDomain) implements Expr {

    public static UserTypeExpr of(Expr arg, UserType userType) {
        return new UserTypeExpr(arg, userType, arg.type(), arg.typmod(), List.of(), List.of(), List.of(), false, null);
    }

    @Override
    public List<Expr> children() {
        return List.of(arg);
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object v = arg.eval(ctx);
        check(v, ctx);
        if (userType.typtype() == 'e' && v instanceof String label) {
            return new org.tusk.engine.types.EnumValue(userType.oid(), label);
        }
        return v;
    }

    /** The domain's constraints (or the enum's labels) on {@code v}. */
    public void check(Object v, EvalContext ctx) {
        if (v == null) {
            if (notNull) {
                throw Ereport.error(SqlState.NOT_NULL_VIOLATION, "domain " + notNullDomain + " does not allow null values");
            }
            return;
        }
        if (userType.typtype() == 'e' && v instanceof String label) {
            org.tusk.engine.types.EnumValue.input(userType, label);   // enum_in's check of the label
        }
        for (int i = 0; i < checks.size(); i++) {
            Object ok = checks.get(i).eval(new EvalContext(ctx.session(), new Object[] {v}));
            if (Boolean.FALSE.equals(ok)) {
                throw Ereport.error(SqlState.CHECK_VIOLATION, "value for domain " + checkDomains.get(i)
                        + " violates check constraint \"" + checkNames.get(i) + "\"");
            }
        }
    }
}
