package org.tusk.engine.commands;

import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.CommentStmt;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/** COMMENT ON TABLE/INDEX/VIEW/SEQUENCE/COLUMN/SCHEMA (comment.c CreateComments): a pg_description row, or none for NULL. */
public final class CommentCommand {

    private CommentCommand() {
    }

    public static String execute(DdlContext ctx, CommentStmt stmt) {
        if (stmt.object() instanceof org.tusk.engine.nodes.ObjectWithArgs f) {
            String kind = switch (stmt.objtype()) {
                case AGGREGATE -> "aggregate";
                case PROCEDURE -> "procedure";
                case ROUTINE -> "routine";
                default -> "function";
            };
            org.tusk.engine.catalog.CatalogAccess.CatalogTuple t = DropFunction.lookup(ctx, f, kind, false);
            return store(ctx, (Long) t.get(SystemCatalogs.require(SystemCatalogs.PG_PROC), "oid"),
                    SystemCatalogs.PG_PROC, 0, stmt.comment());
        }
        if (!(stmt.object() instanceof AnyName name)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "COMMENT ON this kind of object is not supported yet");
        }
        List<String> parts = name.names();
        long objOid;
        int classOid;
        int subId = 0;
        switch (stmt.objtype()) {
            case SCHEMA: {
                Integer ns = ctx.relcache().namespaceOid(name.lastName());
                if (ns == null) {
                    throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name.lastName() + "\" does not exist");
                }
                objOid = ns;
                classOid = SystemCatalogs.PG_NAMESPACE;
                break;
            }
            case COLUMN: {
                if (parts.size() < 2) {
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "column name must be qualified");
                }
                RelationDesc rel = ctx.relcache().open(parts.size() > 2 ? parts.get(parts.size() - 3) : null,
                        parts.get(parts.size() - 2), ctx.searchPath(), LockMode.SHARE_UPDATE_EXCLUSIVE,
                        0);
                AttributeDesc a = rel.attribute(name.lastName());
                if (a == null) {
                    throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + name.lastName() + "\" of relation \""
                            + rel.name() + "\" does not exist");
                }
                objOid = rel.oid();
                classOid = SystemCatalogs.PG_CLASS;
                subId = a.attnum();
                break;
            }
            case TABLE: case INDEX: case VIEW: case SEQUENCE: case MATVIEW: {
                RelationDesc rel = ctx.relcache().open(parts.size() > 1 ? parts.get(parts.size() - 2) : null,
                        name.lastName(), ctx.searchPath(), LockMode.SHARE_UPDATE_EXCLUSIVE, 0);
                objOid = rel.oid();
                classOid = SystemCatalogs.PG_CLASS;
                break;
            }
            case TRIGGER: {
                // names: the table's (qualified) name, then the trigger's
                String trig = parts.get(parts.size() - 1);
                RelationDesc rel = ctx.relcache().open(parts.size() > 2 ? parts.get(parts.size() - 3) : null,
                        parts.get(parts.size() - 2), ctx.searchPath(), LockMode.SHARE_UPDATE_EXCLUSIVE,
                        0);
                org.tusk.engine.catalog.CatalogAccess.CatalogTuple t = CreateTrigger.find(ctx, rel.oid(), trig);
                if (t == null) {
                    throw Ereport.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + trig + "\" for table \""
                            + rel.name() + "\" does not exist");
                }
                objOid = (Long) t.get(SystemCatalogs.require(SystemCatalogs.PG_TRIGGER), "oid");
                classOid = SystemCatalogs.PG_TRIGGER;
                break;
            }
            default:
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "COMMENT ON " + stmt.objtype() + " is not supported yet");
        }
        return store(ctx, objOid, classOid, subId, stmt.comment());
    }

    /** CreateComments: replaces the object's pg_description row (none for a NULL or empty comment). */
    private static String store(DdlContext ctx, long objOid, int classOid, int subId, String comment) {
        Catalog d = SystemCatalogs.require(SystemCatalogs.PG_DESCRIPTION);
        int o = d.columnIndex("objoid");
        int c = d.columnIndex("classoid");
        int s = d.columnIndex("objsubid");
        long oid = objOid;
        long cls = classOid;
        int sub = subId;
        ctx.deleteWhere(SystemCatalogs.PG_DESCRIPTION, r -> (Long) r[o] == oid && (Long) r[c] == cls && (Integer) r[s] == sub);
        if (comment != null && !comment.isEmpty()) {
            ctx.insert(SystemCatalogs.PG_DESCRIPTION, Map.of("objoid", oid, "classoid", cls, "objsubid", sub,
                    "description", comment));
        }
        ctx.commandCounterIncrement();
        return "COMMENT";
    }
}
