package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.nodes.ViewStmt;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.types.PgType;
import org.tusk.lmgr.LockMode;

/**
 * CREATE [OR REPLACE] VIEW (view.c's DefineView): a pg_class row of relkind
 * 'v' with no storage, pg_attribute rows for the analyzed query's output
 * columns, its rowtype, and the {@code _RETURN} rule in pg_rewrite whose
 * ev_action holds the SELECT as pg_get_viewdef prints it (the engine keeps
 * SQL text, re-analyzed when the view is used — see func/sysinfo/README.md).
 * pg_depend: the rule is internal to the view ('i') and normally depends on
 * every relation the query reads ('n'), so DROP TABLE sees the view.
 */
public final class CreateView {

    /** The analyzed SELECT: output columns (unknown literals already made text) and the relations read. */
    public record AnalyzedView(List<RelationColumn> columns, Set<Long> relations,
            java.util.function.Function<List<String>, String> deparsed) {
        public AnalyzedView(List<RelationColumn> columns, Set<Long> relations) {
            this(columns, relations, null);
        }
    }

    /** Parse analysis of the view's query in the creating session. */
    @FunctionalInterface
    public interface ViewAnalyzer {
        AnalyzedView analyze(SelectStmt query);
    }

    private CreateView() {
    }

    public static String execute(DdlContext ctx, ViewStmt stmt, String sourceText, ViewAnalyzer analyzer) {
        String name = stmt.view().relname();
        int ns = Naming.creationNamespace(ctx, stmt.view());
        if (!(stmt.query() instanceof SelectStmt select)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "this kind of view query is not supported");
        }
        AnalyzedView analyzed = analyzer.analyze(select);
        List<RelationColumn> columns = new ArrayList<>(analyzed.columns());
        List<String> aliases = stmt.aliases() == null ? List.of() : stmt.aliases();
        if (aliases.size() > columns.size()) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
        }
        for (int i = 0; i < aliases.size(); i++) {
            RelationColumn c = columns.get(i);
            columns.set(i, new RelationColumn(aliases.get(i), c.type(), c.typmod()));
        }
        Set<String> seen = new HashSet<>();
        for (RelationColumn c : columns) {
            if (!seen.add(c.name())) {
                throw Ereport.error(DdlStates.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
            }
        }
        // pg_get_viewdef's text of the analyzed query when it can be printed (and parses back to
        // the same columns); otherwise the statement's own SELECT
        String definition = null;
        if (analyzed.deparsed() != null) {
            List<String> names = new ArrayList<>();
            for (RelationColumn c : columns) {
                names.add(c.name());
            }
            definition = analyzed.deparsed().apply(names);
        }
        if (definition == null) {
            definition = definition(sourceText);
        }

        Integer existing = Naming.relationIn(ctx, name, ns);
        if (existing != null) {
            if (!stmt.replace()) {
                throw Naming.alreadyExists("relation", name, -1);
            }
            RelationDesc old = ctx.relcache().open(existing, LockMode.ACCESS_EXCLUSIVE);
            if (old.kind() != 'v') {
                throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a view");
            }
            replace(ctx, old, columns, definition, analyzed.relations());
            CreateTable.updateClass(ctx, existing, "reloptions", viewOptions(stmt));
            ctx.commandCounterIncrement();
            ctx.relcache().invalidate(existing);
            return "CREATE VIEW";
        }
        long[] reserved = reservedRowType(ctx, name, ns);
        if (reserved == null && Naming.typeExists(ctx, name, ns)) {
            throw Ereport.error(SqlState.DUPLICATE_OBJECT, "type \"" + name + "\" already exists")
                    .withHint("A relation has an associated type of the same name, so you must use a name that doesn't conflict with any existing type.");
        }
        int relOid = reserved != null ? (int) reserved[0] : ctx.newRelationOid();
        long rowType = reserved != null ? reserved[1] : ctx.newOid();
        long arrayType = reserved != null ? 0 : ctx.newOid();
        Map<String, Object> cls = new HashMap<>();
        cls.put("oid", (long) relOid);
        cls.put("relname", name);
        cls.put("relnamespace", (long) ns);
        cls.put("reltype", rowType);
        cls.put("relowner", ctx.userOid() == 0 ? 10L : ctx.userOid());
        cls.put("relam", 0L);
        cls.put("relfilenode", 0L);
        cls.put("reltuples", -1f);
        cls.put("relpersistence", ns != 0 && ns == ctx.relcache().tempNamespace() ? "t" : "p");
        cls.put("relkind", "v");
        cls.put("reloptions", viewOptions(stmt));
        cls.put("relnatts", (short) columns.size());
        cls.put("relhasrules", true);
        cls.put("relispopulated", true);
        cls.put("relreplident", "n");
        cls.put("relfrozenxid", 0L);
        cls.put("relminmxid", 0L);
        ctx.insert(SystemCatalogs.PG_CLASS, cls);
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, relOid, 0, SystemCatalogs.PG_NAMESPACE, ns, 0, "n");
        for (int i = 0; i < columns.size(); i++) {
            RelationColumn c = columns.get(i);
            CreateTable.insertAttribute(ctx, relOid, i + 1, c.name(), c.type().oid(), c.typmod(), false);
        }
        if (reserved == null) {
            CreateTable.createRowType(ctx, name, ns, relOid, rowType, arrayType);
        }

        long ruleOid = ctx.newOid();
        Map<String, Object> rule = new HashMap<>();
        rule.put("oid", ruleOid);
        rule.put("rulename", "_RETURN");
        rule.put("ev_class", (long) relOid);
        rule.put("ev_type", "1");
        rule.put("ev_enabled", "O");
        rule.put("is_instead", true);
        rule.put("ev_qual", "<>");
        rule.put("ev_action", definition);
        ctx.insert(SystemCatalogs.PG_REWRITE, rule);
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_REWRITE, ruleOid, 0, SystemCatalogs.PG_CLASS, relOid, 0, "i");
        recordReferences(ctx, ruleOid, relOid, analyzed.relations());
        ctx.commandCounterIncrement();
        return "CREATE VIEW";
    }

    /**
     * A system view's rowtype that the bootstrap facts already hold (pg_type.csv has PostgreSQL's
     * rows for pg_roles, pg_tables...: typrelid names a pg_class OID that no row has yet): the view
     * takes that relation OID and type, as initdb's does. {relation OID, type OID}, or null.
     */
    private static long[] reservedRowType(DdlContext ctx, String name, int ns) {
        Catalog type = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        int nameCol = type.columnIndex("typname");
        int nsCol = type.columnIndex("typnamespace");
        long nsOid = ns;
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_TYPE, r -> name.equals(r[nameCol]) && nsOid == (Long) r[nsCol])) {
            long relid = (Long) t.get(type, "typrelid");
            if ("c".equals(t.get(type, "typtype")) && relid != 0
                    && ctx.rowsWhere(SystemCatalogs.PG_CLASS, "oid", relid).isEmpty()) {
                return new long[] {relid, (Long) t.get(type, "oid")};
            }
        }
        return null;
    }

    /** CREATE OR REPLACE of an existing view: the old columns must stay (checkViewTupleDesc); new ones may follow. */
    private static void replace(DdlContext ctx, RelationDesc old, List<RelationColumn> columns, String definition,
            Set<Long> relations) {
        List<AttributeDesc> oldColumns = old.liveAttributes();
        if (columns.size() < oldColumns.size()) {
            throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "cannot drop columns from view");
        }
        for (int i = 0; i < oldColumns.size(); i++) {
            AttributeDesc was = oldColumns.get(i);
            RelationColumn now = columns.get(i);
            if (!was.name().equals(now.name())) {
                throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "cannot change name of view column \""
                        + was.name() + "\" to \"" + now.name() + "\"")
                        .withHint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
            }
            if (was.typeOid() != now.type().oid() || was.typmod() != now.typmod()) {
                PgType wasType = PgType.byOid(was.typeOid());
                throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "cannot change data type of view column \""
                        + was.name() + "\" from " + (wasType == null ? String.valueOf(was.typeOid())
                                : wasType.displayName(was.typmod())) + " to " + now.type().displayName(now.typmod()));
            }
        }
        int relOid = old.oid();
        for (int i = oldColumns.size(); i < columns.size(); i++) {
            RelationColumn c = columns.get(i);
            CreateTable.insertAttribute(ctx, relOid, i + 1, c.name(), c.type().oid(), c.typmod(), false);
        }
        CreateTable.updateClass(ctx, relOid, "relnatts", (short) columns.size());
        Catalog rw = SystemCatalogs.require(SystemCatalogs.PG_REWRITE);
        int evClass = rw.columnIndex("ev_class");
        int rulename = rw.columnIndex("rulename");
        long ruleOid = 0;
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_REWRITE,
                r -> r[evClass] instanceof Long l && l == relOid && "_RETURN".equals(r[rulename]))) {
            Object[] row = t.values().clone();
            row[rw.columnIndex("ev_action")] = definition;
            ctx.access().update(SystemCatalogs.PG_REWRITE, t.tid(), row);
            ruleOid = (Long) t.get(rw, "oid");
        }
        // the rule's normal dependencies are replaced by the new query's
        Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
        int cls = dep.columnIndex("classid");
        int obj = dep.columnIndex("objid");
        int type = dep.columnIndex("deptype");
        long rule = ruleOid;
        ctx.deleteWhere(SystemCatalogs.PG_DEPEND, r -> (Long) r[cls] == SystemCatalogs.PG_REWRITE
                && (Long) r[obj] == rule && "n".equals(r[type]));
        recordReferences(ctx, ruleOid, relOid, relations);
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(relOid);
    }

    /**
     * The view's pg_class.reloptions: WITH (check_option=..., security_barrier=...) and WITH [LOCAL |
     * CASCADED] CHECK OPTION, which DefineView turns into check_option=local/cascaded; null when none.
     */
    static Object[] viewOptions(ViewStmt stmt) {
        List<String> out = new ArrayList<>();
        if (stmt.options() != null) {
            for (org.tusk.engine.nodes.DefElem d : stmt.options()) {
                String value = d.arg() instanceof org.tusk.engine.nodes.AConst k ? k.val() : d.arg() == null ? "true"
                        : d.arg() instanceof org.tusk.engine.nodes.TypeName t ? String.join(".", t.names())
                        : String.valueOf(d.arg());
                if (d.defname().equals("check_option")) {
                    if (!value.equalsIgnoreCase("local") && !value.equalsIgnoreCase("cascaded")) {
                        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for enum option \"check_option\": "
                                + value).withDetail("Valid values are \"local\" and \"cascaded\".");
                    }
                    value = value.toLowerCase(java.util.Locale.ROOT);
                } else if (!d.defname().equals("security_barrier") && !d.defname().equals("security_invoker")) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + d.defname() + "\"");
                }
                out.removeIf(o -> o.startsWith(d.defname() + "="));
                out.add(d.defname() + "=" + value);
            }
        }
        if (stmt.withCheckOption() != null && stmt.withCheckOption() != org.tusk.engine.nodes.ViewCheckOption.NO_CHECK_OPTION) {
            out.removeIf(o -> o.startsWith("check_option="));
            out.add("check_option=" + (stmt.withCheckOption() == org.tusk.engine.nodes.ViewCheckOption.LOCAL_CHECK_OPTION
                    ? "local" : "cascaded"));
        }
        return out.isEmpty() ? null : out.toArray();
    }

    private static void recordReferences(DdlContext ctx, long ruleOid, int viewOid, Set<Long> relations) {
        for (long rel : relations) {
            if (rel != viewOid && rel >= 16384) {     // built-in objects are pinned, as in PostgreSQL
                CreateTable.recordDependency(ctx, SystemCatalogs.PG_REWRITE, ruleOid, 0, SystemCatalogs.PG_CLASS, rel,
                        0, "n");
            }
        }
    }

    private static final Pattern CHECK_OPTION = Pattern.compile(
            "(?is)\\s+with\\s+(?:(?:cascaded|local)\\s+)?check\\s+option\\s*$");

    /**
     * The SELECT of a CREATE VIEW statement's text (what follows the top-level AS), as
     * ev_action stores it: a leading space and a trailing ';', like pg_get_viewdef.
     */
    static String definition(String statementText) {
        String sql = statementText.strip();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).stripTrailing();
        }
        int view = SourceText.afterKeyword(sql, 0, "view");
        int depth = 0;
        int start = -1;
        for (int i = Math.max(0, view); i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = SourceText.skipQuoted(sql, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && (c == 'a' || c == 'A') && i + 2 <= sql.length()
                    && sql.regionMatches(true, i, "as", 0, 2)
                    && (i == 0 || !SourceText.identChar(sql.charAt(i - 1)))
                    && (i + 2 == sql.length() || !SourceText.identChar(sql.charAt(i + 2)))) {
                start = i + 2;
                break;
            }
        }
        if (start < 0) {
            throw Ereport.error(SqlState.INTERNAL_ERROR, "could not find the query of CREATE VIEW");
        }
        String query = sql.substring(start);
        Matcher m = CHECK_OPTION.matcher(query);
        if (m.find()) {
            query = query.substring(0, m.start());
        }
        return " " + query.strip() + ";";
    }
}
