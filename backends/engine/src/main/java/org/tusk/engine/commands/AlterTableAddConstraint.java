package org.tusk.engine.commands;

import java.util.HashSet;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.api.storage.TableScan;
import org.tusk.engine.access.TupleFormat;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AlterTableCmd;
import org.tusk.engine.nodes.AlterTableStmt;
import org.tusk.engine.nodes.AlterTableType;
import org.tusk.engine.nodes.ConstrType;
import org.tusk.engine.nodes.Constraint;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * ALTER TABLE ... ADD [CONSTRAINT name] PRIMARY KEY | UNIQUE | CHECK, the
 * part of ALTER TABLE pgbench and dumps need (tablecmds.c's
 * ATExecAddConstraint / ATExecAddIndexConstraint), through CREATE TABLE's
 * constraint code. A PRIMARY KEY on a column holding NULLs is 23502
 * "column ... contains null values"; duplicates fail in the index build.
 */
public final class AlterTableAddConstraint {

    private AlterTableAddConstraint() {
    }

    /** Whether {@code stmt} is an ALTER TABLE made of ADD CONSTRAINT commands only. */
    public static boolean handles(Object stmt) {
        if (!(stmt instanceof AlterTableStmt a) || a.cmds().isEmpty()) {
            return false;
        }
        for (AlterTableCmd cmd : a.cmds()) {
            if (cmd.subtype() != AlterTableType.ADD_CONSTRAINT || !(cmd.def() instanceof Constraint c)
                    || !(c.contype() == ConstrType.PRIMARY || c.contype() == ConstrType.UNIQUE
                            || c.contype() == ConstrType.CHECK)) {
                return false;
            }
        }
        return true;
    }

    public static String execute(DdlContext ctx, AlterTableStmt stmt) {
        RelationDesc table;
        try {
            table = ctx.relcache().open(stmt.relation().schemaname(), stmt.relation().relname(), ctx.searchPath(),
                    LockMode.ACCESS_EXCLUSIVE, stmt.relation().location() + 1);
        } catch (org.tusk.api.error.PgException e) {
            if (stmt.missingOk() && SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                ctx.notice(org.tusk.api.error.PgException.error("00000", "relation \"" + stmt.relation().relname()
                        + "\" does not exist, skipping").withSeverity(org.tusk.api.error.Severity.NOTICE));
                return "ALTER TABLE";
            }
            throw e;
        }
        if (table.kind() != 'r') {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "\"" + table.name() + "\" is not a table");
        }
        for (AlterTableCmd cmd : stmt.cmds()) {
            Constraint c = (Constraint) cmd.def();
            if (c.contype() == ConstrType.PRIMARY) {
                checkNoNulls(ctx, table, c.keys());
            }
            CreateTable.addConstraint(ctx, table, c, null, new HashSet<>());
            ctx.commandCounterIncrement();
            ctx.relcache().invalidate(table.oid());
            table = ctx.relcache().open(table.oid(), LockMode.ACCESS_EXCLUSIVE);
        }
        return "ALTER TABLE";
    }

    private static void checkNoNulls(DdlContext ctx, RelationDesc table, List<String> keys) {
        var am = ctx.storage().tableAm(table.amName());
        var snapshot = ctx.txn().snapshot(ctx.access().level());
        var txnContext = ctx.txn().context(ctx.access().level());
        for (String key : keys) {
            AttributeDesc a = table.attribute(key);
            if (a == null || a.notNull()) {
                continue;
            }
            try (TableScan scan = am.beginScan(table.locator(), snapshot, txnContext)) {
                while (scan.next()) {
                    if (TupleFormat.deform(scan.data(), table.natts())[a.attnum() - 1] == null) {
                        throw Ereport.error(SqlState.NOT_NULL_VIOLATION, "column \"" + key + "\" of relation \""
                                + table.name() + "\" contains null values");
                    }
                }
            }
        }
    }
}
