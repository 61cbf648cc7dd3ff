package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.AggrefExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.types.PgType;

/**
 * Analysis state for one statement (ParseState): parameter types (fixed or
 * being inferred), the FROM relation, aggregates found, and the locations of
 * untyped literals so coercion errors can point at them.
 */
public final class ParseState {
    private final List<PgType> paramTypes = new ArrayList<>();
    private final List<Boolean> paramFixed = new ArrayList<>();
    private VirtualRelation relation;
    private String relationAlias;
    private final List<AggrefExpr> aggregates = new ArrayList<>();
    private final Map<Expr, Integer> locations = new IdentityHashMap<>();
    /** Where aggregates are not allowed, the clause name for the error ("WHERE"), else null. */
    String noAggregatesIn;
    boolean inAggregateArgs;

    public ParseState(int[] givenParamTypes) {
        if (givenParamTypes != null) {
            for (int oid : givenParamTypes) {
                if (oid == 0) {
                    paramTypes.add(PgType.UNKNOWN);
                    paramFixed.add(false);
                } else {
                    PgType t = PgType.byOid(oid);
                    if (t == null) {
                        throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type with OID " + oid + " does not exist");
                    }
                    paramTypes.add(t);
                    paramFixed.add(true);
                }
            }
        }
    }

    PgType paramType(int number) {
        while (paramTypes.size() < number) {
            paramTypes.add(PgType.UNKNOWN);
            paramFixed.add(false);
        }
        return paramTypes.get(number - 1);
    }

    void setParamType(int number, PgType type) {
        paramType(number);
        paramTypes.set(number - 1, type);
    }

    /** Parameter types after analysis; still-unknown ones become text, as variable_coerce_param does for output. */
    public int[] resolvedParamTypes() {
        int[] out = new int[paramTypes.size()];
        for (int i = 0; i < out.length; i++) {
            PgType t = paramTypes.get(i);
            out[i] = (t == PgType.UNKNOWN ? PgType.TEXT : t).oid();
        }
        return out;
    }

    public VirtualRelation relation() { return relation; }
    public String relationAlias() { return relationAlias; }

    void setRelation(VirtualRelation relation, String alias) {
        this.relation = relation;
        this.relationAlias = alias;
    }

    List<AggrefExpr> aggregates() { return aggregates; }

    <E extends Expr> E at(E expr, int location) {
        locations.put(expr, location);
        return expr;
    }

    int locationOf(Expr expr) {
        Integer l = locations.get(expr);
        return l == null ? -1 : l;
    }
}
