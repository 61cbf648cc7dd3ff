package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.commands.DmlCommand;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.Executor;
import org.tusk.engine.executor.modify.DeferredConstraints;
import org.tusk.engine.executor.modify.ModifyTableNode;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.parser.Parser;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.ForeignKeyDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;
import org.tusk.lmgr.LockMode;

/**
 * FOREIGN KEY enforcement for one table's data change (ri_triggers.c): the
 * rows a statement inserted, updated or deleted are collected and, once the
 * statement's own rows are done (PostgreSQL's AFTER ROW trigger queue at end
 * of statement), checked:
 * <ul>
 * <li>referencing side (RI_FKey_check): a new or changed key with no NULLs
 *     (MATCH SIMPLE; MATCH FULL rejects a mix of NULL and non-NULL) must be
 *     present in the referenced table, else 23503 "is not present";</li>
 * <li>referenced side: a deleted key, or an updated one that changed, with
 *     NO ACTION / RESTRICT must no longer be referenced (NO ACTION: unless an
 *     equal key exists again), else 23503 "is still referenced"; CASCADE
 *     deletes the referencing rows or updates their keys, SET NULL / SET
 *     DEFAULT update them, each through an ordinary UPDATE/DELETE, which
 *     enforces that table's foreign keys in turn.</li>
 * </ul>
 * The checks run as SQL with parameters in the statement's transaction after
 * a CommandCounterIncrement, so they see the statement's changes.
 */
final class ForeignKeyTriggers implements ModifyTableNode.RowEvents {

    private final StorageSession session;
    private final SystemRelations relations;
    private final TypeContext typeContext;
    private final RelationDesc table;
    private final List<ForeignKeyDesc> keys;
    private final List<Object[]> inserted = new ArrayList<>();
    private final List<Object[][]> updated = new ArrayList<>();
    private final List<Object[]> deleted = new ArrayList<>();

    private ForeignKeyTriggers(StorageSession session, SystemRelations relations, TypeContext typeContext,
            RelationDesc table, List<ForeignKeyDesc> keys) {
        this.session = session;
        this.relations = relations;
        this.typeContext = typeContext;
        this.table = table;
        this.keys = keys;
    }

    /** The triggers for {@code table}, or null when no foreign key involves it. */
    static ForeignKeyTriggers forTable(StorageSession session, SystemRelations relations, TypeContext typeContext,
            RelationDesc table) {
        List<ForeignKeyDesc> keys = session.relcache().foreignKeys(table.oid());
        return keys.isEmpty() ? null : new ForeignKeyTriggers(session, relations, typeContext, table, keys);
    }

    @Override
    public void inserted(Object[] newRow) {
        inserted.add(newRow);
    }

    @Override
    public void updated(Object[] oldRow, Object[] newRow) {
        updated.add(new Object[][] {oldRow, newRow});
    }

    @Override
    public void deleted(Object[] oldRow) {
        deleted.add(oldRow);
    }

    /** Runs the queued checks and actions (end of the statement). */
    void fire(EvalContext ctx) {
        if (inserted.isEmpty() && updated.isEmpty() && deleted.isEmpty()) {
            return;
        }
        session.storage().commandCounterIncrement();
        for (ForeignKeyDesc fk : keys) {
            if (fk.confrelid() == table.oid()) {
                for (Object[] row : deleted) {
                    referencedChanged(ctx, fk, row, null);
                }
                for (Object[][] change : updated) {
                    referencedChanged(ctx, fk, change[0], change[1]);
                }
            }
            if (fk.conrelid() == table.oid()) {
                DeferredConstraints deferred = deferredFor(fk);
                for (Object[] row : inserted) {
                    if (deferred != null) {
                        deferCheck(deferred, fk, row);
                    } else {
                        checkReferencing(ctx, fk, row, null);
                    }
                }
                for (Object[][] change : updated) {
                    if (deferred != null && !keyUnchanged(fk, change[1], change[0])) {
                        deferCheck(deferred, fk, change[1]);
                    } else if (deferred == null) {
                        checkReferencing(ctx, fk, change[1], change[0]);
                    }
                }
            }
        }
    }

