package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableScan;
import org.tusk.engine.analyze.SystemColumnRefs;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.PgInherits;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AlterObjectSchemaStmt;
import org.tusk.engine.nodes.AlterTableCmd;
import org.tusk.engine.nodes.AlterTableStmt;
import org.tusk.engine.nodes.ColumnDef;
import org.tusk.engine.nodes.ConstrType;
import org.tusk.engine.nodes.Constraint;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.RenameStmt;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.IndexDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.types.PgType;
import org.tusk.lmgr.LockMode;

/**
 * ALTER TABLE / INDEX / VIEW / SEQUENCE (tablecmds.c): ADD COLUMN [DEFAULT, NOT NULL,
 * constraints] (a table rewrite when existing rows need a value), DROP COLUMN (attisdropped,
 * with the indexes and constraints on the column), ALTER COLUMN SET/DROP DEFAULT and SET/DROP
 * NOT NULL (existing rows scanned), ADD CONSTRAINT (CHECK validated against existing rows),
 * DROP CONSTRAINT [IF EXISTS], OWNER TO; RENAME [COLUMN|CONSTRAINT] and SET SCHEMA. Every
 * command takes AccessExclusiveLock and sends a relcache invalidation.
 */
public final class AlterTable {

    private AlterTable() {
    }

    /** Whether {@code stmt} is one of the statements handled here. */
    public static boolean handles(Object stmt) {
        if (stmt instanceof AlterTableStmt a) {
            return isRelationKind(a.objtype());
        }
        if (stmt instanceof RenameStmt r) {
            return r.relation() != null && (isRelationKind(r.renameType()) || r.renameType() == ObjectType.COLUMN
                    || r.renameType() == ObjectType.TABCONSTRAINT);
        }
        if (stmt instanceof AlterObjectSchemaStmt s) {
            return s.relation() != null && isRelationKind(s.objectType());
        }
        return false;
    }

    private static boolean isRelationKind(ObjectType t) {
        return t == ObjectType.TABLE || t == ObjectType.INDEX || t == ObjectType.VIEW || t == ObjectType.SEQUENCE;
    }

