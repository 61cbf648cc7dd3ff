package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.TypeCast;
import org.tusk.engine.nodes.TypeName;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TypeContext;

/**
 * Parse analysis for the SQL-level prepared statement commands (commands/prepare.c):
 * PREPARE's declared parameter types, and EXECUTE's parameter expressions coerced
 * to the statement's parameter types (EvaluateParams).
 */
public final class ExecuteParams {
    private ExecuteParams() {}

    /**
     * PREPARE name(type, ...): each type name as an OID; {@code unknown} becomes 0,
     * which leaves the parameter's type to be inferred from its use.
     */
    public static int[] declaredTypes(List<TypeName> names, TypeContext typeContext) {
        if (names == null || names.isEmpty()) {
            return new int[0];
        }
        ExprAnalyzer analyzer = new ExprAnalyzer(new ParseState(null), typeContext);
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            PgType[] type = new PgType[1];
            analyzer.resolveTypeName(names.get(i), type);
            out[i] = type[0] == PgType.UNKNOWN ? 0 : type[0].oid();
        }
        return out;
    }

    /**
     * EXECUTE name(expr, ...): the expressions, analyzed in {@code pstate} (the EXECUTE
     * statement's own parameters, if any, are visible) and coerced with assignment
     * rules to {@code expected}. Errors as EvaluateParams: 42601 for a wrong count,
     * 42804 for a value that cannot be coerced.
     */
    public static List<Expr> transform(String statementName, List<RawNode> params, int[] expected,
            ParseState pstate, TypeContext typeContext) {
        int given = params == null ? 0 : params.size();
        if (given != expected.length) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "wrong number of parameters for prepared statement \""
                    + statementName + "\"").withDetail("Expected " + expected.length + " parameters but got " + given + ".");
        }
        ExprAnalyzer analyzer = new ExprAnalyzer(pstate, typeContext);
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < given; i++) {
            RawNode raw = params.get(i);
            Expr e = analyzer.transform(raw);
            PgType target = PgType.byOid(expected[i]);
            Expr coerced = analyzer.coerce(e, target, -1, CastContext.ASSIGNMENT);
            if (coerced == null) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "parameter $" + (i + 1) + " of type "
                        + e.type().displayName() + " cannot be coerced to the expected type " + target.displayName(),
                        leftmostLocation(raw)).withHint("You will need to rewrite or cast the expression.");
            }
            out.add(coerced);
        }
        return out;
    }

    /** exprLocation: a cast's location is that of its argument when the argument is written first. */
    static int leftmostLocation(RawNode node) {
        if (node instanceof TypeCast t && t.arg() != null && t.arg().location() >= 0
                && (t.location() < 0 || t.arg().location() < t.location())) {
            return leftmostLocation(t.arg());
        }
        return node.location();
    }
}