    // --- deferred checks ----------------------------------------------------------------------

    /** The session's queue when {@code fk} is deferred now (DEFERRABLE and deferred), else null. */
    private DeferredConstraints deferredFor(ForeignKeyDesc fk) {
        DeferredConstraints deferred = session.deferredConstraints();
        return deferred != null && deferred.isDeferred(fk.oid(), fk.deferrable(), fk.initiallyDeferred())
                ? deferred : null;
    }

    /**
     * Queues RI_FKey_check of a new referencing row for COMMIT. At that time a row whose key no
     * longer exists in the referencing table (deleted or changed again since) is not checked,
     * as PostgreSQL skips a trigger event whose row version is dead.
     */
    private void deferCheck(DeferredConstraints deferred, ForeignKeyDesc fk, Object[] row) {
        deferred.enqueue(new DeferredConstraints.Check() {
            @Override
            public long constraintOid() {
                return fk.oid();
            }

            @Override
            public void fire(EvalContext ctx) {
                Object[] key = values(table, row, fk.conkey());
                for (Object v : key) {
                    if (v == null) {
                        checkReferencing(ctx, fk, row, null);     // MATCH FULL's mixed NULLs
                        return;
                    }
                }
                if (anyRow(ctx, "SELECT 1 FROM " + qualified(table) + " x WHERE " + matchList(table, fk.conkey(), 1),
                        types(table, fk.conkey()), key)) {
                    checkReferencing(ctx, fk, row, null);
                }
            }
        });
    }

    /** Queues the NO ACTION check of a deleted or changed referenced key for COMMIT. */
    private void deferNoAction(DeferredConstraints deferred, ForeignKeyDesc fk, RelationDesc fkTable,
            PgType[] keyTypes, Object[] oldKey) {
        deferred.enqueue(new DeferredConstraints.Check() {
            @Override
            public long constraintOid() {
                return fk.oid();
            }

            @Override
            public void fire(EvalContext ctx) {
                noAction(ctx, fk, fkTable, keyTypes, oldKey, false);
            }
        });
    }

    private boolean keyUnchanged(ForeignKeyDesc fk, Object[] row, Object[] oldRow) {
        return fk.conrelid() != fk.confrelid()
                && java.util.Arrays.equals(values(table, row, fk.conkey()), values(table, oldRow, fk.conkey()));
    }

    // --- referencing side --------------------------------------------------------------------

    private void checkReferencing(EvalContext ctx, ForeignKeyDesc fk, Object[] row, Object[] oldRow) {
        Object[] key = values(table, row, fk.conkey());
        int nulls = 0;
        for (Object v : key) {
            nulls += v == null ? 1 : 0;
        }
        if (nulls == key.length) {
            return;
        }
        if (nulls > 0) {
            if (fk.matchType() == 'f') {
                throw Ereport.error(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + table.name()
                        + "\" violates foreign key constraint \"" + fk.name() + "\"")
                        .withDetail("MATCH FULL does not allow mixing of null and nonnull key values.");
            }
            return;                                         // MATCH SIMPLE: a NULL column satisfies it
        }
        if (oldRow != null && fk.conrelid() != fk.confrelid()
                && java.util.Arrays.equals(key, values(table, oldRow, fk.conkey()))) {
            return;                                         // the key did not change (RI_FKey_fk_upd_check_required)
        }
        RelationDesc pk = open(fk.confrelid());
        if (pk == null) {
            return;
        }
        String sql = "SELECT 1 FROM " + qualified(pk) + " x WHERE " + matchList(pk, fk.confkey(), 1)
                + " FOR KEY SHARE OF x";
        if (!anyRow(ctx, sql, types(table, fk.conkey()), key)) {
            throw Ereport.error(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + table.name()
                    + "\" violates foreign key constraint \"" + fk.name() + "\"")
                    .withDetail("Key (" + names(table, fk.conkey()) + ")=(" + texts(table, fk.conkey(), key)
                            + ") is not present in table \"" + pk.name() + "\".");
        }
    }

