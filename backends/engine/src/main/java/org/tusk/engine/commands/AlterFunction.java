package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AlterObjectSchemaStmt;
import org.tusk.engine.nodes.AlterOwnerStmt;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.ObjectWithArgs;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.RenameStmt;

/**
 * ALTER FUNCTION / PROCEDURE / ROUTINE / AGGREGATE name(args) RENAME TO,
 * OWNER TO, SET SCHEMA (alter.c ExecRenameStmt / AlterObjectNamespace /
 * AlterObjectOwner for pg_proc): the row is found as DROP finds it
 * (LookupFuncWithArgs) and rewritten; a function with the new name or in the
 * new schema and the same arguments is a 42723 conflict.
 */
public final class AlterFunction {

    private AlterFunction() {
    }

    private static boolean isRoutine(ObjectType t) {
        return t == ObjectType.FUNCTION || t == ObjectType.AGGREGATE || t == ObjectType.PROCEDURE
                || t == ObjectType.ROUTINE;
    }

    /** Whether {@code stmt} renames, re-owns or moves a function or aggregate. */
    public static boolean handles(Object stmt) {
        return stmt instanceof RenameStmt r && r.object() instanceof ObjectWithArgs && isRoutine(r.renameType())
                || stmt instanceof AlterOwnerStmt o && o.object() instanceof ObjectWithArgs && isRoutine(o.objectType())
                || stmt instanceof AlterObjectSchemaStmt s && s.object() instanceof ObjectWithArgs
                        && isRoutine(s.objectType());
    }

    public static String execute(DdlContext ctx, RawStmt stmt) {
        ObjectType type;
        ObjectWithArgs f;
        if (stmt instanceof RenameStmt r) {
            type = r.renameType();
            f = (ObjectWithArgs) r.object();
        } else if (stmt instanceof AlterOwnerStmt o) {
            type = o.objectType();
            f = (ObjectWithArgs) o.object();
        } else {
            AlterObjectSchemaStmt s = (AlterObjectSchemaStmt) stmt;
            type = s.objectType();
            f = (ObjectWithArgs) s.object();
        }
        String kind = switch (type) {
            case AGGREGATE -> "aggregate";
            case PROCEDURE -> "procedure";
            case ROUTINE -> "routine";
            default -> "function";
        };
        CatalogTuple t = DropFunction.lookup(ctx, f, kind, false);
        DropFunction.checkOwner(ctx, t, f, kind);
        Catalog pgProc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        Object[] row = t.values().clone();
        String name = (String) row[pgProc.columnIndex("proname")];
        long ns = (Long) row[pgProc.columnIndex("pronamespace")];
        if (stmt instanceof RenameStmt r) {
            name = r.newname();
        } else if (stmt instanceof AlterObjectSchemaStmt s) {
            Integer target = ctx.relcache().namespaceOid(s.newschema());
            if (target == null) {
                throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + s.newschema() + "\" does not exist");
            }
            ns = target;
        } else {
            AlterOwnerStmt o = (AlterOwnerStmt) stmt;
            row[pgProc.columnIndex("proowner")] = CatalogNames.roleOid(ctx, o.newowner().rolename());
        }
        checkConflict(ctx, pgProc, (Long) row[pgProc.columnIndex("oid")], name, ns,
                (Object[]) row[pgProc.columnIndex("proargtypes")]);
        row[pgProc.columnIndex("proname")] = name;
        row[pgProc.columnIndex("pronamespace")] = ns;
        ctx.access().update(SystemCatalogs.PG_PROC, t.tid(), row);
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateCatalog(SystemCatalogs.PG_PROC);
        return stmt.commandName();
    }

    private static void checkConflict(DdlContext ctx, Catalog pgProc, long self, String name, long ns, Object[] args) {
        int nameCol = pgProc.columnIndex("proname");
        int nsCol = pgProc.columnIndex("pronamespace");
        int argsCol = pgProc.columnIndex("proargtypes");
        int oidCol = pgProc.columnIndex("oid");
        List<CatalogTuple> clash = ctx.rows(SystemCatalogs.PG_PROC, r -> name.equals(r[nameCol])
                && ((Long) r[nsCol]) == ns && ((Long) r[oidCol]) != self
                && java.util.Arrays.equals((Object[]) r[argsCol], args));
        if (!clash.isEmpty()) {
            List<Long> types = new ArrayList<>();
            for (Object a : args == null ? new Object[0] : args) {
                types.add(((Number) a).longValue());
            }
            List<CatalogTuple> schema = ctx.rowsWhere(SystemCatalogs.PG_NAMESPACE, "oid", ns);
            String nspname = schema.isEmpty() ? String.valueOf(ns)
                    : (String) schema.get(0).get(SystemCatalogs.require(SystemCatalogs.PG_NAMESPACE), "nspname");
            throw Ereport.error("42723", "function " + name + "(" + CreateFunction.typeList(types)
                    + ") already exists in schema \"" + nspname + "\"");
        }
    }
}
