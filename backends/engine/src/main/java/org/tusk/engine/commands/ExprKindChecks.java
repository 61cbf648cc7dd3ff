package org.tusk.engine.commands;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.FuncCall;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.nodes.SubLink;

/**
 * The rules PostgreSQL's transformExpr applies by ParseExprKind to the expressions of
 * utility statements that Tusk keeps as text (column DEFAULTs, partition key expressions,
 * partition bound values): which of column references, subqueries, aggregates, window
 * functions and set-returning functions each kind refuses, with parse_expr.c's,
 * parse_agg.c's and parse_func.c's messages. The raw tree is walked in the order
 * transformExpr visits it (a call's arguments before the call), so the first offence
 * PostgreSQL would report is the one reported.
 */
final class ExprKindChecks {

    /** A ParseExprKind: its name in the messages and whether its errors carry a position. */
    enum Kind {
        /** EXPR_KIND_COLUMN_DEFAULT. */
        COLUMN_DEFAULT("DEFAULT expressions", "DEFAULT expression", "cannot use column reference in DEFAULT expression",
                true),
        /** EXPR_KIND_PARTITION_EXPRESSION (transformPartitionSpec's parse state has no source text: no positions). */
        PARTITION_EXPRESSION("partition key expressions", "partition key expression", null, false),
        /** EXPR_KIND_PARTITION_BOUND. */
        PARTITION_BOUND("partition bound", "partition bound", "cannot use column reference in partition bound expression",
                true);

        final String plural;
        final String singular;
        final String columnRefMessage;
        final boolean positions;

        Kind(String plural, String singular, String columnRefMessage, boolean positions) {
            this.plural = plural;
            this.singular = singular;
            this.columnRefMessage = columnRefMessage;
            this.positions = positions;
        }
    }

    private static final int PG_PROC = 1255;
    private static final int SQL_LANGUAGE = 14;

    private final DdlContext ctx;
    private final Kind kind;

    private ExprKindChecks(DdlContext ctx, Kind kind) {
        this.ctx = ctx;
        this.kind = kind;
    }

    /** Reports the first construct {@code kind} does not allow in {@code node}. */
    static void check(DdlContext ctx, RawNode node, Kind kind) {
        new ExprKindChecks(ctx, kind).walk(node);
    }

    private int at(int location) {
        return kind.positions ? location : -1;
    }

