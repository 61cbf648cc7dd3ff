package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.CreateStmt;
import org.tusk.engine.nodes.IntoClause;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * The catalog half of CREATE TABLE AS / SELECT INTO (createas.c's
 * create_ctas_internal): a table whose columns are the query's output
 * columns, renamed by the INTO clause's column list. Filling it is the
 * caller's business (an INSERT of the query's rows through the DML code).
 */
public final class CreateTableAs {

    /** One output column of the query: its name, type OID and typmod. */
    public record OutputColumn(String name, int typeOid, int typmod) {
    }

    private CreateTableAs() {
    }

    /**
     * Whether the target already exists and IF NOT EXISTS says to skip (the NOTICE is sent);
     * without IF NOT EXISTS an existing target is 42P07 (CreateTableAsRelExists).
     */
    public static boolean skip(DdlContext ctx, IntoClause into, boolean ifNotExists) {
        RangeVar rv = into.rel();
        int ns = Naming.creationNamespace(ctx, rv);
        if (Naming.relationIn(ctx, rv.relname(), ns) == null) {
            return false;
        }
        if (!ifNotExists) {
            throw Naming.alreadyExists("relation", rv.relname(), -1);
        }
        ctx.notice(Naming.skippingNotice(DdlStates.DUPLICATE_TABLE,
                "relation \"" + rv.relname() + "\" already exists, skipping"));
        return true;
    }

    /**
     * Creates the table for {@code into} with the query's {@code output} columns (the INTO
     * column names replace the first ones; more names than columns is 42601) and returns it
     * schema-qualified, so the rows go exactly there.
     */
    public static RangeVar create(DdlContext ctx, IntoClause into, List<OutputColumn> output) {
        List<String> names = into.colNames() == null ? List.of() : into.colNames();
        if (names.size() > output.size()) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "too many column names were specified");
        }
        List<OutputColumn> columns = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            OutputColumn c = output.get(i);
            columns.add(i < names.size() ? new OutputColumn(names.get(i), c.typeOid(), c.typmod()) : c);
        }
        RangeVar rv = into.rel();
        CreateStmt stmt = new CreateStmt(rv, List.of(), List.of(), null, null, null, List.of(),
                into.options() == null ? List.of() : into.options(), into.onCommit(), into.tableSpaceName(),
                into.accessMethod(), false);
        CreateTable.execute(ctx, stmt, columns);
        int ns = Naming.creationNamespace(ctx, rv);
        Integer oid = Naming.relationIn(ctx, rv.relname(), ns);
        RelationDesc rel = ctx.relcache().open(oid, LockMode.ACCESS_EXCLUSIVE);
        return new RangeVar(null, rel.namespaceName(), rel.name(), true, rv.relpersistence(), null, rv.location());
    }

    /**
     * CREATE MATERIALIZED VIEW after the fill: relkind 'm' (no DML reaches it
     * from now on) and relispopulated as WITH [NO] DATA said. The defining
     * query is not kept (no _RETURN rule), so REFRESH cannot re-run it yet.
     */
    public static void markMaterializedView(DdlContext ctx, RangeVar target, boolean populated) {
        int ns = Naming.creationNamespace(ctx, target);
        Integer oid = Naming.relationIn(ctx, target.relname(), ns);
        CreateTable.updateClass(ctx, oid, "relkind", "m");
        ctx.commandCounterIncrement();
        CreateTable.updateClass(ctx, oid, "relispopulated", populated);
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(oid);
    }
}
