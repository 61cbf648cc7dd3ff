package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.DropBehavior;
import org.tusk.engine.nodes.DropStmt;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * DROP TABLE / INDEX / VIEW / SEQUENCE / SCHEMA (dependency.c's
 * performDeletion): the objects named, then everything that depends on them
 * through pg_depend — automatically ('a') and internally ('i') dependent
 * objects always, normally ('n') dependent ones only with CASCADE (else
 * 2BP01 listing them) — have their catalog rows deleted; a relation's
 * files are removed when the transaction commits.
 */
public final class DropObjects {

    /** An object address (ObjectAddress without the sub-id). */
    record ObjectAddress(int classId, long objectId, int subId) {
        ObjectAddress(int classId, long objectId) {
            this(classId, objectId, 0);
        }
    }

    private DropObjects() {
    }

    public static String execute(DdlContext ctx, DropStmt stmt) {
        List<ObjectAddress> targets = new ArrayList<>();
        for (RawNode object : stmt.objects()) {
            AnyName name = (AnyName) object;
            ObjectAddress target = stmt.removeType() == ObjectType.SCHEMA ? schema(ctx, name, stmt.missingOk())
                    : relation(ctx, name, stmt.removeType(), stmt.missingOk());
            if (target != null) {
                targets.add(target);
            }
        }
        if (!targets.isEmpty()) {
            performDeletion(ctx, targets, stmt.behavior() == DropBehavior.CASCADE);
        }
        return stmt.commandName();
    }