    public static String execute(DdlContext ctx, RawStmt stmt, String sourceText, SqlRunner sql) {
        if (stmt instanceof RenameStmt r) {
            return rename(ctx, r);
        }
        if (stmt instanceof AlterObjectSchemaStmt s) {
            return setSchema(ctx, s);
        }
        AlterTableStmt a = (AlterTableStmt) stmt;
        RelationDesc table = open(ctx, a.relation(), a.missingOk());
        if (table == null) {
            return a.commandName();
        }
        // CheckTableNotInUse's neighbour in ATController: its pages are another backend's (RENAME is catalog-only)
        org.tusk.engine.relcache.OtherSessionTemp.check(table, ctx.relcache(), "alter");
        Matcher setDefault = Pattern.compile("(?is)\\bset\\s+default\\b").matcher(sourceText);
        Matcher using = Pattern.compile("(?is)\\busing\\b").matcher(sourceText);
        for (AlterTableCmd cmd : a.cmds()) {
            switch (cmd.subtype()) {
                case ADD_COLUMN -> addColumn(ctx, requireTable(table, "ADD COLUMN"), cmd, sql, a.relation().inh(), 0);
                case DROP_COLUMN -> {
                    RelationDesc target = requireTable(table, "DROP COLUMN");
                    if (a.relation().inh()) {
                        dropColumnFromInheritors(ctx, target, cmd);
                    }
                    dropColumn(ctx, target, cmd);
                }
                case COLUMN_DEFAULT -> {
                    String source = null;
                    if (cmd.def() != null) {
                        if (!setDefault.find()) {
                            throw Ereport.error(SqlState.INTERNAL_ERROR, "could not find the DEFAULT expression");
                        }
                        source = SourceText.expression(sourceText, setDefault.end());
                    }
                    columnDefault(ctx, requireTable(table, "ALTER COLUMN ... SET DEFAULT"), cmd.name(), source);
                }
                case SET_NOT_NULL -> setNotNull(ctx, requireTable(table, "ALTER COLUMN ... SET NOT NULL"), cmd.name(), sql);
                case DROP_NOT_NULL -> dropNotNull(ctx, requireTable(table, "ALTER COLUMN ... DROP NOT NULL"), cmd.name());
                case ADD_CONSTRAINT -> {
                    addConstraint(ctx, requireTable(table, "ADD CONSTRAINT"), (Constraint) cmd.def(), sql);
                    Constraint added = (Constraint) cmd.def();
                    if (a.relation().inh() && added.contype() == ConstrType.CHECK && !added.isNoInherit()) {
                        checkToInheritors(ctx, ctx.relcache().open(table.oid(), LockMode.ACCESS_EXCLUSIVE),
                                added.conname());
                    }
                }
                case DROP_CONSTRAINT -> {
                    RelationDesc target = requireTable(table, "DROP CONSTRAINT");
                    refuseInheritedCheck(ctx, target, cmd.name());
                    if (a.relation().inh()) {
                        dropCheckFromInheritors(ctx, target, cmd.name());
                    }
                    dropConstraint(ctx, target, cmd.name(), cmd.missingOk());
                }
                case CHANGE_OWNER -> changeOwner(ctx, table, cmd.newowner().rolename());
                case ENABLE_TRIG -> CreateTrigger.enable(ctx, table, cmd.name(), 'O', false);
                case ENABLE_ALWAYS_TRIG -> CreateTrigger.enable(ctx, table, cmd.name(), 'A', false);
                case ENABLE_REPLICA_TRIG -> CreateTrigger.enable(ctx, table, cmd.name(), 'R', false);
                case DISABLE_TRIG -> CreateTrigger.enable(ctx, table, cmd.name(), 'D', false);
                case ENABLE_TRIG_ALL -> CreateTrigger.enable(ctx, table, null, 'O', false);
                case DISABLE_TRIG_ALL -> CreateTrigger.enable(ctx, table, null, 'D', false);
                case ENABLE_TRIG_USER -> CreateTrigger.enable(ctx, table, null, 'O', true);
                case DISABLE_TRIG_USER -> CreateTrigger.enable(ctx, table, null, 'D', true);
                case ALTER_COLUMN_TYPE -> {
                    String usingText = null;
                    if (cmd.using() != null) {
                        if (!using.find()) {
                            throw Ereport.error(SqlState.INTERNAL_ERROR, "could not find the USING expression");
                        }
                        usingText = SourceText.expression(sourceText, using.end());
                    }
                    alterColumnType(ctx, requireTable(table, "ALTER COLUMN ... TYPE"), cmd, usingText, sql);
                }
                case SET_STORAGE -> setStorage(ctx, requireTable(table, "ALTER COLUMN ... SET STORAGE"), cmd);
                case SET_REL_OPTIONS -> setRelOptions(ctx, requireTable(table, "SET (...)"),
                        (org.tusk.engine.nodes.NodeList) cmd.def(), false);
                case RESET_REL_OPTIONS -> setRelOptions(ctx, requireTable(table, "RESET (...)"),
                        (org.tusk.engine.nodes.NodeList) cmd.def(), true);
                case ATTACH_PARTITION -> {
                    if (table.kind() == 'I' || table.kind() == 'i') {
                        PartitionedIndexes.attach(ctx, table, cmd.name());
                        break;
                    }
                    if (!(cmd.def() instanceof org.tusk.engine.nodes.PartitionBoundSpec bound)) {
                        throw Ereport.error(SqlState.SYNTAX_ERROR, "syntax error at end of input");
                    }
                    AttachPartition.attach(ctx, sql, table, cmd.name(), bound);
                }
                case DETACH_PARTITION -> AttachPartition.detach(ctx, table, cmd.name());
                case ENABLE_ROW_SECURITY -> CreateTable.updateClass(ctx, table.oid(), "relrowsecurity", true);
                case DISABLE_ROW_SECURITY -> CreateTable.updateClass(ctx, table.oid(), "relrowsecurity", false);
                case FORCE_ROW_SECURITY -> CreateTable.updateClass(ctx, table.oid(), "relforcerowsecurity", true);
                case NO_FORCE_ROW_SECURITY -> CreateTable.updateClass(ctx, table.oid(), "relforcerowsecurity", false);
                case SET_STATISTICS -> setStatistics(ctx, table, cmd);
                case CLUSTER_ON -> IndexMarks.clusterOn(ctx, table, cmd.name());
                case DROP_CLUSTER -> IndexMarks.dropCluster(ctx, table);
                case REPLICA_IDENTITY -> IndexMarks.replicaIdentity(ctx, requireTable(table, "REPLICA IDENTITY"),
                        cmd.name());
                case SET_LOGGED -> setPersistence(ctx, table, 'p');
                case SET_UNLOGGED -> setPersistence(ctx, table, 'u');
                default -> throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE "
                        + cmd.subtype().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " is not supported yet");
            }
            ctx.commandCounterIncrement();
            ctx.relcache().invalidate(table.oid());
            table = ctx.relcache().open(table.oid(), LockMode.ACCESS_EXCLUSIVE);
        }
        if (table.kind() == 'r') {
            ToastTable.createIfNeeded(ctx, table.oid());     // new or changed columns may need one now
        }
        return a.commandName();
    }

    /** ALTER COLUMN ... SET STORAGE: pg_attribute.attstorage; rows already stored keep their form. */
    /**
     * ALTER [TABLE | INDEX] ... ALTER COLUMN {name | number} SET STATISTICS n (ATExecSetStatistics):
     * pg_attribute.attstattarget; an index's column must be a key expression.
     */
    private static void setStatistics(DdlContext ctx, RelationDesc rel, AlterTableCmd cmd) {
        boolean index = rel.kind() == 'i' || rel.kind() == 'I';
        if (!index && rel.kind() != 'r' && rel.kind() != 'p' && rel.kind() != 'm' && rel.kind() != 'f') {
            requireTable(rel, "ALTER COLUMN ... SET STATISTICS");
        }
        int target = Integer.parseInt(((org.tusk.engine.nodes.AConst) cmd.def()).val());
        if (target < -1) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "statistics target " + target + " is too low");
        }
        if (target > 10000) {
            target = 10000;
            ctx.notice(new PgException(Severity.WARNING, SqlState.INVALID_PARAMETER_VALUE,
                    "lowering statistics target to " + target, null, null, 0, null));
        }
        AttributeDesc column = null;
        for (AttributeDesc a : rel.liveAttributes()) {
            if (cmd.name() != null ? a.name().equals(cmd.name()) : a.attnum() == cmd.num()) {
                column = a;
            }
        }
        if (column == null) {
            throw Ereport.error(SqlState.UNDEFINED_COLUMN, cmd.name() != null
                    ? "column \"" + cmd.name() + "\" of relation \"" + rel.name() + "\" does not exist"
                    : "column number " + cmd.num() + " of relation \"" + rel.name() + "\" does not exist");
        }
        if (index) {
            Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
            var row = ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indexrelid", (long) rel.oid()).get(0);
            int nkey = ((Number) row.get(pgIndex, "indnkeyatts")).intValue();
            Object[] indkey = (Object[]) row.get(pgIndex, "indkey");
            if (column.attnum() > nkey) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter statistics on included column \""
                        + column.name() + "\" of index \"" + rel.name() + "\"");
            }
            if (((Number) indkey[column.attnum() - 1]).intValue() != 0) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter statistics on non-expression column \""
                        + column.name() + "\" of index \"" + rel.name() + "\"")
                        .withHint("Alter statistics on table column instead.");
            }
        }
        Catalog att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        int relCol = att.columnIndex("attrelid");
        int numCol = att.columnIndex("attnum");
        long relOid = rel.oid();
        int attnum = column.attnum();
        for (var t : ctx.rows(SystemCatalogs.PG_ATTRIBUTE,
                r -> relOid == (Long) r[relCol] && (Short) r[numCol] == attnum)) {
            Object[] row = t.values().clone();
            row[att.columnIndex("attstattarget")] = target;
            ctx.access().update(SystemCatalogs.PG_ATTRIBUTE, t.tid(), row);
        }
    }

    private static void setStorage(DdlContext ctx, RelationDesc table, AlterTableCmd cmd) {
        String word = cmd.def() instanceof org.tusk.engine.nodes.AConst c ? c.val() : "";
        char storage = switch (word.toLowerCase(Locale.ROOT)) {
            case "plain" -> 'p';
            case "external" -> 'e';
            case "extended" -> 'x';
            case "main" -> 'm';
            default -> throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid storage type \"" + word + "\"");
        };
        AttributeDesc column = null;
        for (AttributeDesc a : table.liveAttributes()) {
            if (a.name().equals(cmd.name())) {
                column = a;
            }
        }
        if (column == null) {
            throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + cmd.name() + "\" of relation \""
                    + table.name() + "\" does not exist");
        }
        TypeLookup.TypeInfo type = TypeLookup.byOid(column.typeOid());
        if (storage != 'p' && type != null && type.storage() == 'p') {
            // format_type's SQL names of the usual fixed-length types
            String shown = switch (type.name()) {
                case "int2" -> "smallint";
                case "int4" -> "integer";
                case "int8" -> "bigint";
                case "float4" -> "real";
                case "float8" -> "double precision";
                case "bool" -> "boolean";
                case "timestamp" -> "timestamp without time zone";
                case "timestamptz" -> "timestamp with time zone";
                case "time" -> "time without time zone";
                case "timetz" -> "time with time zone";
                default -> type.name();
            };
            throw Ereport.error(SqlState.DATATYPE_MISMATCH, "column data type " + shown
                    + " can only have storage PLAIN");
        }
        ToastTable.setStorage(ctx, table.oid(), column.attnum(), storage);
    }

    private static RelationDesc open(DdlContext ctx, RangeVar rv, boolean missingOk) {
        try {
            RelationDesc rel = ctx.relcache().open(rv.schemaname(), rv.relname(), ctx.searchPath(),
                    LockMode.ACCESS_EXCLUSIVE, 0); // utility statements report no position
            ctx.roles().checkRelationOwner(rel);    // RangeVarCallbackForAlterRelation: the owner, before anything else
            if (rel.isSystemCatalog()) {
                throw Ereport.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + rel.name()
                        + "\" is a system catalog");
            }
            return rel;
        } catch (PgException e) {
            if (missingOk && SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                ctx.notice(notice("relation \"" + rv.relname() + "\" does not exist, skipping"));
                return null;
            }
            throw e;
        }
    }

    private static PgException notice(String message) {
        return new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, message, null, null, 0, null);
    }

    /** ATSimplePermissions' check: column and constraint actions need a table. */
    private static RelationDesc requireTable(RelationDesc rel, String action) {
        if (rel.kind() != 'r' && rel.kind() != 'p') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "ALTER action " + action
                    + " cannot be performed on relation \"" + rel.name() + "\"")
                    .withDetail("This operation is not supported for " + DropObjects.kindWord(rel.kind()) + "s.");
        }
        return rel;
    }

    private static AttributeDesc column(RelationDesc table, String name) {
        AttributeDesc a = table.attribute(name);
        if (a == null || a.dropped()) {
            throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + table.name()
                    + "\" does not exist");
        }
        return a;
    }

    // ---- columns ----

    /**
     * ATExecAddColumn. {@code inhcount} is 0 for the table the statement names and 1 for a child reached by
     * recursion: a child that already has the column merges with it (attinhcount + 1, a NOTICE) and is not
     * recursed into; otherwise the column is added (not local in a child) and then to each direct child in
     * turn, one level at a time, so a child with two parents in the hierarchy merges the second time.
     */
    private static void addColumn(DdlContext ctx, RelationDesc table, AlterTableCmd cmd, SqlRunner sql,
            boolean recurse, int inhcount) {
        ColumnDef cd = (ColumnDef) cmd.def();
        AttributeDesc existing = table.attribute(cd.colname());
        if (inhcount > 0 && existing != null && !existing.dropped()) {
            TypeLookup.TypeInfo type = TypeLookup.resolve(cd.typeName(), 0);
            int typmod = TypeLookup.typmod(cd.typeName(), type, 0);
            if (existing.typeOid() != type.oid() || existing.typmod() != typmod) {
                throw Ereport.error(SqlState.DATATYPE_MISMATCH, "child table \"" + table.name()
                        + "\" has different type for column \"" + cd.colname() + "\"");
            }
            Catalog att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
            int inhCol = att.columnIndex("attinhcount");
            updateAttribute(ctx, table.oid(), existing.attnum(), row -> {
                row[inhCol] = ((Number) row[inhCol]).intValue() + 1;
                return row;
            });
            ctx.notice(notice("merging definition of column \"" + cd.colname() + "\" for child \"" + table.name()
                    + "\""));
            ctx.commandCounterIncrement();
            return;
        }
        if (SystemColumnRefs.isSystemColumn(cd.colname())) {
            checkColumnNameCollision(table, cd.colname());
        }
        if (existing != null && !existing.dropped()) {
            if (cmd.missingOk()) {
                ctx.notice(notice("column \"" + cd.colname() + "\" of relation \"" + table.name()
                        + "\" already exists, skipping"));
                return;
            }
            throw Ereport.error(DdlStates.DUPLICATE_COLUMN, "column \"" + cd.colname() + "\" of relation \""
                    + table.name() + "\" already exists");
        }
        TypeLookup.TypeInfo type = TypeLookup.resolve(cd.typeName(), 0);
        int typmod = TypeLookup.typmod(cd.typeName(), type, 0);
        TypeLookup.resolveAgain(cd.typeName());
        boolean notNull = false;
        String defaultText = null;
        List<Constraint> constraints = new ArrayList<>();
        for (Constraint c : cd.constraints()) {
            switch (c.contype()) {
                case NOTNULL -> notNull = true;
                case NULL -> { }
                case DEFAULT -> defaultText = CreateTable.defaultSource(ctx, c);
                case PRIMARY -> {
                    notNull = true;
                    constraints.add(c);
                }
                case CHECK, UNIQUE, FOREIGN -> constraints.add(c);
                default -> throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                        c.contype().name().toLowerCase(Locale.ROOT) + " columns are not supported yet", c.location());
            }
        }
        List<Integer> children = PgInherits.children(ctx.access(), table.oid());
        if (!children.isEmpty() && !recurse) {
            throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "column must be added to child tables too");
        }
        int attnum = table.natts() + 1;
        CreateTable.insertAttribute(ctx, table.oid(), attnum, cd.colname(), type.oid(), typmod, notNull,
                defaultText != null, '\0', inhcount == 0, inhcount);
        if (defaultText != null) {
            CreateTable.storeDefault(ctx, table.oid(), attnum, DefaultLiteralLabel.label(defaultText, type.oid()));
        }
        CreateTable.updateClass(ctx, table.oid(), "relnatts", (short) attnum);
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(table.oid());
        if (defaultText != null || notNull) {
            // existing rows get the default (evaluated per row, like ATRewriteTable) or must be none
            PgType pgType = PgType.byOid(type.oid());
            Supplier<Object> value = defaultText == null ? () -> null
                    : sql.expression(defaultText, pgType == null ? null : pgType.displayName(typmod));
            boolean check = notNull;
            String name = cd.colname();
            int slot = attnum - 1;
            rewrite(ctx, table.oid(), row -> {
                row[slot] = value.get();
                if (check && row[slot] == null) {
                    throw Ereport.error(SqlState.NOT_NULL_VIOLATION, "column \"" + name + "\" of relation \""
                            + table.name() + "\" contains null values");
                }
                return row;
            }, sql);
        }
        RelationDesc now = ctx.relcache().open(table.oid(), LockMode.ACCESS_EXCLUSIVE);
        Set<String> taken = new HashSet<>();
        for (Constraint c : constraints) {
            CreateTable.addConstraint(ctx, now, c, cd.colname(), taken);
            if (c.contype() == ConstrType.CHECK) {
                validateChecks(ctx, table.oid(), sql);
            }
            now = ctx.relcache().open(table.oid(), LockMode.ACCESS_EXCLUSIVE);
        }
        if (!children.isEmpty()) {
            // children see the column as singly inherited; constraints that are not inherited stay here
            List<Constraint> inherited = new ArrayList<>();
            for (Constraint c : cd.constraints()) {
                if (c.contype() == ConstrType.NOTNULL || c.contype() == ConstrType.NULL
                        || c.contype() == ConstrType.DEFAULT) {
                    inherited.add(c);
                }
            }
            ColumnDef childDef = new ColumnDef(cd.colname(), cd.typeName(), cd.compression(), cd.storage(),
                    cd.collClause(), inherited, cd.location());
            AlterTableCmd childCmd = new AlterTableCmd(cmd.subtype(), cmd.name(), cmd.num(), cmd.newowner(), childDef,
                    cmd.using(), cmd.behavior(), cmd.missingOk());
            for (int child : children) {
                RelationDesc childRel = ctx.relcache().open(child, LockMode.ACCESS_EXCLUSIVE);
                addColumn(ctx, childRel, childCmd, sql, recurse, 1);
                ctx.commandCounterIncrement();
                ctx.relcache().invalidate(child);
                ToastTable.createIfNeeded(ctx, child); // as for the named table: the new column may need one
            }
        }
    }

    /**
     * ATExecDropColumn's recursion: an inheritor's copy of the column goes with it when it was
     * inherited only from this parent and never declared locally; otherwise it just counts one
     * parent less.
     */
    private static void dropColumnFromInheritors(DdlContext ctx, RelationDesc parent, AlterTableCmd cmd) {
        AttributeDesc pa = parent.attribute(cmd.name());
        if (pa == null || pa.dropped()) {
            return;
        }
        Catalog att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        for (int childOid : org.tusk.engine.catalog.PgInherits.children(ctx.access(), parent.oid())) {
            RelationDesc child = ctx.relcache().open(childOid, LockMode.ACCESS_EXCLUSIVE);
            AttributeDesc ca = child.attribute(cmd.name());
            if (ca == null || ca.dropped()) {
                continue;
            }
            CatalogTuple t = attributeRow(ctx, childOid, ca.attnum());
            int inhcount = t == null ? 0 : (Integer) t.get(att, "attinhcount");
            boolean local = t == null || Boolean.TRUE.equals(t.get(att, "attislocal"));
            if (inhcount <= 1 && !local) {
                dropColumnFromInheritors(ctx, child, cmd);
                dropColumn(ctx, child, cmd);
            } else if (t != null) {
                Object[] row = t.values().clone();
                row[att.columnIndex("attinhcount")] = Math.max(0, inhcount - 1);
                ctx.access().update(SystemCatalogs.PG_ATTRIBUTE, t.tid(), row);
                ctx.commandCounterIncrement();
                ctx.relcache().invalidate(childOid);
            }
        }
    }

    /** 42P16 for a CHECK the table has from a parent (it goes when the parent's does). */
    private static void refuseInheritedCheck(DdlContext ctx, RelationDesc table, String name) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        int nameCol = con.columnIndex("conname");
        long rel = Integer.toUnsignedLong(table.oid());
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                r -> r[relCol] instanceof Long l && l == rel && name.equals(r[nameCol]))) {
            if ("c".equals(t.get(con, "contype")) && (Integer) t.get(con, "coninhcount") > 0) {
                throw Ereport.error("42P16", "cannot drop inherited constraint \"" + name + "\" of relation \""
                        + table.name() + "\"");
            }
        }
    }

    /** The pg_attribute row of one column of {@code relOid}, or null. */
    static CatalogTuple attributeRow(DdlContext ctx, int relOid, int attnum) {
        Catalog att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        int relCol = att.columnIndex("attrelid");
        int numCol = att.columnIndex("attnum");
        long rel = Integer.toUnsignedLong(relOid);
        List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_ATTRIBUTE,
                r -> r[relCol] instanceof Long l && l == rel && ((Number) r[numCol]).intValue() == attnum);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * ATExecDropConstraint's recursion for CHECKs: an inheritor's copy goes when this parent was
     * its only source and it was not declared locally; otherwise it counts one parent less.
     */
    private static void dropCheckFromInheritors(DdlContext ctx, RelationDesc parent, String name) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        int nameCol = con.columnIndex("conname");
        int typeCol = con.columnIndex("contype");
        long p = Integer.toUnsignedLong(parent.oid());
        if (ctx.rows(SystemCatalogs.PG_CONSTRAINT, r -> r[relCol] instanceof Long l && l == p && name.equals(r[nameCol])
                && "c".equals(r[typeCol])).isEmpty()) {
            return;
        }
        for (int childOid : org.tusk.engine.catalog.PgInherits.children(ctx.access(), parent.oid())) {
            long c = Integer.toUnsignedLong(childOid);
            List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                    r -> r[relCol] instanceof Long l && l == c && name.equals(r[nameCol]) && "c".equals(r[typeCol]));
            if (rows.isEmpty()) {
                continue;
            }
            CatalogTuple t = rows.get(0);
            int inhcount = (Integer) t.get(con, "coninhcount");
            boolean local = Boolean.TRUE.equals(t.get(con, "conislocal"));
            RelationDesc child = ctx.relcache().open(childOid, LockMode.ACCESS_EXCLUSIVE);
            if (inhcount <= 1 && !local) {
                dropCheckFromInheritors(ctx, child, name);
                dropConstraint(ctx, child, name, true);
            } else {
                Object[] row = t.values().clone();
                row[con.columnIndex("coninhcount")] = Math.max(0, inhcount - 1);
                ctx.access().update(SystemCatalogs.PG_CONSTRAINT, t.tid(), row);
            }
            ctx.commandCounterIncrement();
            ctx.relcache().invalidate(childOid);
        }
    }

    /**
     * ADD CONSTRAINT CHECK's recursion (ATAddCheckConstraint): every inheritor gets a copy
     * (conislocal false, coninhcount 1); one with a same-named CHECK merges it with a NOTICE.
     * {@code name} null: the constraint the parent got last.
     */
    private static void checkToInheritors(DdlContext ctx, RelationDesc parent, String name) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        int typeCol = con.columnIndex("contype");
        int nameCol = con.columnIndex("conname");
        long parentOid = Integer.toUnsignedLong(parent.oid());
        List<CatalogTuple> checks = ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                r -> parentOid == (Long) r[relCol] && "c".equals(r[typeCol]) && (name == null || name.equals(r[nameCol])));
        if (checks.isEmpty()) {
            return;
        }
        CatalogTuple check = checks.get(checks.size() - 1);
        String conname = (String) check.get(con, "conname");
        String source = (String) check.get(con, "conbin");
        for (int childOid : org.tusk.engine.catalog.PgInherits.children(ctx.access(), parent.oid())) {
            RelationDesc child = ctx.relcache().open(childOid, LockMode.ACCESS_EXCLUSIVE);
            long c = Integer.toUnsignedLong(childOid);
            List<CatalogTuple> existing = ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                    r -> c == (Long) r[relCol] && conname.equals(r[nameCol]));
            if (!existing.isEmpty()) {
                Object[] row = existing.get(0).values().clone();
                row[con.columnIndex("coninhcount")] = (Integer) row[con.columnIndex("coninhcount")] + 1;
                if (Boolean.TRUE.equals(CreateTable.classRow(ctx, childOid).get(
                        SystemCatalogs.require(SystemCatalogs.PG_CLASS), "relispartition"))) {
                    // MergeWithExistingConstraint: a partition's constraint is inherited once and never local
                    row[con.columnIndex("coninhcount")] = 1;
                    row[con.columnIndex("conislocal")] = false;
                }
                ctx.access().update(SystemCatalogs.PG_CONSTRAINT, existing.get(0).tid(), row);
                ctx.notice(notice("merging constraint \"" + conname + "\" with inherited definition"));
            } else {
                List<Integer> keys = new ArrayList<>();
                for (AttributeDesc at : child.liveAttributes()) {
                    if (source != null && source.contains(at.name())) {
                        keys.add(at.attnum());
                    }
                }
                long oid = CreateTable.insertConstraint(ctx, child, conname, "c", keys, 0, 0, null, source, false, 1);
                CreateTable.recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, oid, 0, SystemCatalogs.PG_CLASS,
                        childOid, 0, "a");
                CreateTable.bumpRelChecks(ctx, childOid, 1);
            }
            ctx.commandCounterIncrement();
            ctx.relcache().invalidate(childOid);
            checkToInheritors(ctx, ctx.relcache().open(childOid, LockMode.ACCESS_EXCLUSIVE), conname);
        }
    }

    /** A column dropped because what its type was is dropped (DROP TYPE ... CASCADE): as ALTER TABLE DROP COLUMN. */
    static void dropColumnOf(DdlContext ctx, int relOid, int attnum) {
        RelationDesc table = ctx.relcache().byOid(relOid);
        if (table == null) {
            return;
        }
        for (AttributeDesc a : table.attributes()) {
            if (a.attnum() == attnum && !a.dropped()) {
                dropColumn(ctx, table, new AlterTableCmd(org.tusk.engine.nodes.AlterTableType.DROP_COLUMN, a.name(), 0, null, null, null,
                        org.tusk.engine.nodes.DropBehavior.CASCADE, true));
                return;
            }
        }
    }

    private static void dropColumn(DdlContext ctx, RelationDesc table, AlterTableCmd cmd) {
        AttributeDesc a = table.attribute(cmd.name());
        if (a == null || a.dropped()) {
            if (cmd.missingOk()) {
                ctx.notice(notice("column \"" + cmd.name() + "\" of relation \"" + table.name()
                        + "\" does not exist, skipping"));
                return;
            }
            column(table, cmd.name());
        }
        int attnum = a.attnum();
        if (table.kind() == 'p' && Partitioning.isKeyColumn(ctx, table, a)) {
            // ATExecDropColumn: has_partition_attrs
            throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "cannot drop column \"" + a.name()
                    + "\" because it is part of the partition key of relation \"" + table.name() + "\"");
        }
        // indexes and constraints on the column go with it
        List<DropObjects.ObjectAddress> dependents = new ArrayList<>();
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        long rel = table.oid();
        Set<Long> constraintIndexes = new HashSet<>();
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_CONSTRAINT, r -> r[relCol] instanceof Long l && l == rel)) {
            if (contains(t.get(con, "conkey"), attnum)) {
                dependents.add(new DropObjects.ObjectAddress(SystemCatalogs.PG_CONSTRAINT, (Long) t.get(con, "oid")));
                Object idx = t.get(con, "conindid");
                if (idx instanceof Long l && l != 0) {
                    constraintIndexes.add(l);
                }
            }
        }
        for (IndexDesc index : table.indexes()) {
            for (int k : index.keyAttnums()) {
                if (k == attnum && !constraintIndexes.contains((long) index.oid())) {
                    dependents.add(new DropObjects.ObjectAddress(SystemCatalogs.PG_CLASS, index.oid()));
                    break;
                }
            }
        }
        if (!dependents.isEmpty()) {
            DropObjects.performDeletion(ctx, dependents, true);
        }
        Catalog att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        updateAttribute(ctx, table.oid(), attnum, row -> {
            row[att.columnIndex("attisdropped")] = true;
            row[att.columnIndex("attname")] = "........pg.dropped." + attnum + "........";
            row[att.columnIndex("atttypid")] = 0L;
            row[att.columnIndex("attnotnull")] = false;
            row[att.columnIndex("atthasdef")] = false;
            return row;
        });
        deleteDefault(ctx, table.oid(), attnum);
    }

    /**
     * ALTER COLUMN TYPE (ATPrepAlterColumnType + ATRewriteTable): every row's value converted by
     * {@code CAST((USING expression or the column) AS new type)}, analyzed against the old row
     * type, then pg_attribute changed and the table rewritten (indexes rebuilt).
     */
    private static void alterColumnType(DdlContext ctx, RelationDesc table, AlterTableCmd cmd, String usingText,
            SqlRunner sql) {
        AttributeDesc a = column(table, cmd.name());
        ColumnDef def = (ColumnDef) cmd.def();
        TypeLookup.TypeInfo type = TypeLookup.resolve(def.typeName(), 0);
        int typmod = TypeLookup.typmod(def.typeName(), type, 0);
        PgType pgType = PgType.byOid(type.oid());
        if (pgType == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "ALTER COLUMN TYPE to a non-built-in type is not supported yet");
        }
        String source = usingText != null ? usingText : quote(a.name());
        java.util.function.Function<Object[], Object> convert = sql.rowExpression(
                "CAST((" + source + ") AS " + pgType.displayName(typmod) + ")", qualified(table));
        List<AttributeDesc> live = table.liveAttributes();
        Catalog att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        updateAttribute(ctx, table.oid(), a.attnum(), row -> {
            row[att.columnIndex("atttypid")] = (long) type.oid();
            row[att.columnIndex("atttypmod")] = typmod;
            row[att.columnIndex("attlen")] = (short) type.len();
            row[att.columnIndex("attbyval")] = type.byVal();
            row[att.columnIndex("attalign")] = String.valueOf(type.align());
            row[att.columnIndex("attstorage")] = String.valueOf(type.storage());
            row[att.columnIndex("attcollation")] = (long) type.collation();
            return row;
        });
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(table.oid());
        int slot = a.attnum() - 1;
        rewrite(ctx, table.oid(), row -> {
            Object[] values = new Object[live.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row[live.get(i).attnum() - 1];
            }
            row[slot] = convert.apply(values);
            return row;
        }, sql);
        reanalyzeIndexTexts(ctx, table.oid(), sql);
    }

    /**
     * After a column's type changed, the indexes' expression and predicate texts analyzed again and
     * printed anew, as PostgreSQL rebuilds them from their definitions (a cast to the column's new type
     * disappears: {@code (c2)::text} becomes {@code c2}). A text that no longer analyzes stays as it was.
     */
    private static void reanalyzeIndexTexts(DdlContext ctx, int tableOid, SqlRunner sql) {
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(tableOid);
        RelationDesc table = ctx.relcache().open(tableOid, org.tusk.lmgr.LockMode.ACCESS_EXCLUSIVE);
        Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        String sep = org.tusk.engine.func.sysinfo.ObjectDefinitions.EXPRESSION_SEPARATOR;
        for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indrelid", (long) tableOid)) {
            Object exprs = t.get(pgIndex, "indexprs");
            Object pred = t.get(pgIndex, "indpred");
            if (exprs == null && pred == null) {
                continue;
            }
            Object[] values = t.values().clone();
            if (exprs instanceof String text) {
                List<String> out = new ArrayList<>();
                for (String e : text.split(sep, -1)) {
                    out.add(reanalyzed(e, table, sql, false));
                }
                values[pgIndex.columnIndex("indexprs")] = String.join(sep, out);
            }
            if (pred instanceof String text) {
                values[pgIndex.columnIndex("indpred")] = reanalyzed(text, table, sql, true);
            }
            ctx.access().update(SystemCatalogs.PG_INDEX, t.tid(), values);
        }
    }

    private static String reanalyzed(String text, RelationDesc table, SqlRunner sql, boolean predicate) {
        try {
            var parsed = org.tusk.engine.parser.Parser.parse("SELECT " + text);
            var select = (org.tusk.engine.nodes.SelectStmt) parsed.get(0).stmt();
            return org.tusk.engine.planner.Deparser.unqualifiedAsWritten(
                    sql.indexExpression(select.targetList().get(0).val(), table, predicate));
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static boolean contains(Object keys, int attnum) {
        Object[] array = keys instanceof Object[] o ? o
                : keys instanceof org.tusk.engine.types.ArrayValue av ? av.elements() : null;
        if (array == null) {
            return false;
        }
        for (Object k : array) {
            if (k instanceof Number n && n.intValue() == attnum) {
                return true;
            }
        }
        return false;
    }

    private static void columnDefault(DdlContext ctx, RelationDesc table, String name, String source) {
        AttributeDesc a = column(table, name);
        deleteDefault(ctx, table.oid(), a.attnum());
        if (source != null) {
            CreateTable.storeDefault(ctx, table.oid(), a.attnum(), DefaultLiteralLabel.label(source, a.typeOid()));
        }
        Catalog att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        updateAttribute(ctx, table.oid(), a.attnum(), row -> {
            row[att.columnIndex("atthasdef")] = source != null;
            return row;
        });
    }

    private static void deleteDefault(DdlContext ctx, int relOid, int attnum) {
        Catalog def = SystemCatalogs.require(SystemCatalogs.PG_ATTRDEF);
        int relCol = def.columnIndex("adrelid");
        int numCol = def.columnIndex("adnum");
        long rel = relOid;
        List<DropObjects.ObjectAddress> defaults = new ArrayList<>();
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_ATTRDEF,
                r -> r[relCol] instanceof Long l && l == rel && ((Number) r[numCol]).intValue() == attnum)) {
            defaults.add(new DropObjects.ObjectAddress(SystemCatalogs.PG_ATTRDEF, (Long) t.get(def, "oid")));
        }
        if (!defaults.isEmpty()) {
            DropObjects.performDeletion(ctx, defaults, true);
        }
    }

    private static void setNotNull(DdlContext ctx, RelationDesc table, String name, SqlRunner sql) {
        AttributeDesc a = column(table, name);
        if (a.notNull()) {
            return;
        }
        if (sql.anyRow("SELECT 1 FROM " + qualified(table) + " WHERE " + quote(a.name()) + " IS NULL LIMIT 1")) {
            throw Ereport.error(SqlState.NOT_NULL_VIOLATION, "column \"" + a.name() + "\" of relation \""
                    + table.name() + "\" contains null values");
        }
        CreateTable.setNotNull(ctx, table.oid(), a.attnum(), true);
    }

    private static void dropNotNull(DdlContext ctx, RelationDesc table, String name) {
        AttributeDesc a = column(table, name);
        for (IndexDesc index : table.indexes()) {
            if (index.primary()) {
                for (int k : index.keyAttnums()) {
                    if (k == a.attnum()) {
                        throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION,
                                "column \"" + a.name() + "\" is in a primary key");
                    }
                }
            }
        }
        CreateTable.setNotNull(ctx, table.oid(), a.attnum(), false);
    }

    private static void updateAttribute(DdlContext ctx, int relOid, int attnum, UnaryOperator<Object[]> change) {
        Catalog att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        int relCol = att.columnIndex("attrelid");
        int numCol = att.columnIndex("attnum");
        long rel = relOid;
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_ATTRIBUTE,
                r -> r[relCol] instanceof Long l && l == rel && ((Number) r[numCol]).intValue() == attnum)) {
            ctx.access().update(SystemCatalogs.PG_ATTRIBUTE, t.tid(), change.apply(t.values().clone()));
        }
    }

    // ---- constraints ----

    private static void addConstraint(DdlContext ctx, RelationDesc table, Constraint c, SqlRunner sql) {
        if (c.contype() == ConstrType.PRIMARY) {
            List<String> keyNames = c.indexname() == null ? c.keys() : IndexConstraintFromIndex.keyNames(table,
                    IndexConstraintFromIndex.resolve(ctx, table, c));
            for (String key : keyNames) {
                AttributeDesc a = table.attribute(key);
                if (a != null && !a.dropped() && !a.notNull() && sql.anyRow("SELECT 1 FROM " + qualified(table)
                        + " WHERE " + quote(a.name()) + " IS NULL LIMIT 1")) {
                    throw Ereport.error(SqlState.NOT_NULL_VIOLATION, "column \"" + key + "\" of relation \""
                            + table.name() + "\" contains null values");
                }
            }
        }
        Set<Long> foreignBefore = foreignKeys(ctx, table.oid());
        CreateTable.addConstraint(ctx, table, c, null, new HashSet<>());
        if (c.contype() == ConstrType.CHECK) {
            validateChecks(ctx, table.oid(), sql);
        }
        if (c.contype() == ConstrType.FOREIGN) {
            for (long fk : foreignKeys(ctx, table.oid())) {
                if (!foreignBefore.contains(fk)) {
                    validateForeignKey(ctx, table, fk, sql);
                }
            }
        }
    }

    private static Set<Long> foreignKeys(DdlContext ctx, int relOid) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        int typeCol = con.columnIndex("contype");
        long rel = relOid;
        Set<Long> out = new HashSet<>();
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                r -> r[relCol] instanceof Long l && l == rel && "f".equals(r[typeCol]))) {
            out.add((Long) t.get(con, "oid"));
        }
        return out;
    }

    /**
     * RI_Initial_Check: a row whose key columns are all non-null must have its key in the referenced
     * table; 23503 with PostgreSQL's DETAIL for the first that has not.
     */
    private static void validateForeignKey(DdlContext ctx, RelationDesc table, long constraintOid, SqlRunner sql) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        CatalogTuple t = ctx.rowsWhere(SystemCatalogs.PG_CONSTRAINT, "oid", constraintOid).get(0);
        RelationDesc ref = ctx.relcache().open(((Long) t.get(con, "confrelid")).intValue(), LockMode.ROW_SHARE);
        List<String> keys = new ArrayList<>();
        List<String> refKeys = new ArrayList<>();
        for (Object k : elements(t.get(con, "conkey"))) {
            keys.add(table.attributes().get(((Number) k).intValue() - 1).name());
        }
        for (Object k : elements(t.get(con, "confkey"))) {
            refKeys.add(ref.attributes().get(((Number) k).intValue() - 1).name());
        }
        StringBuilder q = new StringBuilder("SELECT ");
        StringBuilder notNull = new StringBuilder();
        StringBuilder match = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            q.append(i == 0 ? "" : ", ").append("fk.").append(quote(keys.get(i)));
            notNull.append(" AND fk.").append(quote(keys.get(i))).append(" IS NOT NULL");
            match.append(i == 0 ? "" : " AND ").append("pk.").append(quote(refKeys.get(i))).append(" = fk.")
                    .append(quote(keys.get(i)));
        }
        q.append(" FROM ").append(qualified(table)).append(" fk WHERE true").append(notNull)
                .append(" AND NOT EXISTS (SELECT 1 FROM ").append(qualified(ref)).append(" pk WHERE ").append(match)
                .append(") LIMIT 1");
        Object[] row = sql.firstRow(q.toString());
        if (row != null) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                values.add(String.valueOf(row[i]));
            }
            throw Ereport.error(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + table.name()
                    + "\" violates foreign key constraint \"" + t.get(con, "conname") + "\"")
                    .withDetail("Key (" + String.join(", ", keys) + ")=(" + String.join(", ", values)
                            + ") is not present in table \"" + ref.name() + "\".");
        }
    }

    private static Object[] elements(Object array) {
        return array instanceof Object[] o ? o
                : array instanceof org.tusk.engine.types.ArrayValue av ? av.elements() : new Object[0];
    }

    /** Existing rows must satisfy every CHECK constraint (validateCheckConstraint): 23514 on the first violated. */
    private static void validateChecks(DdlContext ctx, int relOid, SqlRunner sql) {
        RelationDesc table = ctx.relcache().open(relOid, LockMode.ACCESS_EXCLUSIVE);
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        long rel = relOid;
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_CONSTRAINT, r -> r[relCol] instanceof Long l && l == rel)) {
            if (!"c".equals(t.get(con, "contype"))) {
                continue;
            }
            String source = (String) t.get(con, "conbin");
            if (source == null) {
                continue;
            }
            if (sql.anyRow("SELECT 1 FROM " + qualified(table) + " WHERE NOT (" + source + ") LIMIT 1")) {
                throw Ereport.error(SqlState.CHECK_VIOLATION, "check constraint \"" + t.get(con, "conname")
                        + "\" of relation \"" + table.name() + "\" is violated by some row");
            }
        }
    }

    private static void dropConstraint(DdlContext ctx, RelationDesc table, String name, boolean missingOk) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        int nameCol = con.columnIndex("conname");
        long rel = table.oid();
        List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                r -> r[relCol] instanceof Long l && l == rel && name.equals(r[nameCol]));
        if (rows.isEmpty()) {
            if (missingOk) {
                ctx.notice(notice("constraint \"" + name + "\" of relation \"" + table.name()
                        + "\" does not exist, skipping"));
                return;
            }
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" of relation \""
                    + table.name() + "\" does not exist");
        }
        List<DropObjects.ObjectAddress> targets = new ArrayList<>();
        for (CatalogTuple t : rows) {
            targets.add(new DropObjects.ObjectAddress(SystemCatalogs.PG_CONSTRAINT, (Long) t.get(con, "oid")));
        }
        DropObjects.performDeletion(ctx, targets, false);
    }

    /**
     * ALTER TABLE SET (name = value, ...) / RESET (name, ...): validated as CREATE TABLE's WITH
     * options, merged into pg_class.reloptions (a later setting replaces an earlier one of the
     * same name). Nothing reads them yet besides the catalogs.
     */
    private static void setRelOptions(DdlContext ctx, RelationDesc table, org.tusk.engine.nodes.NodeList options,
            boolean reset) {
        List<org.tusk.engine.nodes.DefElem> defs = new ArrayList<>();
        for (var n : options.items()) {
            defs.add((org.tusk.engine.nodes.DefElem) n);
        }
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        Object current = CreateTable.classRow(ctx, table.oid()).get(pgClass, "reloptions");
        List<String> merged = new ArrayList<>();
        if (current instanceof Object[] arr) {
            for (Object o : arr) {
                merged.add(String.valueOf(o));
            }
        } else if (current instanceof org.tusk.engine.types.ArrayValue av) {
            for (int i = 0; i < av.elements().length; i++) {
                merged.add(String.valueOf(av.elements()[i]));
            }
        }
        List<String> changed = reset ? new ArrayList<>() : CreateTable.reloptions(defs);
        for (org.tusk.engine.nodes.DefElem d : defs) {
            merged.removeIf(o -> o.startsWith(d.defname() + "="));
        }
        merged.addAll(changed);
        CreateTable.updateClass(ctx, table.oid(), "reloptions", merged.isEmpty() ? null : merged.toArray());
    }

    /**
     * ALTER TABLE/SEQUENCE SET LOGGED/UNLOGGED (ATPrepChangePersistence): relpersistence of the
     * relation and its indexes (PostgreSQL rewrites them into new files; Tusk's storage keeps
     * no init fork, so only the catalog changes). A temporary table cannot change.
     */
    private static void setPersistence(DdlContext ctx, RelationDesc table, char persistence) {
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        Object current = CreateTable.classRow(ctx, table.oid()).get(pgClass, "relpersistence");
        String now = String.valueOf(current);
        if (now.equals("t")) {
            throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "cannot change logged status of table \""
                    + table.name() + "\" because it is temporary");
        }
        if (now.equals(String.valueOf(persistence))) {
            return;
        }
        Object value = current instanceof Character ? (Object) persistence : String.valueOf(persistence);
        CreateTable.updateClass(ctx, table.oid(), "relpersistence", value);
        for (IndexDesc index : table.indexes()) {
            CreateTable.updateClass(ctx, index.oid(), "relpersistence", value);
            ctx.relcache().invalidate(index.oid());
        }
    }

    private static void changeOwner(DdlContext ctx, RelationDesc table, String role) {
        long owner = CatalogNames.roleOid(ctx, role);
        CreateTable.updateClass(ctx, table.oid(), "relowner", owner);
        for (IndexDesc index : table.indexes()) {
            CreateTable.updateClass(ctx, index.oid(), "relowner", owner);
        }
    }

    // ---- rewrite ----

    /**
     * ATRewriteTable: every visible row, changed, into a new relfilenode (the old one dropped at
     * commit, the new one at abort), then the indexes rebuilt over the new rows.
     */
    static void rewrite(DdlContext ctx, int relOid, UnaryOperator<Object[]> change, SqlRunner sql) {
        RelationDesc rel = ctx.relcache().open(relOid, LockMode.ACCESS_EXCLUSIVE);
        TableAccessMethod am = ctx.storage().tableAm(rel.amName() == null ? "heap" : rel.amName());
        RelFileLocator old = rel.locator();
        int fileNode = ctx.newRelationOid();
        RelFileLocator fresh = old.withRelNumber(fileNode);
        am.createStorage(fresh);
        ctx.txn().onAbort(() -> am.dropStorage(fresh));
        ctx.txn().noteNewRelfilenode(fresh);          // COPY FREEZE may fill it
        var snapshot = ctx.txn().snapshot(ctx.access().level());
        var txnContext = ctx.txn().context(ctx.access().level());
        int natts = rel.natts();
        // toasted values are read back and stored again (new chunks); the old rows' chunks go with them
        org.tusk.engine.access.ToastRelation toast = ToastTable.open(ctx, rel);
        char[] storage = ToastTable.storage(ctx.relcache().open(relOid, LockMode.ACCESS_EXCLUSIVE));
        try (TableScan scan = am.beginScan(old, snapshot, txnContext)) {
            while (scan.next()) {
                Object[] row = change.apply(ToastTable.deform(toast, scan.data(), natts, snapshot));
                am.insert(fresh, org.tusk.engine.access.Toast.form(row, storage, toast), txnContext);
                if (toast != null) {
                    for (var p : org.tusk.engine.access.ToastRelation.pointers(scan.data())) {
                        toast.delete(p, snapshot);
                    }
                }
            }
        }
        ctx.txn().onCommit(() -> am.dropStorage(old));
        CreateTable.updateClass(ctx, rel.oid(), "relfilenode", (long) fileNode);
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(rel.oid());
        DefineIndex.rebuildIntoNewFiles(ctx, rel, sql);
    }

    // ---- RENAME, SET SCHEMA ----

    private static String rename(DdlContext ctx, RenameStmt r) {
        RelationDesc rel = open(ctx, r.relation(), r.missingOk());
        if (rel == null) {
            return r.commandName();
        }
        switch (r.renameType()) {
            case COLUMN -> renameColumn(ctx, rel, r.subname(), r.newname(), r.relation().inh(), 0);
            case TABCONSTRAINT -> {
                Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
                int relCol = con.columnIndex("conrelid");
                int nameCol = con.columnIndex("conname");
                long relOid = rel.oid();
                List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                        x -> x[relCol] instanceof Long l && l == relOid && r.subname().equals(x[nameCol]));
                if (rows.isEmpty()) {
                    throw Ereport.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + r.subname() + "\" for table \""
                            + rel.name() + "\" does not exist");
                }
                if (CreateTable.constraintExists(ctx, rel.oid(), r.newname())) {
                    throw Ereport.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + r.newname()
                            + "\" for relation \"" + rel.name() + "\" already exists");
                }
                CatalogTuple t = rows.get(0);
                Object[] row = t.values().clone();
                row[nameCol] = r.newname();
                ctx.access().update(SystemCatalogs.PG_CONSTRAINT, t.tid(), row);
                Object index = t.get(con, "conindid");
                if (index instanceof Long l && l != 0) {
                    renameRelation(ctx, l.intValue(), rel.namespaceOid(), r.newname());
                }
            }
            default -> {
                renameRelation(ctx, rel.oid(), rel.namespaceOid(), r.newname());
                if (rel.kind() == 'S') {
                    CreateTable.renameSequenceInDefaults(ctx, rel.oid(), rel.name(), r.newname());
                }
                if (rel.kind() == 'i' || rel.kind() == 'I') {
                    // an index that implements a constraint gives the constraint its new name too
                    Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
                    int indCol = con.columnIndex("conindid");
                    long indexOid = rel.oid();
                    for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                            x -> x[indCol] instanceof Long l && l == indexOid)) {
                        Object[] row = t.values().clone();
                        row[con.columnIndex("conname")] = r.newname();
                        ctx.access().update(SystemCatalogs.PG_CONSTRAINT, t.tid(), row);
                    }
                }
            }
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateAll();
        return r.commandName();
    }

    /**
     * renameatt_internal: with {@code recurse} every descendant's column is renamed first (each expecting as many
     * inherited copies as it has parents inside the hierarchy), then this relation's; without it a column that
     * children inherit must not be renamed alone, and a column inherited from more parents than the caller
     * expects cannot be renamed here.
     */
    private static void renameColumn(DdlContext ctx, RelationDesc rel, String oldName, String newName,
            boolean recurse, int expectedParents) {
        if (recurse) {
            List<Integer> tree = PgInherits.allInheritors(ctx.access(), rel.oid());
            for (int child : tree) {
                if (child == rel.oid()) {
                    continue;
                }
                int parentsInTree = 0;
                for (int parent : PgInherits.parents(ctx.access(), child)) {
                    if (tree.contains(parent)) {
                        parentsInTree++;
                    }
                }
                RelationDesc childRel = ctx.relcache().open(child, LockMode.ACCESS_EXCLUSIVE);
                renameColumn(ctx, childRel, oldName, newName, false, parentsInTree);
            }
        } else if (expectedParents == 0 && !PgInherits.children(ctx.access(), rel.oid()).isEmpty()) {
            throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "inherited column \"" + oldName
                    + "\" must be renamed in child tables too");
        }
        if (SystemColumnRefs.isSystemColumn(oldName)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot rename system column \"" + oldName + "\"");
        }
        AttributeDesc a = rel.attribute(oldName);
        if (a == null || a.dropped()) {
            throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + oldName + "\" does not exist");
        }
        if (attributeInhCount(ctx, rel.oid(), a.attnum()) > expectedParents) {
            throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "cannot rename inherited column \"" + oldName
                    + "\"");
        }
        checkColumnNameCollision(rel, newName);
        Catalog att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        updateAttribute(ctx, rel.oid(), a.attnum(), row -> {
            row[att.columnIndex("attname")] = newName;
            return row;
        });
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(rel.oid());
    }

    /** check_for_column_name_collision: a system column's name, or a live column of {@code rel}. */
    static void checkColumnNameCollision(RelationDesc rel, String name) {
        SystemColumnRefs.checkColumnName(name);
        AttributeDesc clash = rel.attribute(name);
        if (clash != null && !clash.dropped()) {
            throw Ereport.error(DdlStates.DUPLICATE_COLUMN, "column \"" + name + "\" of relation \"" + rel.name()
                    + "\" already exists");
        }
    }

    /** pg_attribute.attinhcount of one column (0 when the catalog row has none). */
    private static int attributeInhCount(DdlContext ctx, int relOid, int attnum) {
        CatalogTuple t = attributeRow(ctx, relOid, attnum);
        return t != null && t.get(SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE), "attinhcount") instanceof Number n
                ? n.intValue() : 0;
    }

    /** RenameRelationInternal: pg_class.relname, and the rowtype's name (and its array's). */
    static void renameRelation(DdlContext ctx, int relOid, int ns, String newName) {
        if (Naming.relationIn(ctx, newName, ns) != null) {
            throw Naming.alreadyExists("relation", newName, -1);
        }
        CatalogTuple cls = CreateTable.classRow(ctx, relOid);
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        CreateTable.updateClass(ctx, relOid, "relname", newName);
        Object rowType = cls.get(pgClass, "reltype");
        if (rowType instanceof Long t && t != 0) {
            Catalog type = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
            for (CatalogTuple row : ctx.rowsWhere(SystemCatalogs.PG_TYPE, "oid", t)) {
                Object[] values = row.values().clone();
                values[type.columnIndex("typname")] = newName;
                ctx.access().update(SystemCatalogs.PG_TYPE, row.tid(), values);
                Object array = row.get(type, "typarray");
                if (array instanceof Long a && a != 0) {
                    for (CatalogTuple arr : ctx.rowsWhere(SystemCatalogs.PG_TYPE, "oid", a)) {
                        Object[] av = arr.values().clone();
                        av[type.columnIndex("typname")] = Naming.makeObjectName("_" + newName, null, null);
                        ctx.access().update(SystemCatalogs.PG_TYPE, arr.tid(), av);
                    }
                }
            }
        }
    }

    private static String setSchema(DdlContext ctx, AlterObjectSchemaStmt s) {
        RelationDesc rel = open(ctx, s.relation(), s.missingOk());
        if (rel == null) {
            return s.commandName();
        }
        Integer ns = ctx.relcache().namespaceOid(s.newschema());
        if (ns == null) {
            throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + s.newschema() + "\" does not exist");
        }
        if (ns == rel.namespaceOid()) {
            return s.commandName();
        }
        if (Naming.relationIn(ctx, rel.name(), ns) != null) {
            throw Ereport.error(DdlStates.DUPLICATE_TABLE, "relation \"" + rel.name() + "\" already exists in schema \""
                    + s.newschema() + "\"");
        }
        List<Integer> moved = new ArrayList<>();
        moved.add(rel.oid());
        for (IndexDesc index : rel.indexes()) {
            moved.add(index.oid());
        }
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        Catalog type = SystemCatalogs.require(SystemCatalogs.PG_TYPE);
        for (int oid : moved) {
            CatalogTuple cls = CreateTable.classRow(ctx, oid);
            CreateTable.updateClass(ctx, oid, "relnamespace", (long) ns);
            Object rowType = cls.get(pgClass, "reltype");
            if (rowType instanceof Long t && t != 0) {
                for (CatalogTuple row : ctx.rowsWhere(SystemCatalogs.PG_TYPE, "oid", t)) {
                    Object[] values = row.values().clone();
                    values[type.columnIndex("typnamespace")] = (long) ns;
                    ctx.access().update(SystemCatalogs.PG_TYPE, row.tid(), values);
                    Object array = row.get(type, "typarray");
                    if (array instanceof Long a && a != 0) {
                        for (CatalogTuple arr : ctx.rowsWhere(SystemCatalogs.PG_TYPE, "oid", a)) {
                            Object[] av = arr.values().clone();
                            av[type.columnIndex("typnamespace")] = (long) ns;
                            ctx.access().update(SystemCatalogs.PG_TYPE, arr.tid(), av);
                        }
                    }
                }
            }
        }
        // the relation's dependency on its schema
        Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
        int cls = dep.columnIndex("classid");
        int obj = dep.columnIndex("objid");
        int refCls = dep.columnIndex("refclassid");
        long relOid = rel.oid();
        for (CatalogTuple d : ctx.rows(SystemCatalogs.PG_DEPEND, r -> (Long) r[cls] == SystemCatalogs.PG_CLASS
                && (Long) r[obj] == relOid && (Long) r[refCls] == SystemCatalogs.PG_NAMESPACE)) {
            Object[] values = d.values().clone();
            values[dep.columnIndex("refobjid")] = (long) ns;
            ctx.access().update(SystemCatalogs.PG_DEPEND, d.tid(), values);
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidateAll();
        return s.commandName();
    }

    private static String qualified(RelationDesc rel) {
        return quote(rel.namespaceName()) + "." + quote(rel.name());
    }

    private static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
