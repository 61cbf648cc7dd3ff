package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.api.engine.Column;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.guc.GucSettings;
import org.tusk.engine.guc.GucVariable;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.ConstKind;
import org.tusk.engine.nodes.DiscardStmt;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.TransactionStmt;
import org.tusk.engine.nodes.UnsupportedStmt;
import org.tusk.engine.nodes.VariableSetKind;
import org.tusk.engine.nodes.VariableSetStmt;
import org.tusk.engine.nodes.VariableShowStmt;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.commands.CommentCommand;
import org.tusk.engine.commands.CreateTable;
import org.tusk.engine.commands.DdlContext;
import org.tusk.engine.commands.DefineIndex;
import org.tusk.engine.commands.DropObjects;
import org.tusk.engine.commands.SchemaCommands;
import org.tusk.engine.commands.TruncateTable;
import org.tusk.engine.nodes.CommentStmt;
import org.tusk.engine.nodes.CreateSchemaStmt;
import org.tusk.engine.nodes.CreateStmt;
import org.tusk.engine.nodes.DropStmt;
import org.tusk.engine.nodes.IndexStmt;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.TruncateStmt;
import org.tusk.engine.types.PgType;

/** ProcessUtility for the commands the engine runs: SET, RESET, SHOW, transaction control, DISCARD. */
final class UtilityCommands {
    private final TuskSession session;

    UtilityCommands(TuskSession session) {
        this.session = session;
    }

