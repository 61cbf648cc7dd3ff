package org.tusk.engine.commands;

import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.CreateSchemaStmt;

/** CREATE SCHEMA (schemacmds.c): a pg_namespace row owned by the bootstrap superuser. */
public final class SchemaCommands {

    private SchemaCommands() {
    }

    public static String create(DdlContext ctx, CreateSchemaStmt stmt) {
        String name = stmt.schemaname() != null ? stmt.schemaname()
                : stmt.authrole() != null ? stmt.authrole().rolename() : ctx.user();
        if (!stmt.schemaElts().isEmpty() && stmt.ifNotExists()) {
            // gram.y's check, at the first element
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "CREATE SCHEMA IF NOT EXISTS cannot include schema elements",
                    stmt.eltLocations().isEmpty() ? -1 : stmt.eltLocations().get(0));
        }
        if (name.startsWith("pg_")) {
            throw Ereport.error("42939", "unacceptable schema name \"" + name + "\"")
                    .withDetail("The prefix \"pg_\" is reserved for system schemas.");
        }
        if (ctx.relcache().namespaceOid(name) != null) {
            if (stmt.ifNotExists()) {
                ctx.notice(Naming.skippingNotice(DdlStates.DUPLICATE_SCHEMA,
                        "schema \"" + name + "\" already exists, skipping"));
                return "CREATE SCHEMA";
            }
            throw Ereport.error(DdlStates.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
        }
        ctx.insert(SystemCatalogs.PG_NAMESPACE, Map.of("oid", ctx.newOid(), "nspname", name, "nspowner",
                ctx.userOid() == 0 ? 10L : ctx.userOid()));
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateNamespaces();
        return "CREATE SCHEMA";
    }

    /** ALTER SCHEMA name RENAME TO newname (RenameSchema): the new name must be free and not start with pg_. */
    public static String rename(DdlContext ctx, String name, String newName) {
        org.tusk.engine.catalog.CatalogAccess.CatalogTuple row = namespaceRow(ctx, name);
        if (ctx.relcache().namespaceOid(newName) != null) {
            throw Ereport.error(DdlStates.DUPLICATE_SCHEMA, "schema \"" + newName + "\" already exists");
        }
        if (newName.startsWith("pg_")) {
            throw Ereport.error("42939", "unacceptable schema name \"" + newName + "\"")
                    .withDetail("The prefix \"pg_\" is reserved for system schemas.");
        }
        updateNamespace(ctx, row, "nspname", newName);
        return "ALTER SCHEMA";
    }

    /** ALTER SCHEMA name OWNER TO role (AlterSchemaOwner), with the role's OID resolved by the caller. */
    public static String changeOwner(DdlContext ctx, String name, long ownerOid) {
        updateNamespace(ctx, namespaceRow(ctx, name), "nspowner", ownerOid);
        return "ALTER SCHEMA";
    }

    private static org.tusk.engine.catalog.CatalogAccess.CatalogTuple namespaceRow(DdlContext ctx, String name) {
        List<org.tusk.engine.catalog.CatalogAccess.CatalogTuple> rows =
                ctx.rowsWhere(SystemCatalogs.PG_NAMESPACE, "nspname", name);
        if (rows.isEmpty()) {
            throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
        }
        return rows.get(0);
    }

    private static void updateNamespace(DdlContext ctx, org.tusk.engine.catalog.CatalogAccess.CatalogTuple row,
            String column, Object value) {
        Object[] values = row.values().clone();
        values[SystemCatalogs.require(SystemCatalogs.PG_NAMESPACE).columnIndex(column)] = value;
        ctx.access().update(SystemCatalogs.PG_NAMESPACE, row.tid(), values);
        ctx.commandCounterIncrement();
        // relation descriptors carry their schema's name
        ctx.relcache().invalidateAll();
    }
}
