package org.tusk.engine.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.CreateCastStmt;
import org.tusk.engine.nodes.DropBehavior;
import org.tusk.engine.nodes.DropCastStmt;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.TypeName;

/**
 * CREATE CAST / DROP CAST (functioncmds.c CreateCast, DropCast): pg_cast rows
 * with castmethod 'f' (WITH FUNCTION), 'b' (WITHOUT FUNCTION, binary
 * coercible) or 'i' (WITH INOUT) and castcontext 'e'/'a'/'i', depending on
 * both types and the function ('n'), so that DROP TYPE ... CASCADE takes the
 * cast along. The analyzer's coercion reads these rows through the session's
 * type cache.
 */
public final class CastCommands {

    public static final int PG_CAST = 2605;

    private CastCommands() {
    }

    public static boolean handles(RawStmt stmt) {
        return stmt instanceof CreateCastStmt || stmt instanceof DropCastStmt;
    }

    public static String execute(DdlContext ctx, RawStmt stmt) {
        String tag = stmt instanceof CreateCastStmt c ? create(ctx, c) : drop(ctx, (DropCastStmt) stmt);
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateCatalog(PG_CAST);
        return tag;
    }

    private static String create(DdlContext ctx, CreateCastStmt stmt) {
        TypeCatalog.TypeRow source = TypeCatalog.require(ctx, stmt.sourcetype());
        TypeCatalog.TypeRow target = TypeCatalog.require(ctx, stmt.targettype());
        String sourceName = TypeCatalog.formatType(ctx, source.oid());
        String targetName = TypeCatalog.formatType(ctx, target.oid());
        if (source.typtype() == 'p') {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "source data type " + sourceName + " is a pseudo-type");
        }
        if (target.typtype() == 'p') {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "target data type " + targetName + " is a pseudo-type");
        }
        Catalog pgType = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        long funcOid = 0;
        String method;
        if (stmt.func() != null) {
            method = "f";
            funcOid = castFunction(ctx, stmt, source, target);
        } else if (stmt.inout()) {
            method = "i";
        } else {
            method = "b";
            if (source.oid() == target.oid()) {
                throw Ereport.error("42P17", "source and target data types are not physically compatible");
            }
            boolean sameLayout = source.tuple().get(pgType, "typlen").equals(target.tuple().get(pgType, "typlen"))
                    && source.tuple().get(pgType, "typbyval").equals(target.tuple().get(pgType, "typbyval"))
                    && source.tuple().get(pgType, "typalign").equals(target.tuple().get(pgType, "typalign"));
            if (!sameLayout) {
                throw Ereport.error("42P17", "source and target data types are not physically compatible");
            }
            if (source.typtype() == 'c' || target.typtype() == 'c') {
                throw Ereport.error("42P17", "composite data types are not binary-compatible");
            }
            if (source.typtype() == 'd' || target.typtype() == 'd') {
                throw Ereport.error("42P17", "domain data types must not be marked binary-compatible");
            }
        }
        if (source.typtype() == 'd' || target.typtype() == 'd') {
            ctx.notice(new org.tusk.api.error.PgException(org.tusk.api.error.Severity.WARNING,
                    SqlState.SUCCESSFUL_COMPLETION, "cast will be ignored because the "
                    + (source.typtype() == 'd' ? "source" : "target") + " data type is a domain", null, null, 0, null));
        }
        if (find(ctx, source.oid(), target.oid()) != null) {
            throw Ereport.error(SqlState.DUPLICATE_OBJECT, "cast from type " + sourceName + " to type " + targetName
                    + " already exists");
        }
        long oid = ctx.newOid();
        Map<String, Object> row = new HashMap<>();
        row.put("oid", oid);
        row.put("castsource", source.oid());
        row.put("casttarget", target.oid());
        row.put("castfunc", funcOid);
        row.put("castcontext", String.valueOf(stmt.context()));
        row.put("castmethod", method);
        ctx.insert(PG_CAST, row);
        for (long t : new long[] {source.oid(), target.oid()}) {
            if (t >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
                CreateTable.recordDependency(ctx, PG_CAST, oid, 0, SystemCatalogs.PG_TYPE, t, 0, "n");
            }
        }
        if (funcOid >= org.tusk.engine.func.UserProcs.FIRST_NORMAL_OBJECT_ID) {
            CreateTable.recordDependency(ctx, PG_CAST, oid, 0, SystemCatalogs.PG_PROC, funcOid, 0, "n");
        }
        return "CREATE CAST";
    }

    /** The function of WITH FUNCTION f(args): its OID after CreateCast's checks on its signature. */
    private static long castFunction(DdlContext ctx, CreateCastStmt stmt, TypeCatalog.TypeRow source,
            TypeCatalog.TypeRow target) {
        List<String> qname = stmt.func().objname();
        String name = qname.get(qname.size() - 1);
        Catalog proc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
        int nameCol = proc.columnIndex("proname");
        int argsCol = proc.columnIndex("proargtypes");
        Object[] wanted = null;
        if (!stmt.func().argsUnspecified()) {
            wanted = new Object[stmt.func().objargs().size()];
            for (int i = 0; i < wanted.length; i++) {
                wanted[i] = TypeCatalog.require(ctx, stmt.func().objargs().get(i)).oid();
            }
        }
        Object[] args = wanted;
        List<CatalogTuple> hits = ctx.rows(SystemCatalogs.PG_PROC, r -> name.equals(r[nameCol])
                && (args == null || java.util.Arrays.equals((Object[]) r[argsCol], args)));
        if (hits.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (TypeName tn : stmt.func().objargs()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(TypeCatalog.formatType(ctx,
                        TypeCatalog.require(ctx, tn).oid()));
            }
            throw Ereport.error(SqlState.UNDEFINED_FUNCTION, "function " + String.join(".", qname) + "(" + sb
                    + ") does not exist");
        }
        CatalogTuple f = hits.get(hits.size() - 1);
        Object[] fargs = (Object[]) f.get(proc, "proargtypes");
        if (fargs.length < 1 || fargs.length > 3) {
            throw Ereport.error("42P17", "cast function must take one to three arguments");
        }
        if (Boolean.TRUE.equals(f.get(proc, "proretset"))) {
            throw Ereport.error("42P17", "cast function must not return a set");
        }
        return (Long) f.get(proc, "oid");
    }

    /** The user-visible pg_cast row from {@code source} to {@code target}, or null. */
    static CatalogTuple find(DdlContext ctx, long source, long target) {
        Catalog cast = SystemCatalogs.require(PG_CAST);
        int s = cast.columnIndex("castsource");
        int t = cast.columnIndex("casttarget");
        List<CatalogTuple> rows = ctx.rows(PG_CAST, r -> (Long) r[s] == source && (Long) r[t] == target);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static String drop(DdlContext ctx, DropCastStmt stmt) {
        TypeCatalog.TypeRow source = typeOrSkip(ctx, stmt.sourcetype(), stmt.missingOk());
        if (source == null) {
            return "DROP CAST";
        }
        TypeCatalog.TypeRow target = typeOrSkip(ctx, stmt.targettype(), stmt.missingOk());
        if (target == null) {
            return "DROP CAST";
        }
        CatalogTuple row = find(ctx, source.oid(), target.oid());
        if (row == null) {
            String msg = "cast from type " + TypeCatalog.formatType(ctx, source.oid()) + " to type "
                    + TypeCatalog.formatType(ctx, target.oid()) + " does not exist";
            if (stmt.missingOk()) {
                ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION, msg + ", skipping"));
                return "DROP CAST";
            }
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, msg);
        }
        long oid = (Long) row.get(SystemCatalogs.require(PG_CAST), "oid");
        DropObjects.performDeletion(ctx, List.of(new DropObjects.ObjectAddress(PG_CAST, oid)),
                stmt.behavior() == DropBehavior.CASCADE);
        return "DROP CAST";
    }

    /** A type of DROP CAST IF EXISTS: a missing schema or type is a NOTICE then, else an ERROR. */
    private static TypeCatalog.TypeRow typeOrSkip(DdlContext ctx, TypeName tn, boolean missingOk) {
        List<String> names = tn.names();
        if (names.size() > 1 && ctx.relcache().namespaceOid(names.get(names.size() - 2)) == null) {
            if (missingOk) {
                ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                        "schema \"" + names.get(names.size() - 2) + "\" does not exist, skipping"));
                return null;
            }
            throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + names.get(names.size() - 2)
                    + "\" does not exist");
        }
        TypeCatalog.TypeRow t = TypeCatalog.lookup(ctx, names, true);
        if (t == null) {
            if (missingOk) {
                ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                        "type \"" + String.join(".", names) + "\" does not exist, skipping"));
                return null;
            }
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", names) + "\" does not exist");
        }
        return tn.isArray() ? TypeCatalog.byOid(ctx, t.array()) : t;
    }
}
