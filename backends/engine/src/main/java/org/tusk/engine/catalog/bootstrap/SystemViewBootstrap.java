package org.tusk.engine.catalog.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.PgException;
import org.tusk.engine.analyze.ParseState;
import org.tusk.engine.analyze.SelectAnalyzer;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.StoredRelation;
import org.tusk.engine.catalog.ViewRelation;
import org.tusk.engine.catalog.sysviews.SystemViews;
import org.tusk.engine.commands.CreateView;
import org.tusk.engine.commands.DdlContext;
import org.tusk.engine.commands.SchemaCommands;
import org.tusk.engine.nodes.CreateSchemaStmt;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.nodes.ViewStmt;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.planner.BaseRelation;
import org.tusk.engine.planner.VirtualBaseRelation;
import org.tusk.engine.relcache.RelationCache;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageTransaction;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TypeContext;
import org.tusk.lmgr.LockMode;
import org.tusk.xact.IsolationLevel;

/**
 * The system views and information_schema ({@link SystemViews}' scripts) created in a
 * database's bootstrap transaction, like initdb's setup_sysviews: each statement in a
 * subtransaction, so one the engine cannot run yet (CREATE DOMAIN, CREATE FUNCTION, a
 * view whose SQL the analyzer does not handle) is rolled back and skipped, logged
 * with its error. Names resolve with search_path = pg_catalog (the scripts qualify
 * everything else), without privilege checks (the bootstrap superuser). information_schema's
 * domains are bootstrap facts (pg_type rows, so the script's CREATE DOMAINs are skipped);
 * {@link BootstrapTypes} lets the analyzer resolve the views' casts to them.
 */
public final class SystemViewBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(SystemViewBootstrap.class);
    private static final IsolationLevel LEVEL = IsolationLevel.READ_COMMITTED;

    /** A statement that was skipped, and why. */
    public record Skipped(String statement, String error) {}

    /** What the last install in this JVM skipped (for tests and diagnostics). */
    private static volatile List<Skipped> lastSkipped = List.of();

    private SystemViewBootstrap() {
    }

    public static List<Skipped> lastSkipped() {
        return lastSkipped;
    }

    /** Runs the scripts in {@code txn} (the database's catalogs are filled and visible); returns what was skipped. */
    public static List<Skipped> install(StorageTransaction txn, CatalogAccess access) {
        RelationCache relcache = new RelationCache(() -> access);
        List<Skipped> skipped = new ArrayList<>();
        // the scripts' own domains, for the views that cast to them (the thread's provider is put back after)
        org.tusk.engine.types.UserTypes.Provider previous = org.tusk.engine.types.UserTypes.current();
        org.tusk.engine.types.UserTypes.install(new BootstrapTypes(access, relcache));
        try {
            runScripts(txn, access, relcache, skipped);
        } finally {
            org.tusk.engine.types.UserTypes.install(previous);
        }
        lastSkipped = List.copyOf(skipped);
        if (!skipped.isEmpty()) {
            LOG.info("system views: {} statement(s) skipped: {}", skipped.size(), skipped);
        }
        return skipped;
    }

    private static void runScripts(StorageTransaction txn, CatalogAccess access, RelationCache relcache,
            List<Skipped> skipped) {
        for (String sql : SystemViews.statements()) {
            txn.savepoint(LEVEL);
            try {
                run(txn, access, relcache, sql);
                access.commandCounterIncrement();
                txn.releaseSavepoint();
            } catch (RuntimeException e) {
                txn.abortSubtransaction();
                relcache.reset();
                String message = e instanceof PgException pg ? pg.sqlState() + " " + pg.getMessage() : e.toString();
                skipped.add(new Skipped(firstLine(sql), message));
            }
        }
    }

    private static void run(StorageTransaction txn, CatalogAccess access, RelationCache relcache, String sql) {
        List<ParsedStatement> parsed = Parser.parse(sql);
        for (ParsedStatement p : parsed) {
            DdlContext ctx = new DdlContext(txn, access, relcache, List.of("pg_catalog"), p.queryString(), "postgres",
                    notice -> { });
            if (p.stmt() instanceof CreateSchemaStmt s) {
                if (relcache.namespaceOid(s.schemaname()) == null) {   // information_schema is a bootstrap fact
                    SchemaCommands.create(ctx, s);
                }
            } else if (p.stmt() instanceof ViewStmt v) {
                CreateView.execute(ctx, v, p.sourceText(), select -> analyze(access, relcache, select));
            } else {
                throw new UnsupportedOperationException(p.stmt().commandName() + " is not run at bootstrap yet");
            }
        }
    }

    private static CreateView.AnalyzedView analyze(CatalogAccess access, RelationCache relcache, SelectStmt select) {
        Set<Long> read = new LinkedHashSet<>();
        SelectAnalyzer.RelationLookup lookup = (schema, name) -> {
            Integer oid = relcache.relationOid(schema, name, List.of("pg_catalog"));
            if (oid == null) {
                return null;
            }
            RelationDesc desc = relcache.open(oid, LockMode.ACCESS_SHARE);
            read.add((long) oid);
            if (desc.kind() == 'v') {
                return new ViewRelation(desc, ViewRelation.definition(access, oid));
            }
            return new VirtualBaseRelation(new StoredRelation(desc), oid);
        };
        org.tusk.engine.analyze.Query query = new SelectAnalyzer(lookup, TypeContext.DEFAULT)
                .analyze(select, new ParseState(new int[0]));
        List<RelationColumn> columns = new ArrayList<>();
        for (TargetEntry t : query.targets()) {
            PgType type = t.expr().type();
            columns.add(type == PgType.UNKNOWN ? new RelationColumn(t.name(), PgType.TEXT, -1)
                    : new RelationColumn(t.name(), type, t.expr().typmod()));
        }
        return new CreateView.AnalyzedView(columns, read);
    }

    private static String firstLine(String sql) {
        int nl = sql.indexOf('\n');
        return nl < 0 ? sql : sql.substring(0, nl);
    }
}