    /** The result columns a utility statement will return (UtilityTupleDescriptor), or null. */
    List<Column> describe(RawStmt stmt) {
        if (stmt instanceof VariableShowStmt show) {
            if (show.name().equals("all")) {
                return List.of(textColumn("name"), textColumn("setting"), textColumn("description"));
            }
            GucVariable v = session.guc().find(show.name());
            if (v == null) {
                throw GucSettings.unrecognized(show.name());
            }
            return List.of(textColumn(v.name()));
        }
        if (stmt instanceof UnsupportedStmt u) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, u.commandName() + " is not supported yet", u.location());
        }
        if (stmt instanceof org.tusk.engine.nodes.ExplainStmt) {
            return List.of(textColumn("QUERY PLAN"));
        }
        if (stmt instanceof org.tusk.engine.nodes.FetchStmt fetch && !fetch.ismove()) {
            Cursor c = session.cursors().find(fetch.portalname());
            return c == null ? null : c.columns;
        }
        return null;
    }

    private static Column textColumn(String name) {
        return new Column(name, 0, (short) 0, PgType.TEXT.oid(), PgType.TEXT.typlen(), -1, (short) 0);
    }

    UtilityResult execute(ParsedStatement parsed) {
        RawStmt stmt = parsed.stmt();
        if (stmt instanceof org.tusk.engine.nodes.ExplainStmt e) {
            return new UtilityResult("EXPLAIN", session.explain(e));
        }
        if (stmt instanceof VariableSetStmt set) {
            UtilityResult r = set(set);
            for (VariableSetStmt more : set.more()) {
                set(more);
            }
            return r;
        }
        if (stmt instanceof VariableShowStmt show) {
            if (show.name().equals("all")) {
                List<Object[]> rows = new ArrayList<>();
                for (String[] r : session.guc().showAll()) {
                    rows.add(new Object[] {r[0], r[1], r[2]});
                }
                return new UtilityResult("SHOW", rows);
            }
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {session.guc().show(show.name())});
            return new UtilityResult("SHOW", rows);
        }
        if (stmt instanceof TransactionStmt t) {
            return UtilityResult.of(session.transactionCommand(t));
        }
        if (stmt instanceof DiscardStmt d) {
            return SessionUtilityCommands.discard(session, d);
        }
        UtilityResult session = SessionUtilityCommands.execute(this.session, parsed);
        if (session != null) {
            return session;
        }
        String acl = roleOrGrant(stmt);
        if (acl != null) {
            return UtilityResult.of(acl);
        }
        String db = databaseCommand(parsed);
        if (db != null) {
            return UtilityResult.of(db);
        }
        String ddl = ddl(parsed);
        if (ddl != null) {
            return UtilityResult.of(ddl);
        }
        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, stmt.commandName() + " is not supported yet");
    }

    /** CREATE/DROP DATABASE, ALTER DATABASE SET (dbcommands.c); null if {@code parsed} is none of them. */
    private String databaseCommand(ParsedStatement parsed) {
        RawStmt stmt = parsed.stmt();
        if (!(stmt instanceof org.tusk.engine.nodes.CreatedbStmt || stmt instanceof org.tusk.engine.nodes.DropdbStmt
                || stmt instanceof org.tusk.engine.nodes.AlterDatabaseSetStmt)) {
            return null;
        }
        if (session.storage() == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, stmt.commandName() + " needs storage");
        }
        if (!(stmt instanceof org.tusk.engine.nodes.AlterDatabaseSetStmt) && session.inTransactionBlockOrImplicit()) {
            // PreventInTransactionBlock: the copy and the removal of files cannot be rolled back
            throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION,
                    stmt.commandName() + " cannot run inside a transaction block");
        }
        DdlContext ctx = new DdlContext(session.storage(),
                new CatalogAccess(session.storage(), session.isolationLevel()), session.relcache(),
                session.searchPath(), parsed.queryString(), session.currentUser(), session.host()::notice);
        int myDb = session.storage().databaseOid();
        int myPid = session.host().backend().pid();
        List<org.tusk.api.backend.BackendActivity> sessions = session.host().backend().activitySnapshot();
        if (stmt instanceof org.tusk.engine.nodes.CreatedbStmt c) {
            return org.tusk.engine.commands.DatabaseCommands.create(ctx, c, myDb, myPid, sessions);
        }
        if (stmt instanceof org.tusk.engine.nodes.DropdbStmt d) {
            return org.tusk.engine.commands.DatabaseCommands.drop(ctx, d, myDb, sessions, myPid);
        }
        org.tusk.engine.nodes.AlterDatabaseSetStmt a = (org.tusk.engine.nodes.AlterDatabaseSetStmt) stmt;
        VariableSetStmt set = a.setstmt();
        String name = set.kind() == VariableSetKind.RESET_ALL ? null : set.name();
        String value = null;
        if (set.kind() == VariableSetKind.VALUE) {
            if (session.guc().find(name) == null) {
                throw GucSettings.unrecognized(name);
            }
            value = flatten(name, set.args());
            name = session.guc().find(name).name();     // stored under the canonical name (GUCArrayAdd)
        }
        return org.tusk.engine.commands.DatabaseCommands.alterSet(ctx, a.dbname(), name, value);
    }

    /** The session's roles for commands: ownership as its current user has it (superusers pass), names from its store. */
    private org.tusk.engine.commands.SessionRoles sessionRoles() {
        return new org.tusk.engine.commands.SessionRoles() {
            @Override
            public void checkRelationOwner(org.tusk.engine.relcache.RelationDesc rel) {
                org.tusk.engine.acl.AccessChecks.checkRelationOwner(session, rel);
            }

            @Override
            public void checkOwner(long owner, String kindWord, String name) {
                org.tusk.engine.acl.AccessChecks.checkOwner(session, owner, kindWord, name);
            }

            @Override
            public Long roleOid(String name) {
                org.tusk.api.auth.RoleRecord r = session.roleStore() == null ? null : session.roleStore().byName(name);
                return r == null ? null : r.oid();
            }
        };
    }

    /** What a catalog-changing command needs from the session, for {@code parsed}. */
    DdlContext ddlContext(ParsedStatement parsed) {
        return new DdlContext(session.storage(),
                new CatalogAccess(session.storage(), session.isolationLevel()), session.relcache(),
                session.searchPath(), parsed.queryString(), session.currentUser(), session.host()::notice);
    }

    /** The catalog-changing commands (ProcessUtilitySlow), run by {@code commands}; null if {@code parsed} is none. */
    private String ddl(ParsedStatement parsed) {
        RawStmt stmt = parsed.stmt();
        boolean isDdl = stmt instanceof CreateStmt || stmt instanceof IndexStmt || stmt instanceof TruncateStmt
                || stmt instanceof org.tusk.engine.nodes.ReindexStmt
                || stmt instanceof CreateSchemaStmt || stmt instanceof CommentStmt
                || stmt instanceof org.tusk.engine.nodes.RenameStmt rs && rs.renameType() == ObjectType.SCHEMA
                || stmt instanceof org.tusk.engine.nodes.AlterOwnerStmt ao && ao.objectType() == ObjectType.SCHEMA
                || stmt instanceof DropStmt d && (d.removeType() == ObjectType.TABLE || d.removeType() == ObjectType.INDEX
                        || d.removeType() == ObjectType.SCHEMA || d.removeType() == ObjectType.VIEW
                        || d.removeType() == ObjectType.SEQUENCE || d.removeType() == ObjectType.MATVIEW
                        || d.removeType() == ObjectType.FOREIGN_TABLE)
                || stmt instanceof org.tusk.engine.nodes.ViewStmt
                || stmt instanceof org.tusk.engine.nodes.RuleStmt
                || stmt instanceof DropStmt dr && dr.removeType() == ObjectType.RULE
                || stmt instanceof org.tusk.engine.nodes.CreatePolicyStmt
                || stmt instanceof org.tusk.engine.nodes.AlterPolicyStmt
                || stmt instanceof org.tusk.engine.nodes.CreateFunctionStmt
                || stmt instanceof org.tusk.engine.nodes.CreateTrigStmt
                || stmt instanceof org.tusk.engine.nodes.DefineStmt ds && ds.kind() == ObjectType.AGGREGATE
                || org.tusk.engine.commands.CreateOperator.handles(stmt)
                || org.tusk.engine.commands.TextSearchCommands.handles(stmt)
                || stmt instanceof org.tusk.engine.nodes.CreateConversionStmt
                || stmt instanceof DropStmt dt && dt.removeType() == ObjectType.TRIGGER
                || stmt instanceof DropStmt df && org.tusk.engine.commands.DropFunction.handles(df)
                || stmt instanceof DropStmt dc && org.tusk.engine.commands.DropCatalogObjects.handles(dc)
                || org.tusk.engine.commands.SequenceCommands.handles(stmt)
                || org.tusk.engine.commands.TypeCommands.handles(stmt)
                || org.tusk.engine.commands.CastCommands.handles(stmt)
                || org.tusk.engine.commands.OpClassCommands.handles(stmt)
                || org.tusk.engine.commands.AlterTable.handles(stmt)
                || org.tusk.engine.commands.AlterFunction.handles(stmt);
        if (!isDdl) {
            return null;
        }
        session.preventCommandIfReadOnly(stmt.commandName());
        if (session.storage() == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, stmt.commandName() + " needs storage");
        }
        DdlContext ctx = new DdlContext(session.storage(),
                new CatalogAccess(session.storage(), session.isolationLevel()), session.relcache(),
                session.searchPath(), parsed.queryString(), session.currentUser(), session.host()::notice,
                session.currentUserOid(), sessionRoles());
        if (stmt instanceof CreateStmt c) {
            checkCreateIn(c.relation().schemaname());
            return CreateTable.execute(ctx, c, sqlRunner());
        }
        if (stmt instanceof IndexStmt i) {
            if (i.concurrent() && session.inTransactionBlockOrImplicit()) {
                throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION,
                        "CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
            }
            return DefineIndex.execute(ctx, i, sqlRunner());
        }
        if (stmt instanceof DropStmt drop && drop.concurrent()) {
            // RemoveRelations: one index, no CASCADE, outside a transaction block
            if (drop.objects().size() != 1) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "DROP INDEX CONCURRENTLY does not support dropping multiple objects");
            }
            if (drop.behavior() == org.tusk.engine.nodes.DropBehavior.CASCADE) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "DROP INDEX CONCURRENTLY does not support CASCADE");
            }
            if (session.inTransactionBlock()) {
                throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION,
                        "DROP INDEX CONCURRENTLY cannot run inside a transaction block");
            }
        }
        if (stmt instanceof org.tusk.engine.nodes.ReindexStmt r) {
            if (r.kind() == org.tusk.engine.nodes.ReindexStmt.Kind.SCHEMA && r.name() != null
                    && ctx.relcache().namespaceOid(r.name()) != null) {
                org.tusk.engine.acl.AccessChecks.checkSchemaOwner(session, r.name());
            }
            return org.tusk.engine.commands.ReindexCommand.execute(ctx, r, sqlRunner(), session.inTransactionBlock(),
                    session.databaseName());
        }
        if (stmt instanceof org.tusk.engine.nodes.ViewStmt v) {
            checkCreateIn(v.view().schemaname());
            return org.tusk.engine.commands.CreateView.execute(ctx, v, parsed.sourceText(), this::analyzeView);
        }
        if (stmt instanceof org.tusk.engine.nodes.RuleStmt rs) {
            return org.tusk.engine.commands.RuleCommands.define(ctx, rs);
        }
        if (stmt instanceof org.tusk.engine.nodes.CreatePolicyStmt cp) {
            return org.tusk.engine.commands.PolicyCommands.create(ctx, cp,
                    rel -> org.tusk.engine.acl.AccessChecks.checkRelationOwner(session, rel));
        }
        if (stmt instanceof org.tusk.engine.nodes.AlterPolicyStmt ap) {
            return org.tusk.engine.commands.PolicyCommands.alter(ctx, ap,
                    rel -> org.tusk.engine.acl.AccessChecks.checkRelationOwner(session, rel));
        }
        if (stmt instanceof DropStmt dr && dr.removeType() == ObjectType.RULE) {
            return org.tusk.engine.commands.RuleCommands.drop(ctx, dr);
        }
        if (stmt instanceof org.tusk.engine.nodes.CreateFunctionStmt cf) {
            org.tusk.engine.commands.CreateFunction.Created created = org.tusk.engine.commands.CreateFunction.execute(ctx, cf);
            session.procs().validate(created.oid(), created.bodyOffset());
            return cf.commandName();
        }
        if (stmt instanceof org.tusk.engine.nodes.DefineStmt ds && ds.kind() == ObjectType.AGGREGATE) {
            return org.tusk.engine.commands.CreateAggregate.execute(ctx, ds);
        }
        if (org.tusk.engine.commands.CreateOperator.handles(stmt)) {
            return org.tusk.engine.commands.CreateOperator.execute(ctx, (org.tusk.engine.nodes.DefineStmt) stmt);
        }
        if (org.tusk.engine.commands.TextSearchCommands.handles(stmt)) {
            return org.tusk.engine.commands.TextSearchCommands.execute(ctx, (org.tusk.engine.nodes.DefineStmt) stmt);
        }
        if (stmt instanceof org.tusk.engine.nodes.CreateConversionStmt cc) {
            return org.tusk.engine.commands.CreateConversion.execute(ctx, cc);
        }
        if (stmt instanceof org.tusk.engine.nodes.CreateTrigStmt ct) {
            return org.tusk.engine.commands.CreateTrigger.execute(ctx, ct);
        }
        if (stmt instanceof DropStmt dt && dt.removeType() == ObjectType.TRIGGER) {
            return org.tusk.engine.commands.CreateTrigger.drop(ctx, dt);
        }
        if (stmt instanceof DropStmt df && org.tusk.engine.commands.DropFunction.handles(df)) {
            return org.tusk.engine.commands.DropFunction.execute(ctx, df);
        }
        if (stmt instanceof DropStmt dc && org.tusk.engine.commands.DropCatalogObjects.handles(dc)) {
            return org.tusk.engine.commands.DropCatalogObjects.execute(ctx, dc);
        }
        if (stmt instanceof TruncateStmt t) {
            checkTruncate(t);
            return TruncateTable.execute(ctx, t);
        }
        if (stmt instanceof CreateSchemaStmt s) {
            String tag = SchemaCommands.create(ctx, s);
            if (!s.schemaElts().isEmpty()) {
                runSchemaElements(parsed, s);
            }
            return tag;
        }
        if (stmt instanceof org.tusk.engine.nodes.RenameStmt rs && rs.renameType() == ObjectType.SCHEMA) {
            return SchemaCommands.rename(ctx, ((org.tusk.engine.nodes.AnyName) rs.object()).lastName(), rs.newname());
        }
        if (stmt instanceof org.tusk.engine.nodes.AlterOwnerStmt ao && ao.objectType() == ObjectType.SCHEMA) {
            return SchemaCommands.changeOwner(ctx, ((org.tusk.engine.nodes.AnyName) ao.object()).lastName(),
                    roleOid(ao.newowner()));
        }
        if (stmt instanceof CommentStmt c) {
            return CommentCommand.execute(ctx, c);
        }
        if (stmt instanceof org.tusk.engine.nodes.CreateSeqStmt cs) {
            checkCreateIn(cs.sequence().schemaname());
            return org.tusk.engine.commands.SequenceCommands.create(ctx, cs);
        }
        if (stmt instanceof org.tusk.engine.nodes.AlterSeqStmt as) {
            Integer seqOid = session.relcache().relationOid(as.sequence().schemaname(), as.sequence().relname(),
                    session.searchPath());
            org.tusk.engine.relcache.RelationDesc seq = seqOid == null ? null : session.relcache().byOid(seqOid);
            if (seq != null && seq.kind() == 'S') {
                org.tusk.engine.acl.AccessChecks.checkRelationOwner(session, seq);
            }
            return org.tusk.engine.commands.SequenceCommands.alter(ctx, as);
        }
        if (org.tusk.engine.commands.OpClassCommands.handles(stmt)) {
            return org.tusk.engine.commands.OpClassCommands.execute(ctx, stmt);
        }
        if (org.tusk.engine.commands.CastCommands.handles(stmt)) {
            return org.tusk.engine.commands.CastCommands.execute(ctx, stmt);
        }
        if (org.tusk.engine.commands.TypeCommands.handles(stmt)) {
            return org.tusk.engine.commands.TypeCommands.execute(ctx, stmt);
        }
        if (org.tusk.engine.commands.AlterTable.handles(stmt)) {
            return org.tusk.engine.commands.AlterTable.execute(ctx, stmt, parsed.sourceText(), sqlRunner());
        }
        if (org.tusk.engine.commands.AlterFunction.handles(stmt)) {
            return org.tusk.engine.commands.AlterFunction.execute(ctx, stmt);
        }
        return DropObjects.execute(ctx, (DropStmt) stmt);
    }

    /**
     * CREATE SCHEMA's elements (CreateSchemaCommand): in transformCreateSchemaStmt's order (sequences,
     * tables, views, indexes, triggers, grants, whatever order they were written in), each run as its own
     * utility statement with the new schema at the front of the search path, so unqualified names are
     * created in it and resolve there first.
     */
    private void runSchemaElements(ParsedStatement parsed, CreateSchemaStmt s) {
        String schema = s.schemaname() != null ? s.schemaname()
                : s.authrole() != null ? s.authrole().rolename() : session.currentUser();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < s.schemaElts().size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparingInt(i -> schemaElementRank(s.schemaElts().get(i))));
        List<String> path = new ArrayList<>();
        path.add(schema);
        path.addAll(session.searchPath());
        session.withSearchPath(path, () -> {
            for (int i : order) {
                boolean positioned = i < s.eltLocations().size();
                int location = positioned ? s.eltLocations().get(i) : parsed.location();
                String source = positioned ? s.eltSources().get(i) : parsed.sourceText();
                execute(new ParsedStatement(inSchema(s.schemaElts().get(i), schema), source, parsed.queryString(),
                        location));
            }
        });
    }

    /** get_rolespec_oid: a named role (42704 if there is none) or CURRENT_USER / SESSION_USER. */
    private long roleOid(org.tusk.engine.nodes.RoleSpec spec) {
        String name = switch (spec.roletype()) {
            case CSTRING -> spec.rolename();
            case CURRENT_USER, CURRENT_ROLE -> session.currentUser();
            case SESSION_USER -> session.sessionUser();
            default -> throw Ereport.error(SqlState.UNDEFINED_OBJECT, "role \"public\" does not exist");
        };
        org.tusk.api.auth.RoleRecord r = session.roleStore() == null ? null : session.roleStore().byName(name);
        if (r == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        }
        return r.oid();
    }

    /**
     * transformCreateSchemaStmt's setSchemaName for a CREATE TABLE element: its relation is created in the
     * new schema (what a SERIAL column's default then names); 42P15 if it names another schema.
     */
    private static RawStmt inSchema(RawStmt element, String schema) {
        if (!(element instanceof CreateStmt c)) {
            return element;
        }
        org.tusk.engine.nodes.RangeVar r = c.relation();
        if (r.schemaname() != null && !r.schemaname().equals(schema)) {
            throw Ereport.error("42P15", "CREATE specifies a schema (" + r.schemaname()
                    + ") different from the one being created (" + schema + ")");
        }
        org.tusk.engine.nodes.RangeVar qualified = new org.tusk.engine.nodes.RangeVar(r.catalogname(), schema,
                r.relname(), r.inh(), r.relpersistence(), r.alias(), r.location());
        return new CreateStmt(qualified, c.tableElts(), c.inhRelations(), c.partbound(), c.partspec(),
                c.ofTypename(), c.constraints(), c.options(), c.oncommit(), c.tablespacename(), c.accessMethod(),
                c.ifNotExists());
    }

    private static int schemaElementRank(RawStmt element) {
        if (element instanceof org.tusk.engine.nodes.CreateSeqStmt) {
            return 0;
        }
        if (element instanceof CreateStmt) {
            return 1;
        }
        if (element instanceof org.tusk.engine.nodes.ViewStmt) {
            return 2;
        }
        if (element instanceof IndexStmt) {
            return 3;
        }
        return element.commandName().startsWith("GRANT") || element.commandName().startsWith("REVOKE") ? 5 : 4;
    }

    /** Queries ALTER TABLE runs in this session's transaction (validation scans, per-row defaults). */
    private org.tusk.engine.commands.SqlRunner sqlRunner() {
        return new org.tusk.engine.commands.SqlRunner() {
            @Override
            public Object[] firstRow(String sql) {
                org.tusk.engine.analyze.Query query = analyzeOne(sql);
                org.tusk.engine.expr.EvalContext eval = new org.tusk.engine.expr.EvalContext(session, new Object[0]);
                return org.tusk.engine.executor.Executor.start(query, eval).next();
            }

            @Override
            public java.util.function.Function<Object[], Object> rowExpression(String sql, String table) {
                org.tusk.engine.analyze.Query query = analyzeOne("SELECT " + sql + " FROM " + table);
                org.tusk.engine.expr.Expr expr = query.targets().get(0).expr();
                org.tusk.engine.expr.EvalContext eval = new org.tusk.engine.expr.EvalContext(session, new Object[0]);
                return row -> {
                    eval.setRow(row);
                    return expr.eval(eval);
                };
            }

            @Override
            public org.tusk.engine.expr.Expr indexExpression(org.tusk.engine.nodes.RawNode node,
                    org.tusk.engine.relcache.RelationDesc table, boolean predicate) {
                return org.tusk.engine.analyze.IndexExpressions.analyze(session, session.typeContext(), table, node,
                        predicate);
            }

            @Override
            public org.tusk.engine.expr.Expr indexExpression(String text, org.tusk.engine.relcache.RelationDesc table,
                    boolean predicate) {
                return org.tusk.engine.analyze.IndexExpressions.compile(session, session.typeContext(), table, text,
                        predicate);
            }

            @Override
            public org.tusk.engine.analyze.PartitionBoundValue.Value boundValue(org.tusk.engine.nodes.RawNode node,
                    String typeName, String column) {
                return org.tusk.engine.analyze.PartitionBoundValue.evaluate(session.relations(), session,
                        session.typeContext(), node, typeName, column);
            }

            @Override
            public java.util.function.Function<Object[], Object> evaluator(org.tusk.engine.expr.Expr expr) {
                org.tusk.engine.expr.EvalContext eval = new org.tusk.engine.expr.EvalContext(session, new Object[0]);
                return row -> {
                    eval.setRow(row);
                    return expr.eval(eval);
                };
            }

            @Override
            public java.util.function.Supplier<Object> expression(String sql, String typeName) {
                org.tusk.engine.analyze.Query query = analyzeOne("SELECT " + (typeName == null ? "(" + sql + ")"
                        : "CAST((" + sql + ") AS " + typeName + ")"));
                org.tusk.engine.expr.Expr expr = query.targets().get(0).expr();
                org.tusk.engine.expr.EvalContext eval = new org.tusk.engine.expr.EvalContext(session, new Object[0]);
                return () -> expr.eval(eval);
            }
        };
    }

    /** Every row of a catalog SELECT run in this session's transaction (utility commands' lookups). */
    List<Object[]> queryAll(String sql) {
        org.tusk.engine.analyze.Query query = analyzeOne(sql);
        org.tusk.engine.expr.EvalContext eval = new org.tusk.engine.expr.EvalContext(session, new Object[0]);
        org.tusk.engine.executor.PlanState state = org.tusk.engine.executor.Executor.start(query, eval);
        try {
            List<Object[]> rows = new java.util.ArrayList<>();
            for (Object[] row; (row = state.next()) != null; ) {
                rows.add(row);
            }
            return rows;
        } finally {
            state.close();
        }
    }

    private org.tusk.engine.analyze.Query analyzeOne(String sql) {
        List<org.tusk.engine.parser.ParsedStatement> parsed = org.tusk.engine.parser.Parser.parse(sql);
        org.tusk.engine.nodes.SelectStmt select = (org.tusk.engine.nodes.SelectStmt) parsed.get(0).stmt();
        org.tusk.engine.catalog.SystemRelations relations = session.relations();
        return new org.tusk.engine.analyze.SelectAnalyzer(relations, session.typeContext())
                .analyze(select, new org.tusk.engine.analyze.ParseState(new int[0]));
    }

    /** A view's SELECT analyzed in this session, noting every relation name lookup resolves (its dependencies). */
    private org.tusk.engine.commands.CreateView.AnalyzedView analyzeView(org.tusk.engine.nodes.SelectStmt select) {
        java.util.Set<Long> read = new java.util.LinkedHashSet<>();
        org.tusk.engine.catalog.SystemRelations relations = session.relations();
        org.tusk.engine.analyze.SelectAnalyzer.RelationLookup lookup = (schema, name) -> {
            org.tusk.engine.catalog.VirtualRelation vr = relations.lookup(schema, name);
            if (vr == null) {
                return null;
            }
            if (vr instanceof org.tusk.engine.catalog.StoredRelation stored) {
                read.add((long) stored.relation().oid());
            }
            org.tusk.engine.planner.BaseRelation br = vr instanceof org.tusk.engine.planner.BaseRelation b ? b
                    : new org.tusk.engine.planner.VirtualBaseRelation(vr, 0);
            if (br.oid() != 0) {
                read.add(br.oid());
            }
            return br;
        };
        org.tusk.engine.analyze.ParseState pstate = new org.tusk.engine.analyze.ParseState(new int[0]);
        pstate.keepSubLinks();              // the query is only deparsed: its sublinks stay where they were written
        org.tusk.engine.analyze.Query query = new org.tusk.engine.analyze.SelectAnalyzer(lookup, session.typeContext())
                .analyze(select, pstate);
        List<org.tusk.engine.catalog.RelationColumn> columns = new java.util.ArrayList<>();
        for (org.tusk.engine.analyze.TargetEntry t : query.targets()) {
            org.tusk.engine.types.PgType type = t.expr().type();
            // PostgreSQL 15 makes an unknown-type output column text (a literal 'x' in the view's list)
            columns.add(type == org.tusk.engine.types.PgType.UNKNOWN
                    ? new org.tusk.engine.catalog.RelationColumn(t.name(), org.tusk.engine.types.PgType.TEXT, -1)
                    : new org.tusk.engine.catalog.RelationColumn(t.name(), type, t.expr().typmod()));
        }
        return new org.tusk.engine.commands.CreateView.AnalyzedView(columns, read,
                names -> deparsedView(query, pstate, names, columns, lookup));
    }

    /**
     * The view's query as pg_get_viewdef prints it (rewrite.QueryDeparser), or null when the
     * deparser does not know its shape or its text does not analyze back to the same columns.
     */
    private String deparsedView(org.tusk.engine.analyze.Query query, org.tusk.engine.analyze.ParseState pstate,
            List<String> names, List<org.tusk.engine.catalog.RelationColumn> columns,
            org.tusk.engine.analyze.SelectAnalyzer.RelationLookup lookup) {
        String text;
        try {
            text = org.tusk.engine.rewrite.QueryDeparser.viewDefinition(query, names, pstate::isExplicitCast);
        } catch (org.tusk.engine.rewrite.QueryDeparser.Unsupported e) {
            return null;
        }
        try {
            List<org.tusk.engine.parser.ParsedStatement> parsed = org.tusk.engine.parser.Parser.parse(text);
            if (parsed.size() != 1 || !(parsed.get(0).stmt() instanceof org.tusk.engine.nodes.SelectStmt again)) {
                return null;
            }
            org.tusk.engine.analyze.Query check = new org.tusk.engine.analyze.SelectAnalyzer(lookup, session.typeContext())
                    .analyze(again, new org.tusk.engine.analyze.ParseState(new int[0]));
            if (check.targets().size() != columns.size()) {
                return null;
            }
            for (int i = 0; i < columns.size(); i++) {
                org.tusk.engine.analyze.TargetEntry t = check.targets().get(i);
                org.tusk.engine.catalog.RelationColumn c = columns.get(i);
                if (!t.name().equals(names.get(i)) || t.expr().type() != c.type() || t.expr().typmod() != c.typmod()) {
                    return null;
                }
            }
            return text;
        } catch (RuntimeException e) {
            return null;     // kept as written: the deparser got this shape wrong
        }
    }

    /**
     * Role statements (CREATE/ALTER/DROP ROLE, GRANT/REVOKE role) against the session's role
     * store, and GRANT/REVOKE on objects against the catalogs; null if {@code stmt} is neither.
     */
    private String roleOrGrant(RawStmt stmt) {
        boolean role = org.tusk.engine.commands.role.RoleStatements.handles(stmt);
        if (!role && !(stmt instanceof org.tusk.engine.nodes.GrantStmt)) {
            return null;
        }
        org.tusk.api.auth.RoleStore store = session.roleStore();
        if (store == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, stmt.commandName() + " needs a role store");
        }
        if (role) {
            if (session.storage() != null) {
                session.transactionContext();   // the block's first statement may be this one: start it
                // CREATE/ALTER/DROP ROLE and GRANT role are transactional: undone at abort
                org.tusk.engine.storage.StorageTransaction txn = session.storage();
                store = new org.tusk.engine.commands.role.TransactionalRoleStore(store, txn::onAbort, txn::onCommit);
            }
            org.tusk.engine.commands.role.RoleCommands commands = new org.tusk.engine.commands.role.RoleCommands(
                    store, session.currentUserOid(), session.currentUserOid(), guc().get("password_encryption"),
                    session.host()::notice, org.tusk.engine.commands.role.RoleDependencies.NONE);
            return new org.tusk.engine.commands.role.RoleStatements(commands, store, session.currentUser(),
                    session.sessionUser(), session.typeContext().timeZone()).execute(stmt);
        }
        if (session.storage() == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, stmt.commandName() + " needs storage");
        }
        org.tusk.engine.acl.ObjectAcls acls = new org.tusk.engine.acl.ObjectAcls(session.catalogAccess(), store);
        return new org.tusk.engine.commands.grant.GrantCommand(acls, store, session.relcache(), session.searchPath(),
                session.currentUserOid(), session.currentUser(), session.host()::notice)
                .execute((org.tusk.engine.nodes.GrantStmt) stmt);
    }

    /** TRUNCATE privilege on every listed relation that exists (TruncateTable reports the missing ones). */
    private void checkTruncate(TruncateStmt t) {
        for (org.tusk.engine.nodes.RangeVar rv : t.relations()) {
            Integer oid = session.relcache().relationOid(rv.schemaname(), rv.relname(), session.searchPath());
            if (oid != null) {
                org.tusk.engine.acl.AccessChecks.checkRelation(session,
                        session.relcache().open(oid, org.tusk.lmgr.LockMode.ACCESS_EXCLUSIVE),
                        org.tusk.engine.acl.AclMode.TRUNCATE);
            }
        }
    }

    /** CREATE on the schema a new relation goes to: the named one, else the first existing one of search_path. */
    void checkCreateIn(String schema) {
        String target = schema;
        if (target == null) {
            for (String s : session.searchPath()) {
                if (!s.equals("pg_catalog") && session.relcache().namespaceOid(s) != null) {
                    target = s;
                    break;
                }
            }
        }
        if (target != null) {
            org.tusk.engine.acl.AccessChecks.checkSchemaCreate(session, target);
        }
    }

    private GucSettings guc() {
        return session.guc();
    }

    private UtilityResult set(VariableSetStmt set) {
        GucSettings guc = session.guc();
        GucVariable variable = set.name() == null ? null : guc.find(set.name());
        if (variable != null && (variable.name().equals("session_authorization") || variable.name().equals("role"))
                && set.kind() != VariableSetKind.RESET_ALL) {
            boolean reset = set.kind() == VariableSetKind.RESET;
            session.setAuthorization(variable.name(),
                    set.kind() == VariableSetKind.VALUE ? flatten(set.name(), set.args()) : null,
                    set.isLocal() && !reset);
            return UtilityResult.of(reset ? "RESET" : "SET");
        }
        switch (set.kind()) {
            case RESET_ALL:
                guc.resetAll();
                return UtilityResult.of("RESET");
            case RESET:
                guc.reset(set.name());
                return UtilityResult.of("RESET");
            default:
                break;
        }
        String name = set.name();
        if (name.equals("transaction_isolation") && session.storage() != null && session.storage().snapshotTaken()) {
            throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION,
                    "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        }
        if (name.equals("transaction_read_only") && set.kind() == VariableSetKind.VALUE
                && !isOn(flatten(name, set.args())) && session.transactionReadOnly()) {
            // check_transaction_read_only: no way back to read-write inside a read-only transaction
            if (session.inSubtransaction()) {
                throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION,
                        "cannot set transaction read-write mode inside a read-only transaction");
            }
            if (session.storage() != null && session.storage().snapshotTaken()) {
                throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION,
                        "transaction read-write mode must be set before any query");
            }
        }
        boolean local = set.isLocal() || name.equals("transaction_isolation") || name.equals("transaction_read_only")
                || name.equals("transaction_deferrable");
        if (set.isLocal() && !session.inTransactionBlock()) {
            session.host().notice(Ereport.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "SET LOCAL can only be used in transaction blocks"));
        }
        String value = null;
        if (set.kind() == VariableSetKind.VALUE) {
            value = flatten(name, set.args());
        }
        guc.set(name, value, local);
        return UtilityResult.of("SET");
    }

    /** A boolean setting's text that means true (parse_bool's spellings). */
    private static boolean isOn(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return v.equals("on") || v.equals("true") || v.equals("t") || v.equals("yes") || v.equals("y") || v.equals("1");
    }

    /** flatten_set_variable_args: one value, or a comma-separated list for list variables. */
    private String flatten(String name, List<AConst> args) {
        GucVariable v = session.guc().find(name);
        boolean list = v != null && v.isListQuote();
        if (args.size() > 1 && !list) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "SET " + (v == null ? name : v.name()) + " takes only one argument",
                    args.get(1).location());
        }
        StringBuilder sb = new StringBuilder();
        for (AConst a : args) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            if (list && a.kind() == ConstKind.STRING) {
                sb.append(quoteIdentifier(a.val()));
            } else {
                sb.append(a.val());
            }
        }
        return sb.toString();
    }

    static String quoteIdentifier(String ident) {
        boolean safe = !ident.isEmpty() && (Character.isLowerCase(ident.charAt(0)) || ident.charAt(0) == '_');
        for (int i = 0; i < ident.length() && safe; i++) {
            char c = ident.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                safe = false;
            }
        }
        if (safe && !org.tusk.engine.parser.Keywords.RESERVED.contains(ident.toLowerCase(Locale.ROOT))) {
            return ident;
        }
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
