package org.tusk.engine.analyze;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/**
 * One value of a partition bound (parse_utilcmd.c transformPartitionBoundValue): the raw
 * expression analyzed with no table in scope, coerced to the key's type with assignment
 * rules (42804 "specified value cannot be cast to type ... for column ..." when there is
 * no such coercion) and evaluated to a constant. Errors point into the CREATE TABLE text,
 * where the raw nodes' locations are.
 */
public final class PartitionBoundValue {

    /** The evaluated value (null for SQL NULL) and its text as the type's output function writes it. */
    public record Value(Object value, String text, PgType type) {
    }

    private PartitionBoundValue() {
    }

    /**
     * Evaluates {@code node} as a bound value for the key column {@code column} of type
     * {@code typeName} (SQL spelling, as format_type prints it).
     */
    public static Value evaluate(org.tusk.engine.catalog.SystemRelations relations,
            org.tusk.engine.expr.SessionServices session, TypeContext typeContext, RawNode node, String typeName,
            String column) {
        Expr target = typeOf(relations, typeContext, typeName);
        ParseState pstate = new ParseState(new int[0]);
        ExprAnalyzer analyzer = new ExprAnalyzer(pstate, typeContext);
        Expr e = analyzer.transform(node);
        Expr coerced = analyzer.coerce(e, target.type(), target.typmod(), CastContext.ASSIGNMENT);
        if (coerced == null) {
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "specified value cannot be cast to type " + typeName
                    + " for column \"" + column + "\"", ExecuteParams.leftmostLocation(node));
        }
        Object v = coerced.eval(new EvalContext(session, new Object[0]));
        return new Value(v, v == null ? null : TextFormat.output(coerced.type(), v, typeContext), coerced.type());
    }

    /** The type named {@code typeName}, as the analyzer knows it (the type and typmod of a NULL cast to it). */
    private static Expr typeOf(org.tusk.engine.catalog.SystemRelations relations, TypeContext typeContext,
            String typeName) {
        SelectStmt select = (SelectStmt) Parser.parse("SELECT CAST(NULL AS " + typeName + ")").get(0).stmt();
        Query q = new SelectAnalyzer(relations, typeContext).analyze(select, new ParseState(new int[0]));
        return q.targets().get(0).expr();
    }
}
