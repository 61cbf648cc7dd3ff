package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.nodes.DropBehavior;
import org.tusk.engine.nodes.OnCommitAction;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.TruncateStmt;
import org.tusk.engine.relcache.RelationCache;

/**
 * Temporary schemas (namespace.c's InitTempTableNamespace and
 * RemoveTempRelations, tablecmds.c's on-commit actions).
 *
 * <p>A session's temporary objects live in {@code pg_temp_N} (N its backend
 * number, with {@code pg_toast_temp_N} beside it), created by the first
 * CREATE TEMP of the session. The schema rows stay when the session ends;
 * only the objects in it are dropped, by the session itself at its end, or —
 * after a crash left some behind — by the next session that takes the same N
 * (before it creates anything there). The relcache remembers the schema's
 * OID, searches it first for relations and maps the alias {@code pg_temp}
 * to it; if the transaction that created the schema aborts, the session
 * forgets it again.
 */
public final class TempNamespaces {

    private TempNamespaces() {
    }

    /** The session's temporary schema, created (or cleaned of a crashed session's leftovers) on first use. */
    public static int ensure(DdlContext ctx) {
        RelationCache cache = ctx.relcache();
        if (cache.tempNamespace() != 0) {
            return cache.tempNamespace();
        }
        int n = Math.max(1, cache.backendId());
        String name = "pg_temp_" + n;
        String toastName = "pg_toast_temp_" + n;
        Integer ns = cache.namespaceOid(name);
        Integer toastNs = cache.namespaceOid(toastName);
        if (ns == null) {
            long oid = ctx.newOid();
            ctx.insert(SystemCatalogs.PG_NAMESPACE, Map.of("oid", oid, "nspname", name, "nspowner", 10L));
            ns = (int) oid;
        } else {
            // a session that crashed left objects here: they are not ours to see
            dropContents(ctx, ns);
        }
        if (toastNs == null) {
            long oid = ctx.newOid();
            ctx.insert(SystemCatalogs.PG_NAMESPACE, Map.of("oid", oid, "nspname", toastName, "nspowner", 10L));
            toastNs = (int) oid;
        }
        ctx.commandCounterIncrement();
        cache.invalidateNamespaces();
        cache.setTempNamespace(ns, toastNs);
        // AtEOXact_Namespace: a schema made by an aborted transaction does not exist
        ctx.txn().onAbort(() -> cache.setTempNamespace(0, 0));
        return ns;
    }

    /** RemoveTempRelations: drops every object in schema {@code ns} (with CASCADE, without notices). */
    public static void dropContents(DdlContext ctx, int ns) {
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int nsCol = pgClass.columnIndex("relnamespace");
        int kindCol = pgClass.columnIndex("relkind");
        long nsOid = ns;
        List<DropObjects.ObjectAddress> targets = new ArrayList<>();
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_CLASS,
                r -> nsOid == (Long) r[nsCol] && "rvSmpf".contains((String) r[kindCol]))) {
            targets.add(new DropObjects.ObjectAddress(SystemCatalogs.PG_CLASS, (Long) t.get(pgClass, "oid")));
        }
        if (!targets.isEmpty()) {
            DropObjects.performDeletion(quiet(ctx), targets, true);
        }
        ctx.relcache().onCommitActions().keySet().removeIf(oid -> targets.stream().anyMatch(a -> a.objectId() == oid));
    }

    /** Records CREATE TEMP TABLE ... ON COMMIT for {@link #preCommit}; forgotten if the creation aborts. */
    public static void registerOnCommit(DdlContext ctx, int relOid, OnCommitAction action) {
        if (action != OnCommitAction.DELETE_ROWS && action != OnCommitAction.DROP) {
            return;
        }
        Map<Integer, OnCommitAction> actions = ctx.relcache().onCommitActions();
        actions.put(relOid, action);
        ctx.txn().onAbort(() -> actions.remove(relOid));
    }

    /**
     * PreCommit_on_commit_actions: ON COMMIT DROP tables are dropped, ON COMMIT
     * DELETE ROWS ones emptied, inside the committing transaction.
     */
    public static void preCommit(DdlContext ctx) {
        Map<Integer, OnCommitAction> actions = ctx.relcache().onCommitActions();
        if (actions.isEmpty()) {
            return;
        }
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        List<DropObjects.ObjectAddress> drops = new ArrayList<>();
        List<RangeVar> truncates = new ArrayList<>();
        for (Map.Entry<Integer, OnCommitAction> e : List.copyOf(actions.entrySet())) {
            long oid = e.getKey();
            List<CatalogTuple> rows = ctx.rowsWhere(SystemCatalogs.PG_CLASS, "oid", oid);
            if (rows.isEmpty()) {
                actions.remove(e.getKey());   // dropped meanwhile
                continue;
            }
            if (e.getValue() == OnCommitAction.DROP) {
                drops.add(new DropObjects.ObjectAddress(SystemCatalogs.PG_CLASS, oid));
                actions.remove(e.getKey());
            } else {
                truncates.add(new RangeVar(null, "pg_temp", (String) rows.get(0).get(pgClass, "relname"), true, 't',
                        null, -1));
            }
        }
        if (!drops.isEmpty()) {
            DropObjects.performDeletion(quiet(ctx), drops, true);
        }
        if (!truncates.isEmpty()) {
            TruncateTable.execute(ctx, new TruncateStmt(truncates, false, DropBehavior.RESTRICT));
        }
    }

    private static DdlContext quiet(DdlContext ctx) {
        return new DdlContext(ctx.txn(), ctx.access(), ctx.relcache(), ctx.searchPath(), ctx.queryString(), ctx.user(),
                null, ctx.userOid(), ctx.roles());
    }
}
