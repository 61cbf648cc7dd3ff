package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.TruncateStmt;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * TRUNCATE (ExecuteTruncateGuts with a new relfilenode, as for tables
 * created or truncated in an older transaction): the table and each of its
 * indexes get new, empty files and pg_class.relfilenode points at them; the
 * old files go at commit, the new ones at abort, so TRUNCATE is
 * transactional.
 */
public final class TruncateTable {

    private TruncateTable() {
    }

    public static String execute(DdlContext ctx, TruncateStmt stmt) {
        List<RelationDesc> rels = new ArrayList<>();
        for (RangeVar rv : stmt.relations()) {
            RelationDesc rel = ctx.relcache().open(rv.schemaname(), rv.relname(), ctx.searchPath(),
                    LockMode.ACCESS_EXCLUSIVE, rv.location() + 1);
            if (rel.kind() != 'r' && rel.kind() != 'p') {
                throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table");
            }
            if (rv.inh()) {
                // without ONLY, every inheritor (every partition) is truncated too
                for (int oid : org.tusk.engine.catalog.PgInherits.allInheritors(ctx.access(), rel.oid())) {
                    if (oid != rel.oid() && rels.stream().noneMatch(r -> r.oid() == oid)) {
                        rels.add(ctx.relcache().open(oid, LockMode.ACCESS_EXCLUSIVE));
                    }
                }
            } else if (rel.kind() == 'p') {
                throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "cannot truncate only a partitioned table")
                        .withHint("Do not specify the ONLY keyword, or use TRUNCATE ONLY on the partitions directly.");
            }
            if (rel.isSystemCatalog()) {
                throw Ereport.error(org.tusk.api.error.SqlState.INSUFFICIENT_PRIVILEGE,
                        "permission denied: \"" + rel.name() + "\" is a system catalog");
            }
            org.tusk.engine.relcache.OtherSessionTemp.check(rel, ctx.relcache(), "truncate");   // truncate_check_activity
            rels.add(rel);
        }
        for (RelationDesc rel : rels) {
            truncate(ctx, rel);
            if (rel.toastRelid() != 0) {
                truncate(ctx, ctx.relcache().open(rel.toastRelid(), LockMode.ACCESS_EXCLUSIVE));   // and its chunks
            }
        }
        return "TRUNCATE TABLE";
    }

    /** New, empty files for one relation and its indexes. */
    private static void truncate(DdlContext ctx, RelationDesc rel) {
        TableAccessMethod am = ctx.storage().tableAm(rel.amName() == null ? "heap" : rel.amName());
        RelFileLocator old = rel.locator();
        int fileNode = ctx.newRelationOid();
        RelFileLocator fresh = old.withRelNumber(fileNode);
        am.createStorage(fresh);
        ctx.txn().onAbort(() -> am.dropStorage(fresh));
        ctx.txn().noteNewRelfilenode(fresh);          // COPY FREEZE may fill it
        ctx.txn().onCommit(() -> am.dropStorage(old));
        CreateTable.updateClass(ctx, rel.oid(), "relfilenode", (long) fileNode);
        ctx.commandCounterIncrement();
        // RelationSetNewRelfilenode: the new file is uncounted again (the index builds keep reltuples -1)
        RelationSizeStatistics.store(ctx.access(), rel.oid(), 0, -1);
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(rel.oid());
        DefineIndex.rebuildIntoNewFiles(ctx, rel);
    }
}