    private static ObjectAddress schema(DdlContext ctx, AnyName name, boolean missingOk) {
        Integer ns = ctx.relcache().namespaceOid(name.lastName());
        if (ns == null) {
            if (missingOk) {
                ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                        "schema \"" + name.lastName() + "\" does not exist, skipping"));
                return null;
            }
            throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name.lastName() + "\" does not exist");
        }
        Catalog pgNamespace = SystemCatalogs.require(SystemCatalogs.PG_NAMESPACE);
        for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_NAMESPACE, "oid", (long) ns)) {
            ctx.roles().checkOwner((Long) t.get(pgNamespace, "nspowner"), "schema", name.lastName());
        }
        if (ns == SystemCatalogs.PG_CATALOG_NAMESPACE || ns == 99 || ns == 13265) {
            throw Ereport.error(DdlStates.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop schema " + name.lastName()
                    + " because it is required by the database system");
        }
        ctx.txn().lockObject(SystemCatalogs.PG_NAMESPACE, ns, false, LockMode.ACCESS_EXCLUSIVE, ctx.access().level());
        return new ObjectAddress(SystemCatalogs.PG_NAMESPACE, ns);
    }

    private static ObjectAddress relation(DdlContext ctx, AnyName name, ObjectType type, boolean missingOk) {
        String schema = name.names().size() > 1 ? name.names().get(name.names().size() - 2) : null;
        String kindWord = kindWord(type);
        if (schema != null && ctx.relcache().namespaceOid(schema) == null) {
            if (missingOk) {
                ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                        "schema \"" + schema + "\" does not exist, skipping"));
                return null;
            }
        }
        Integer oid = ctx.relcache().relationOid(schema, name.lastName(), ctx.searchPath());
        String shown = String.join(".", name.names());
        if (oid == null) {
            if (missingOk) {
                ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                        kindWord + " \"" + shown + "\" does not exist, skipping"));
                return null;
            }
            throw Ereport.error(DdlStates.UNDEFINED_TABLE, kindWord + " \"" + shown + "\" does not exist");
        }
        RelationDesc rel = ctx.relcache().open(oid, LockMode.ACCESS_EXCLUSIVE);
        char expected = switch (type) {
            case INDEX -> 'i';
            case VIEW -> 'v';
            case SEQUENCE -> 'S';
            case MATVIEW -> 'm';
            case FOREIGN_TABLE -> 'f';
            default -> 'r';
        };
        if (rel.kind() != expected && !(expected == 'r' && rel.kind() == 'p') && !(expected == 'i' && rel.kind() == 'I')) {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not " + article(kindWord))
                    .withHint("Use DROP " + kindWord(rel.kind()).toUpperCase(java.util.Locale.ROOT) + " to remove "
                            + article(kindWord(rel.kind())) + ".");
        }
        ctx.roles().checkRelationOwner(rel);        // RangeVarCallbackForDropRelation: after the kind, before the catalog test
        if (rel.isSystemCatalog()) {
            throw Ereport.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + rel.name() + "\" is a system catalog");
        }
        return new ObjectAddress(SystemCatalogs.PG_CLASS, oid);
    }

    /** Deletes the targets and what depends on them, in one command. */
    static void performDeletion(DdlContext ctx, List<ObjectAddress> targets, boolean cascade) {
        Set<ObjectAddress> all = new LinkedHashSet<>();
        java.util.Map<ObjectAddress, String> normal = new java.util.LinkedHashMap<>();
        Set<ObjectAddress> owned = new java.util.HashSet<>();
        for (ObjectAddress target : targets) {
            // an index owned by a constraint cannot be dropped by itself
            for (CatalogTuple d : dependenciesOf(ctx, target)) {
                Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
                if ("i".equals(d.get(dep, "deptype")) && !targets.contains(referenced(dep, d))) {
                    ObjectAddress owner = referenced(dep, d);
                    if (owner.classId() == SystemCatalogs.PG_CONSTRAINT) {
                        throw Ereport.error(DdlStates.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop "
                                + describe(ctx, target) + " because " + describe(ctx, owner) + " requires it")
                                .withHint("You can drop " + describe(ctx, owner) + " instead.");
                    }
                }
            }
            collect(ctx, target, all, normal, owned, targets);
        }
        // reportDependentObjects: an object reached by any AUTO or INTERNAL path goes silently with its owner
        List<String> cascaded = new ArrayList<>();
        normal.forEach((o, text) -> {
            if (!owned.contains(o)) {
                cascaded.add(text);
            }
        });
        if (!cascaded.isEmpty()) {
            if (!cascade) {
                ObjectAddress first = targets.get(0);
                throw new PgException(Severity.ERROR, DdlStates.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop " + describe(ctx, first) + " because other objects depend on it",
                        String.join("\n", cascaded), "Use DROP ... CASCADE to drop the dependent objects too.", 0, null);
            }
            if (cascaded.size() == 1) {
                ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                        "drop cascades to " + cascaded.get(0).replaceFirst(" depends on .*$", "")));
            } else {
                StringBuilder detail = new StringBuilder();
                for (String c : cascaded) {
                    detail.append(detail.length() == 0 ? "" : "\n").append("drop cascades to ")
                            .append(c.replaceFirst(" depends on .*$", ""));
                }
                ctx.notice(new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "drop cascades to " + cascaded.size() + " other objects", detail.toString(), null, 0, null));
            }
        }
        List<ObjectAddress> order = new ArrayList<>(all);
        java.util.Collections.reverse(order);   // dependents first
        for (ObjectAddress o : order) {
            deleteObject(ctx, o);
            // later deletions must not find rows this one removed (an inheritance child reached by two paths)
            ctx.commandCounterIncrement();
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateAll();
    }

    /**
     * findDependentObjects: {@code object} and, recursively, what depends on it, into {@code all}; each
     * dependent reached through a NORMAL dependency into {@code normal} (its "x depends on y" text, first
     * path found), each reached through an AUTO or INTERNAL one into {@code owned} (whichever path the
     * scan meets first, a serial column's sequence is its table's).
     */
    private static void collect(DdlContext ctx, ObjectAddress object, Set<ObjectAddress> all,
            java.util.Map<ObjectAddress, String> normal, Set<ObjectAddress> owned, List<ObjectAddress> targets) {
        if (!all.add(object)) {
            return;
        }
        Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
        int refClass = dep.columnIndex("refclassid");
        int refObj = dep.columnIndex("refobjid");
        for (CatalogTuple d : ctx.rows(SystemCatalogs.PG_DEPEND,
                r -> (Long) r[refClass] == object.classId() && (Long) r[refObj] == object.objectId())) {
            ObjectAddress dependent = new ObjectAddress(((Long) d.get(dep, "classid")).intValue(), (Long) d.get(dep, "objid"));
            if (dependent.classId() == object.classId() && dependent.objectId() == object.objectId()
                    && object.subId() == 0) {
                continue;   // the object on one of its own columns (a partition key): not another object
            }
            int subId = (Integer) d.get(dep, "objsubid");
            if (subId != 0 && dependent.classId() == SystemCatalogs.PG_CLASS) {
                // a column of a user-defined type: the column goes, unless it is (part of) a partition key
                RelationDesc rel = ctx.relcache().byOid((int) dependent.objectId());
                if (rel != null && rel.kind() != 'p' && !all.contains(dependent)) {
                    dependent = new ObjectAddress(SystemCatalogs.PG_CLASS, dependent.objectId(), subId);
                }
            }
            if (dependent.classId() == SystemCatalogs.PG_REWRITE) {
                // a view's _RETURN rule is part of the view: what the rule reads, the view depends on
                ObjectAddress view = ruleOwner(ctx, dependent.objectId());
                if (view != null && !view.equals(object)) {
                    dependent = view;
                }
            }
            String deptype = (String) d.get(dep, "deptype");
            if ("n".equals(deptype)) {
                if (!targets.contains(dependent) && !normal.containsKey(dependent)) {
                    normal.put(dependent, describe(ctx, dependent) + " depends on " + describe(ctx, object));
                }
            } else {
                owned.add(dependent);
            }
            if (all.contains(dependent)) {
                continue;
            }
            if (dependent.classId() == SystemCatalogs.PG_CLASS) {
                ctx.lockRelation((int) dependent.objectId(), LockMode.ACCESS_EXCLUSIVE);
            }
            collect(ctx, dependent, all, normal, owned, targets);
        }
    }

    /** The view whose rule this is (pg_rewrite.ev_class), or null. */
    private static ObjectAddress ruleOwner(DdlContext ctx, long ruleOid) {
        Catalog rw = SystemCatalogs.require(SystemCatalogs.PG_REWRITE);
        for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_REWRITE, "oid", ruleOid)) {
            return new ObjectAddress(SystemCatalogs.PG_CLASS, (Long) t.get(rw, "ev_class"));
        }
        return null;
    }

    private static List<CatalogTuple> dependenciesOf(DdlContext ctx, ObjectAddress o) {
        Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
        int cls = dep.columnIndex("classid");
        int obj = dep.columnIndex("objid");
        return ctx.rows(SystemCatalogs.PG_DEPEND, r -> (Long) r[cls] == o.classId() && (Long) r[obj] == o.objectId());
    }

    private static ObjectAddress referenced(Catalog dep, CatalogTuple d) {
        return new ObjectAddress(((Long) d.get(dep, "refclassid")).intValue(), (Long) d.get(dep, "refobjid"));
    }

    /** Removes one object's catalog rows (and schedules its files' removal at commit). */
    private static void deleteObject(DdlContext ctx, ObjectAddress o) {
        long id = o.objectId();
        switch (o.classId()) {
            case SystemCatalogs.PG_CLASS: {
                if (o.subId() != 0) {
                    AlterTable.dropColumnOf(ctx, (int) id, o.subId());
                    Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
                    int cls = dep.columnIndex("classid");
                    int obj = dep.columnIndex("objid");
                    int sub = dep.columnIndex("objsubid");
                    ctx.deleteWhere(SystemCatalogs.PG_DEPEND, r -> (Long) r[cls] == SystemCatalogs.PG_CLASS
                            && (Long) r[obj] == id && (Integer) r[sub] == o.subId());
                    ctx.relcache().invalidate((int) id);
                    return;
                }
                RelationDesc rel = ctx.relcache().byOid((int) id);
                deleteWhere(ctx, SystemCatalogs.PG_CLASS, "oid", id);
                deleteWhere(ctx, SystemCatalogs.PG_ATTRIBUTE, "attrelid", id);
                deleteWhere(ctx, SystemCatalogs.PG_STATISTIC, "starelid", id);   // RemoveStatistics
                deleteWhere(ctx, SystemCatalogs.PG_POLICY, "polrelid", id);      // its row-level security policies
                deleteWhere(ctx, SystemCatalogs.PG_INDEX, "indexrelid", id);
                deleteWhere(ctx, SequenceCommands.PG_SEQUENCE, "seqrelid", id);
                // inheritance and partitioning: its links to parents, its key, and a parent's default-partition mark
                deleteWhere(ctx, org.tusk.engine.catalog.PgInherits.OID, "inhrelid", id);
                deleteWhere(ctx, org.tusk.engine.catalog.PartitionCatalog.PG_PARTITIONED_TABLE, "partrelid", id);
                Catalog pt = SystemCatalogs.require(org.tusk.engine.catalog.PartitionCatalog.PG_PARTITIONED_TABLE);
                int defCol = pt.columnIndex("partdefid");
                for (CatalogTuple t : ctx.rows(org.tusk.engine.catalog.PartitionCatalog.PG_PARTITIONED_TABLE,
                        r -> ((Long) r[defCol]) == id)) {
                    Object[] row = t.values().clone();
                    row[defCol] = 0L;
                    ctx.access().update(org.tusk.engine.catalog.PartitionCatalog.PG_PARTITIONED_TABLE, t.tid(), row);
                }
                if (rel != null && rel.locator() != null && rel.kind() != 'v') {
                    RelFileLocator locator = rel.locator();
                    if (rel.kind() == 'i' || rel.kind() == 'I') {
                        var am = ctx.storage().indexAm(rel.amName() == null ? "btree" : rel.amName());
                        ctx.txn().onCommit(() -> am.dropStorage(locator));
                    } else {
                        var am = ctx.storage().tableAm(rel.amName() == null ? "heap" : rel.amName());
                        ctx.txn().onCommit(() -> am.dropStorage(locator));
                    }
                }
                break;
            }
            case SystemCatalogs.PG_CONSTRAINT: {
                Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
                for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_CONSTRAINT, "oid", id)) {
                    if ("c".equals(t.get(con, "contype"))) {
                        long rel = (Long) t.get(con, "conrelid");
                        if (!ctx.rowsWhere(SystemCatalogs.PG_CLASS, "oid", rel).isEmpty()) {
                            CreateTable.updateClass(ctx, (int) rel, "relchecks", (short) Math.max(0,
                                    (Short) CreateTable.classRow(ctx, (int) rel).get(SystemCatalogs.require(
                                            SystemCatalogs.PG_CLASS), "relchecks") - 1));
                        }
                    }
                    ctx.access().delete(SystemCatalogs.PG_CONSTRAINT, t.tid());
                }
                break;
            }
            case SystemCatalogs.PG_TYPE:
                deleteWhere(ctx, SystemCatalogs.PG_TYPE, "oid", id);
                TypeCommands.deleteTypeExtras(ctx, id);
                break;
            case SystemCatalogs.PG_ATTRDEF:
                deleteWhere(ctx, SystemCatalogs.PG_ATTRDEF, "oid", id);
                break;
            case SystemCatalogs.PG_PROC:
                deleteWhere(ctx, SystemCatalogs.PG_PROC, "oid", id);
                ctx.relcache().invalidateCatalog(SystemCatalogs.PG_PROC);
                break;
            case CastCommands.PG_CAST:
                deleteWhere(ctx, CastCommands.PG_CAST, "oid", id);
                break;
            case OpClassCommands.PG_OPCLASS:
            case OpClassCommands.PG_OPFAMILY:
            case OpClassCommands.PG_AMOP:
            case OpClassCommands.PG_AMPROC:
                deleteWhere(ctx, o.classId(), "oid", id);
                ctx.relcache().invalidateCatalog(o.classId());
                break;
            case SystemCatalogs.PG_REWRITE:
                deleteWhere(ctx, SystemCatalogs.PG_REWRITE, "oid", id);
                break;
            case CreateOperator.PG_OPERATOR: {
                // RemoveOperatorById: operators naming this one as commutator or negator forget it
                deleteWhere(ctx, CreateOperator.PG_OPERATOR, "oid", id);
                Catalog op = SystemCatalogs.require(CreateOperator.PG_OPERATOR);
                int oidCol = op.columnIndex("oid");
                for (String column : new String[] {"oprcom", "oprnegate"}) {
                    int col = op.columnIndex(column);
                    for (CatalogTuple t : ctx.rows(CreateOperator.PG_OPERATOR, r -> ((Number) r[col]).longValue() == id
                            && ((Number) r[oidCol]).longValue() != id)) {
                        Object[] row = t.values().clone();
                        row[col] = 0L;
                        ctx.access().update(CreateOperator.PG_OPERATOR, t.tid(), row);
                    }
                }
                ctx.relcache().invalidateCatalog(CreateOperator.PG_OPERATOR);
                break;
            }
            case CreateConversion.PG_CONVERSION:
            case TextSearchCommands.PG_TS_DICT:
            case TextSearchCommands.PG_TS_CONFIG:
                deleteWhere(ctx, o.classId(), "oid", id);
                break;
            case SystemCatalogs.PG_TRIGGER:
                deleteWhere(ctx, SystemCatalogs.PG_TRIGGER, "oid", id);
                break;
            case SystemCatalogs.PG_POLICY:
                deleteWhere(ctx, SystemCatalogs.PG_POLICY, "oid", id);
                break;
            case SystemCatalogs.PG_NAMESPACE:
                deleteWhere(ctx, SystemCatalogs.PG_NAMESPACE, "oid", id);
                break;
            default:
                break;
        }
        Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
        int cls = dep.columnIndex("classid");
        int obj = dep.columnIndex("objid");
        ctx.deleteWhere(SystemCatalogs.PG_DEPEND, r -> (Long) r[cls] == o.classId() && (Long) r[obj] == id);
        Catalog desc = SystemCatalogs.require(SystemCatalogs.PG_DESCRIPTION);
        int dobj = desc.columnIndex("objoid");
        int dcls = desc.columnIndex("classoid");
        ctx.deleteWhere(SystemCatalogs.PG_DESCRIPTION, r -> (Long) r[dobj] == id && (Long) r[dcls] == o.classId());
    }

    private static void deleteWhere(DdlContext ctx, int catalog, String column, long value) {
        int col = SystemCatalogs.require(catalog).columnIndex(column);
        ctx.deleteWhere(catalog, r -> r[col] instanceof Long l && l == value);
    }

    /** getObjectDescription: "table t", "index i", "constraint c on table t", "schema s", ... */
    static String describe(DdlContext ctx, ObjectAddress o) {
        long id = o.objectId();
        switch (o.classId()) {
            case SystemCatalogs.PG_CLASS: {
                RelationDesc rel = ctx.relcache().byOid((int) id);
                if (rel == null) {
                    return "relation " + id;
                }
                String name = qualified(ctx, rel);
                if (o.subId() != 0) {
                    for (org.tusk.engine.relcache.AttributeDesc a : rel.attributes()) {
                        if (a.attnum() == o.subId()) {
                            return "column " + a.name() + " of " + kindWord(rel.kind()) + " " + name;
                        }
                    }
                }
                return kindWord(rel.kind()) + " " + name;
            }
            case SystemCatalogs.PG_CONSTRAINT: {
                Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
                List<CatalogTuple> rows = ctx.rowsWhere(SystemCatalogs.PG_CONSTRAINT, "oid", id);
                if (rows.isEmpty()) {
                    return "constraint " + id;
                }
                RelationDesc rel = ctx.relcache().byOid(((Long) rows.get(0).get(con, "conrelid")).intValue());
                return "constraint " + rows.get(0).get(con, "conname") + " on "
                        + (rel == null ? "relation" : kindWord(rel.kind()) + " " + qualified(ctx, rel));
            }
            case SystemCatalogs.PG_TYPE: {
                List<CatalogTuple> rows = ctx.rowsWhere(SystemCatalogs.PG_TYPE, "oid", id);
                return "type " + (rows.isEmpty() ? id : rows.get(0).get(SystemCatalogs.require(SystemCatalogs.PG_TYPE), "typname"));
            }
            case SystemCatalogs.PG_ATTRDEF: {
                // getObjectDescription: "default value for column c of table t"
                Catalog def = SystemCatalogs.require(SystemCatalogs.PG_ATTRDEF);
                List<CatalogTuple> rows = ctx.rowsWhere(SystemCatalogs.PG_ATTRDEF, "oid", id);
                if (rows.isEmpty()) {
                    return "default value " + id;
                }
                int relOid = ((Number) rows.get(0).get(def, "adrelid")).intValue();
                int attnum = ((Number) rows.get(0).get(def, "adnum")).intValue();
                return "default value for " + describe(ctx, new ObjectAddress(SystemCatalogs.PG_CLASS, relOid, attnum));
            }
            case SystemCatalogs.PG_PROC: {
                Catalog proc = SystemCatalogs.require(SystemCatalogs.PG_PROC);
                List<CatalogTuple> rows = ctx.rowsWhere(SystemCatalogs.PG_PROC, "oid", id);
                if (rows.isEmpty()) {
                    return "function " + id;
                }
                StringBuilder sb = new StringBuilder();
                Object args = rows.get(0).get(proc, "proargtypes");
                if (args instanceof Object[] list) {
                    for (Object a : list) {
                        sb.append(sb.length() == 0 ? "" : ", ").append(TypeCatalog.formatType(ctx, ((Number) a).longValue()));
                    }
                }
                String kind = "p".equals(rows.get(0).get(proc, "prokind")) ? "procedure" : "function";
                return kind + " " + rows.get(0).get(proc, "proname") + "(" + sb + ")";
            }
            case CastCommands.PG_CAST: {
                Catalog cast = SystemCatalogs.require(CastCommands.PG_CAST);
                List<CatalogTuple> rows = ctx.rowsWhere(CastCommands.PG_CAST, "oid", id);
                return rows.isEmpty() ? "cast " + id : "cast from "
                        + TypeCatalog.formatType(ctx, (Long) rows.get(0).get(cast, "castsource")) + " to "
                        + TypeCatalog.formatType(ctx, (Long) rows.get(0).get(cast, "casttarget"));
            }
            case OpClassCommands.PG_OPCLASS:
            case OpClassCommands.PG_OPFAMILY:
            case OpClassCommands.PG_AMOP:
            case OpClassCommands.PG_AMPROC:
                return OpClassCommands.describe(ctx, o.classId(), id);
            case SystemCatalogs.PG_REWRITE: {
                ObjectAddress view = ruleOwner(ctx, id);
                return view == null ? "rule " + id : "rule _RETURN on " + describe(ctx, view);
            }
            case SystemCatalogs.PG_NAMESPACE: {
                List<CatalogTuple> rows = ctx.rowsWhere(SystemCatalogs.PG_NAMESPACE, "oid", id);
                return "schema " + (rows.isEmpty() ? id
                        : rows.get(0).get(SystemCatalogs.require(SystemCatalogs.PG_NAMESPACE), "nspname"));
            }
            case CreateConversion.PG_CONVERSION:
                return "conversion " + nameOf(ctx, o.classId(), id, "conname");
            case TextSearchCommands.PG_TS_DICT:
                return "text search dictionary " + nameOf(ctx, o.classId(), id, "dictname");
            case TextSearchCommands.PG_TS_CONFIG:
                return "text search configuration " + nameOf(ctx, o.classId(), id, "cfgname");
            case CreateOperator.PG_OPERATOR: {
                Catalog op = SystemCatalogs.require(CreateOperator.PG_OPERATOR);
                List<CatalogTuple> rows = ctx.rowsWhere(CreateOperator.PG_OPERATOR, "oid", id);
                if (rows.isEmpty()) {
                    return "operator " + id;
                }
                long left = ((Number) rows.get(0).get(op, "oprleft")).longValue();
                return "operator " + rows.get(0).get(op, "oprname") + "(" + (left == 0 ? "NONE"
                        : TypeCatalog.formatType(ctx, left)) + "," + TypeCatalog.formatType(ctx,
                        ((Number) rows.get(0).get(op, "oprright")).longValue()) + ")";
            }
            default:
                return "object " + o.classId() + "/" + id;
        }
    }

    private static Object nameOf(DdlContext ctx, int catalog, long id, String column) {
        List<CatalogTuple> rows = ctx.rowsWhere(catalog, "oid", id);
        return rows.isEmpty() ? id : rows.get(0).get(SystemCatalogs.require(catalog), column);
    }

    /** The relation's name, schema-qualified unless its schema is on the search path (as PostgreSQL shows it). */
    private static String qualified(DdlContext ctx, RelationDesc rel) {
        Integer visible = ctx.relcache().relationOid(null, rel.name(), ctx.searchPath());
        return visible != null && visible == rel.oid() ? rel.name() : rel.namespaceName() + "." + rel.name();
    }

    static String kindWord(char kind) {
        return switch (kind) {
            case 'i' -> "index";
            case 'v' -> "view";
            case 'S' -> "sequence";
            case 'm' -> "materialized view";
            case 'f' -> "foreign table";
            default -> "table";
        };
    }

    private static String kindWord(ObjectType type) {
        return switch (type) {
            case INDEX -> "index";
            case VIEW -> "view";
            case SEQUENCE -> "sequence";
            case MATVIEW -> "materialized view";
            case FOREIGN_TABLE -> "foreign table";
            default -> "table";
        };
    }

    private static String article(String kind) {
        return (kind.startsWith("i") ? "an " : "a ") + kind;
    }
}