    // --- referenced side ---------------------------------------------------------------------

    private void referencedChanged(EvalContext ctx, ForeignKeyDesc fk, Object[] oldRow, Object[] newRow) {
        Object[] oldKey = values(table, oldRow, fk.confkey());
        for (Object v : oldKey) {
            if (v == null) {
                return;
            }
        }
        Object[] newKey = newRow == null ? null : values(table, newRow, fk.confkey());
        if (newKey != null && java.util.Arrays.equals(oldKey, newKey)) {
            return;
        }
        RelationDesc fkTable = open(fk.conrelid());
        if (fkTable == null) {
            return;
        }
        PgType[] keyTypes = types(table, fk.confkey());
        char action = newRow == null ? fk.deleteAction() : fk.updateAction();
        String where = matchList(fkTable, fk.conkey(), 1);
        switch (action) {
            case 'c' -> {
                if (newRow == null) {
                    run(ctx, "DELETE FROM " + qualified(fkTable) + " WHERE " + where, keyTypes, oldKey);
                } else {
                    StringBuilder set = new StringBuilder();
                    for (int i = 0; i < fk.conkey().length; i++) {
                        set.append(i == 0 ? "" : ", ").append(quote(attribute(fkTable, fk.conkey()[i]).name()))
                                .append(" = $").append(oldKey.length + i + 1);
                    }
                    PgType[] both = new PgType[keyTypes.length * 2];
                    Object[] values = new Object[keyTypes.length * 2];
                    System.arraycopy(keyTypes, 0, both, 0, keyTypes.length);
                    System.arraycopy(keyTypes, 0, both, keyTypes.length, keyTypes.length);
                    System.arraycopy(oldKey, 0, values, 0, oldKey.length);
                    System.arraycopy(newKey, 0, values, oldKey.length, newKey.length);
                    run(ctx, "UPDATE " + qualified(fkTable) + " SET " + set + " WHERE " + where, both, values);
                }
            }
            case 'n', 'd' -> {
                StringBuilder set = new StringBuilder();
                for (int i = 0; i < fk.conkey().length; i++) {
                    set.append(i == 0 ? "" : ", ").append(quote(attribute(fkTable, fk.conkey()[i]).name()))
                            .append(action == 'n' ? " = NULL" : " = DEFAULT");
                }
                run(ctx, "UPDATE " + qualified(fkTable) + " SET " + set + " WHERE " + where, keyTypes, oldKey);
                if (action == 'd') {
                    // the default must itself be a referenced key (the NO ACTION check of ri_setdefault)
                    noAction(ctx, fk, fkTable, keyTypes, oldKey, true);
                }
            }
            default -> {
                DeferredConstraints deferred = action == 'a' ? deferredFor(fk) : null;
                if (deferred != null) {
                    deferNoAction(deferred, fk, fkTable, keyTypes, oldKey);
                } else {
                    noAction(ctx, fk, fkTable, keyTypes, oldKey, action == 'r');
                }
            }
        }
    }

    private void noAction(EvalContext ctx, ForeignKeyDesc fk, RelationDesc fkTable, PgType[] keyTypes,
            Object[] oldKey, boolean restrict) {
        if (!restrict && anyRow(ctx, "SELECT 1 FROM " + qualified(table) + " x WHERE "
                + matchList(table, fk.confkey(), 1), keyTypes, oldKey)) {
            return;                                         // NO ACTION: an equal key exists again
        }
        if (anyRow(ctx, "SELECT 1 FROM " + qualified(fkTable) + " x WHERE " + matchList(fkTable, fk.conkey(), 1),
                keyTypes, oldKey)) {
            throw Ereport.error(SqlState.FOREIGN_KEY_VIOLATION, "update or delete on table \"" + table.name()
                    + "\" violates foreign key constraint \"" + fk.name() + "\" on table \"" + fkTable.name() + "\"")
                    .withDetail("Key (" + names(table, fk.confkey()) + ")=(" + texts(table, fk.confkey(), oldKey)
                            + ") is still referenced from table \"" + fkTable.name() + "\".");
        }
    }

