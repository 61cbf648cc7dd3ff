package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.func.CastContext;
import org.tusk.engine.nodes.CommonTableExpr;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.nodes.SetOperation;
import org.tusk.engine.nodes.WithClause;
import org.tusk.engine.types.PgType;

/**
 * parse_cte.c: WITH queries become {@link CteDef}s visible to the rest of the
 * statement (and to later WITH queries). In WITH RECURSIVE, a query of the form
 * {@code non-recursive UNION [ALL] recursive} that refers to itself in its
 * right operand is a recursive CTE: the non-recursive term fixes the column
 * types, the recursive term's references read the work table.
 */
final class CteAnalyzer {
    private final SelectAnalyzer analyzer;
    private final ExprAnalyzer ea;

    CteAnalyzer(SelectAnalyzer analyzer, ExprAnalyzer ea) {
        this.analyzer = analyzer;
        this.ea = ea;
    }

    void transformWith(WithClause with, ParseState ps) {
        for (CommonTableExpr cte : with.ctes()) {
            for (CteDef d : ps.ctes) {
                if (d.name.equals(cte.ctename())) {
                    throw Ereport.error("42712", "WITH query name \"" + cte.ctename() + "\" specified more than once",
                            cte.location());
                }
            }
            if (!(cte.ctequery() instanceof SelectStmt stmt)) {
                ps.ctes.add(modifying(cte, ps));
                continue;
            }
            if (cte.searchClause() != null || cte.cycleClause() != null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "SEARCH and CYCLE clauses are not supported yet",
                        cte.location());
            }
            CteDef def = new CteDef(cte.ctename());
            if (with.recursive() && stmt.op() == SetOperation.UNION && stmt.sortClause().isEmpty()
                    && stmt.limitCount() == null && refersTo(stmt.rarg(), cte.ctename())) {
                recursive(def, cte, stmt, ps);
            } else {
                Query q = analyzer.analyzeAt(stmt, ps.fromItemLevel(false));
                def.query = q;
                setColumns(def, cte, q);
            }
            ps.ctes.add(def);
        }
    }

    /**
     * A data-modifying WITH query: analyzed as a statement of its own (with the statement's
     * parameters); its columns are its RETURNING list's. It must belong to the top level.
     */
    private static CteDef modifying(CommonTableExpr cte, ParseState ps) {
        if (ps.shared.modifying == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "data-modifying statements in WITH are not supported yet",
                    cte.location());
        }
        if (ps.parent != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "WITH clause containing a data-modifying statement must be at the top level", cte.location());
        }
        if (cte.searchClause() != null || cte.cycleClause() != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "SEARCH and CYCLE clauses are not supported yet",
                    cte.location());
        }
        ParseState level = ps.sibling();
        level.ctes.addAll(ps.ctes);                                   // earlier WITH queries are visible to it
        org.tusk.engine.commands.DmlCommand command =
                ps.shared.modifying.analyze((org.tusk.engine.nodes.RawStmt) cte.ctequery(), level);
        CteDef def = new CteDef(cte.ctename());
        def.modifying = command;
        def.columnNames = new ArrayList<>();
        def.columnTypes = new ArrayList<>();
        def.columnTypmods = new ArrayList<>();
        List<org.tusk.api.engine.Column> columns = command.resultColumns() == null ? List.of() : command.resultColumns();
        List<String> aliases = cte.aliascolnames();
        if (aliases != null && aliases.size() > columns.size()) {
            throw Ereport.error("42P10", "WITH query \"" + def.name + "\" has " + columns.size()
                    + " columns available but " + aliases.size() + " columns specified", cte.location());
        }
        for (int i = 0; i < columns.size(); i++) {
            org.tusk.api.engine.Column c = columns.get(i);
            PgType type = PgType.byOid(c.typeOid());
            if (type == null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "RETURNING a column of type " + c.typeOid()
                        + " from a WITH query is not supported yet", cte.location());
            }
            def.columnNames.add(aliases != null && i < aliases.size() ? aliases.get(i) : c.name());
            def.columnTypes.add(type);
            def.columnTypmods.add(c.typmod());
        }
        return def;
    }

    private void recursive(CteDef def, CommonTableExpr cte, SelectStmt stmt, ParseState ps) {
        def.recursive = true;
        def.unionAll = stmt.all();
        if (refersTo(stmt.larg(), cte.ctename())) {
            throw Ereport.error("42P19", "recursive reference to query \"" + cte.ctename()
                    + "\" must not appear within its non-recursive term", cte.location());
        }
        Query nonRec = analyzer.analyzeAt(stmt.larg(), ps.fromItemLevel(false));
        setColumns(def, cte, nonRec);
        def.nonRecursive = nonRec;
        ps.ctes.add(def);
        def.inRecursiveTerm = true;
        Query rec;
        try {
            rec = analyzer.analyzeAt(stmt.rarg(), ps.fromItemLevel(false));
        } finally {
            def.inRecursiveTerm = false;
            ps.ctes.remove(def);
        }
        if (rec.targets().size() != def.columnTypes.size()) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "each UNION query must have the same number of columns",
                    cte.location());
        }
        for (int i = 0; i < def.columnTypes.size(); i++) {
            TargetEntry t = rec.targets().get(i);
            PgType want = def.columnTypes.get(i);
            if (t.expr().type() != want) {
                Expr c = ea.coerce(t.expr(), want, -1, CastContext.IMPLICIT);
                if (c == null || t.expr().type() != PgType.UNKNOWN) {
                    int loc = i < nonRec.targetLocations.size() ? nonRec.targetLocations.get(i) : cte.location();
                    throw new org.tusk.api.error.PgException(org.tusk.api.error.Severity.ERROR, SqlState.DATATYPE_MISMATCH,
                            "recursive query \"" + def.name + "\" column " + (i + 1) + " has type " + want.displayName()
                                    + " in non-recursive term but type " + t.expr().type().displayName() + " overall", null,
                            "Cast the output of the non-recursive term to the correct type.", loc + 1, null);
                }
                rec.targetList.set(i, new TargetEntry(t.name(), c, t.tableOid(), t.attnum()));
            }
        }
        def.recursiveTerm = rec;
    }

    private static void setColumns(CteDef def, CommonTableExpr cte, Query q) {
        def.columnNames = new ArrayList<>();
        def.columnTypes = new ArrayList<>();
        def.columnTypmods = new ArrayList<>();
        List<String> aliases = cte.aliascolnames();
        if (aliases != null && aliases.size() > q.targets().size()) {
            throw Ereport.error("42P10", "WITH query \"" + def.name + "\" has " + q.targets().size()
                    + " columns available but " + aliases.size() + " columns specified", cte.location());
        }
        for (int i = 0; i < q.targets().size(); i++) {
            TargetEntry t = q.targets().get(i);
            def.columnNames.add(aliases != null && i < aliases.size() ? aliases.get(i) : t.name());
            def.columnTypes.add(t.expr().type());
            def.columnTypmods.add(t.expr().typmod());
        }
    }

    /** Whether the statement mentions the name as a relation anywhere (a cheap, conservative self-reference test). */
    private static boolean refersTo(Object node, String name) {
        if (node == null) {
            return false;
        }
        if (node instanceof org.tusk.engine.nodes.RangeVar rv) {
            return rv.schemaname() == null && rv.relname().equals(name);
        }
        if (node instanceof List<?> l) {
            for (Object o : l) {
                if (refersTo(o, name)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof Record r) {
            for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    if (refersTo(c.getAccessor().invoke(r), name)) {
                        return true;
                    }
                } catch (ReflectiveOperationException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
