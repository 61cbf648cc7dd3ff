package org.tusk.engine.commands;

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
        if (!stmt.schemaElts().isEmpty()) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "CREATE SCHEMA with schema elements is not supported yet");
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
        ctx.insert(SystemCatalogs.PG_NAMESPACE, Map.of("oid", ctx.newOid(), "nspname", name, "nspowner", 10L));
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateNamespaces();
        return "CREATE SCHEMA";
    }
}