    // --- SQL -----------------------------------------------------------------------------------

    private boolean anyRow(EvalContext ctx, String sql, PgType[] types, Object[] params) {
        SelectStmt select = (SelectStmt) Parser.parse(sql).get(0).stmt();
        ParseState ps = new ParseState(oids(types));
        Query q = new SelectAnalyzer(relations, typeContext).analyze(select, ps);
        var state = Executor.start(q, new EvalContext(ctx.session(), params));
        try {
            return state.next() != null;
        } finally {
            state.close();
        }
    }

    private void run(EvalContext ctx, String sql, PgType[] types, Object[] params) {
        RawStmt stmt = Parser.parse(sql).get(0).stmt();
        DmlCommand command = new ModifyAnalyzer(session, relations, typeContext).analyze(stmt,
                new ParseState(oids(types)));
        command.execute(new EvalContext(ctx.session(), params), null);
    }

    private static int[] oids(PgType[] types) {
        int[] out = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            out[i] = types[i].oid();
        }
        return out;
    }

    private RelationDesc open(int oid) {
        try {
            return session.relcache().open(oid, LockMode.ROW_SHARE);
        } catch (RuntimeException e) {
            return null;                                    // dropped meanwhile
        }
    }

    private static AttributeDesc attribute(RelationDesc rel, int attnum) {
        for (AttributeDesc a : rel.attributes()) {
            if (a.attnum() == attnum) {
                return a;
            }
        }
        throw new IllegalStateException("no attribute " + attnum + " in " + rel.name());
    }

    /** The values of columns {@code attnums} in a row of {@code rel}'s live columns. */
    private static Object[] values(RelationDesc rel, Object[] row, int[] attnums) {
        List<AttributeDesc> live = rel.liveAttributes();
        Object[] out = new Object[attnums.length];
        for (int k = 0; k < attnums.length; k++) {
            for (int i = 0; i < live.size(); i++) {
                if (live.get(i).attnum() == attnums[k]) {
                    out[k] = row[i];
                }
            }
        }
        return out;
    }

    private static PgType[] types(RelationDesc rel, int[] attnums) {
        PgType[] out = new PgType[attnums.length];
        for (int i = 0; i < attnums.length; i++) {
            int typeOid = attribute(rel, attnums[i]).typeOid();
            PgType t = PgType.byOid(typeOid);
            if (t == null) {
                // a user enum's values are EnumValues compared by enum_eq; other user types as text
                org.tusk.engine.types.UserTypes.UserType u = org.tusk.engine.types.UserTypes.byOid(typeOid);
                t = u != null && u.typtype() == 'e' ? PgType.ANYENUM : null;
            }
            out[i] = t == null ? PgType.TEXT : t;
        }
        return out;
    }

    private static String names(RelationDesc rel, int[] attnums) {
        List<String> out = new ArrayList<>();
        for (int a : attnums) {
            out.add(attribute(rel, a).name());
        }
        return String.join(", ", out);
    }

    private String texts(RelationDesc rel, int[] attnums, Object[] values) {
        PgType[] types = types(rel, attnums);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(values[i] == null ? "null" : TextFormat.output(types[i], values[i], typeContext));
        }
        return String.join(", ", out);
    }

    /** {@code col1 = $n AND col2 = $n+1 ...} over {@code rel}'s columns {@code attnums}. */
    private static String matchList(RelationDesc rel, int[] attnums, int firstParam) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < attnums.length; i++) {
            sb.append(i == 0 ? "" : " AND ").append(quote(attribute(rel, attnums[i]).name())).append(" = $")
                    .append(firstParam + i);
        }
        return sb.toString();
    }

    private static String qualified(RelationDesc rel) {
        return quote(rel.namespaceName()) + "." + quote(rel.name());
    }

    private static String quote(String ident) {
        return "\"" + Objects.requireNonNull(ident).replace("\"", "\"\"") + "\"";
    }
}