    private void walk(Object node) {
        if (node == null) {
            return;
        }
        if (node instanceof ColumnRef ref) {
            if (kind.columnRefMessage != null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, kind.columnRefMessage, at(ref.location()));
            }
            return;
        }
        if (node instanceof SubLink sub) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in " + kind.singular,
                    at(sub.location()));
        }
        if (node instanceof SelectStmt) {
            return;
        }
        if (node instanceof FuncCall f) {
            walk(f.args());
            walk(f.aggOrder());
            walk(f.aggFilter());
            if (f.over() != null) {
                throw Ereport.error("42P20", "window functions are not allowed in " + kind.plural, at(f.location()));
            }
            List<CatalogTuple> procs = procs(ctx, f.lastName(), f.args().size());
            SystemCatalogs.Catalog pgProc = SystemCatalogs.require(PG_PROC);
            if (!procs.isEmpty() && procs.stream().allMatch(p -> "a".equals(p.get(pgProc, "prokind")))) {
                throw Ereport.error(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + kind.plural,
                        at(f.location()));
            }
            if (!procs.isEmpty() && procs.stream().allMatch(p -> Boolean.TRUE.equals(p.get(pgProc, "proretset")))) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in "
                        + kind.plural, at(f.location()));
            }
            return;
        }
        anyChild(node, child -> {
            walk(child);
            return false;
        });
    }

    /**
     * Whether {@code test} holds for a child of a raw node: the elements of a list, or the
     * node-valued components of a record (the parser's nodes are records), in order; stops at
     * the first child it holds for.
     */
    private static boolean anyChild(Object node, Predicate<Object> test) {
        if (node instanceof Collection<?> list) {
            for (Object o : list) {
                if (test.test(o)) {
                    return true;
                }
            }
            return false;
        }
        if (!node.getClass().isRecord()) {
            return false;
        }
        for (RecordComponent c : node.getClass().getRecordComponents()) {
            Class<?> t = c.getType();
            if (t.isPrimitive() || t == String.class || t.isEnum()) {
                continue;
            }
            try {
                if (test.test(c.getAccessor().invoke(node))) {
                    return true;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c, e);
            }
        }
        return false;
    }

    /** The pg_proc rows a call of {@code name} with {@code nargs} arguments may mean (variadics aside). */
    static List<CatalogTuple> procs(DdlContext ctx, String name, int nargs) {
        SystemCatalogs.Catalog pgProc = SystemCatalogs.require(PG_PROC);
        int nameCol = pgProc.columnIndex("proname");
        int nargsCol = pgProc.columnIndex("pronargs");
        int defaultsCol = pgProc.columnIndex("pronargdefaults");
        return ctx.rows(PG_PROC, r -> name.equals(r[nameCol]) && ((Number) r[nargsCol]).intValue() >= nargs
                && ((Number) r[nargsCol]).intValue() - ((Number) r[defaultsCol]).intValue() <= nargs);
    }

    /**
     * contain_mutable_functions after expression_planner, over a raw tree: a call is
     * immutable when one of the functions it may mean is; a SQL function whose body is a
     * single {@code SELECT expression} is looked into instead, as the planner would inline
     * it first.
     */
    static boolean containsMutableFunctions(DdlContext ctx, Object node, int depth) {
        if (node == null || depth > 20) {
            return false;
        }
        if (node instanceof FuncCall f) {
            for (RawNode a : f.args()) {
                if (containsMutableFunctions(ctx, a, depth)) {
                    return true;
                }
            }
            List<CatalogTuple> procs = procs(ctx, f.lastName(), f.args().size());
            if (procs.isEmpty()) {
                return false;
            }
            SystemCatalogs.Catalog pgProc = SystemCatalogs.require(PG_PROC);
            boolean immutable = false;
            for (CatalogTuple p : procs) {
                if ("i".equals(p.get(pgProc, "provolatile"))) {
                    immutable = true;
                } else if (((Number) p.get(pgProc, "prolang")).intValue() == SQL_LANGUAGE
                        && !Boolean.TRUE.equals(p.get(pgProc, "proretset"))) {
                    RawNode body = inlinableBody((String) p.get(pgProc, "prosrc"));
                    immutable |= body != null && !containsMutableFunctions(ctx, body, depth + 1);
                }
            }
            return !immutable;
        }
        if (node instanceof SubLink || node instanceof SelectStmt) {
            return false;
        }
        return anyChild(node, child -> containsMutableFunctions(ctx, child, depth));
    }

    /** The expression of a SQL function body {@code SELECT expr} without FROM (inline_function's shape), or null. */
    static RawNode inlinableBody(String prosrc) {
        if (prosrc == null) {
            return null;
        }
        try {
            var parsed = org.tusk.engine.parser.Parser.parse(prosrc);
            if (parsed.size() != 1 || !(parsed.get(0).stmt() instanceof SelectStmt s) || s.targetList() == null
                    || s.targetList().size() != 1 || (s.fromClause() != null && !s.fromClause().isEmpty())
                    || s.whereClause() != null) {
                return null;
            }
            return s.targetList().get(0).val();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether the raw tree references any column (after looking into inlinable SQL functions' arguments only). */
    static boolean mentionsColumns(Object node) {
        if (node == null) {
            return false;
        }
        if (node instanceof ColumnRef) {
            return true;
        }
        return anyChild(node, child -> mentionsColumns(child));
    }
}
