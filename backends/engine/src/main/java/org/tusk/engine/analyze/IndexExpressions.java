package org.tusk.engine.analyze;

import java.util.List;

import org.tusk.engine.executor.scan.StorageBaseRelation;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.types.TypeContext;

/**
 * Expressions of an index over its table's row (pg_index.indexprs and
 * indpred): analyzed with the table as the only range table entry, so their
 * Vars index the table's live columns in attnum order (0-based), the row
 * layout the executor's DML and a scan's placed row use at offset 0.
 */
public final class IndexExpressions {

    private IndexExpressions() {
    }

    /** Transforms a raw index expression or WHERE predicate (CREATE INDEX) against {@code table}. */
    public static Expr analyze(StorageSession session, TypeContext typeContext, RelationDesc table, RawNode node,
            boolean predicate) {
        return analyze(session, typeContext, table, node, predicate, true);
    }

    /** {@code keepCollations}: COLLATE clauses stay as CollateExpr (for the catalog text), else they are dropped. */
    private static Expr analyze(StorageSession session, TypeContext typeContext, RelationDesc table, RawNode node,
            boolean predicate, boolean keepCollations) {
        ParseState pstate = new ParseState(new int[0]);
        StorageBaseRelation rel = new StorageBaseRelation(table, session);
        RangeTblEntry rte = new RangeTblEntry(RangeTblEntry.Kind.RELATION, table.name());
        rte.relation = rel;
        for (org.tusk.engine.catalog.RelationColumn c : rel.columns()) {
            rte.columns.add(new RangeTblEntry.Column(c.name(), c.type(), c.typmod(), null));
        }
        SelectAnalyzer.withVars(rte, pstate);
        pstate.addRte(rte);
        pstate.namespace.add(new ParseState.NsItem(rte, true, true));
        ExprAnalyzer analyzer = new ExprAnalyzer(pstate, typeContext);
        if (keepCollations) {
            analyzer.keepCollations();
        }
        Expr e = analyzer.transform(node);
        return predicate ? analyzer.coerceToBoolean(e, "WHERE", -1) : e;
    }

    /** Compiles stored text (as {@link org.tusk.engine.planner.Deparser#unqualified} printed it) against {@code table}. */
    public static Expr compile(StorageSession session, TypeContext typeContext, RelationDesc table, String text,
            boolean predicate) {
        List<ParsedStatement> parsed = Parser.parse("SELECT " + text);
        SelectStmt select = (SelectStmt) parsed.get(0).stmt();
        return analyze(session, typeContext, table, select.targetList().get(0).val(), predicate, false);
    }
}
