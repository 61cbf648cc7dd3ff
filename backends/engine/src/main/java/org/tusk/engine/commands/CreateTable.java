package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.tusk.api.error.SqlState;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.SqlValueFunctions;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.ColumnDef;
import org.tusk.engine.nodes.ConstrType;
import org.tusk.engine.nodes.Constraint;
import org.tusk.engine.nodes.CreateStmt;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.SQLValueFunction;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * CREATE TABLE (tablecmds.c DefineRelation + heap_create_with_catalog):
 * the pg_class row, one pg_attribute row per column, the rowtype and its
 * array type in pg_type, defaults in pg_attrdef, constraints in
 * pg_constraint (CHECK, PRIMARY KEY and UNIQUE with their indexes, FOREIGN
 * KEY), the pg_depend edges that DROP follows, and the table's storage
 * (removed again if the transaction aborts). DEFAULT and CHECK
 * expressions are kept as their SQL text (see {@link SourceText}).
 */
public final class CreateTable {

    private CreateTable() {
    }

    /** A column as collected from the statement. */
    private record NewColumn(String name, TypeLookup.TypeInfo type, int typmod, boolean notNull, String defaultText,
            int inhcount, boolean isLocal) {
        NewColumn(String name, TypeLookup.TypeInfo type, int typmod, boolean notNull, String defaultText) {
            this(name, type, typmod, notNull, defaultText, 0, true);
        }

        NewColumn with(boolean notNull, String defaultText) {
            return new NewColumn(name, type, typmod, notNull, defaultText, inhcount, isLocal);
        }
    }

    /** A constraint waiting for the table to exist. */
    /** A constraint to add; {@code copiedCheck} the stored expression of a CHECK copied by LIKE (not in the statement). */
    private record PendingConstraint(Constraint c, String column, String copiedCheck) {
        PendingConstraint(Constraint c, String column) {
            this(c, column, null);
        }
    }

    public static String execute(DdlContext ctx, CreateStmt stmt) {
        return execute(ctx, stmt, List.of(), null);
    }

    /** CREATE TABLE with the session's query runner (partition bounds are compared as values). */
    public static String execute(DdlContext ctx, CreateStmt stmt, SqlRunner sql) {
        return execute(ctx, stmt, List.of(), sql);
    }

    static String execute(DdlContext ctx, CreateStmt stmt, List<CreateTableAs.OutputColumn> queryColumns) {
        return execute(ctx, stmt, queryColumns, null);
    }

    /**
     * CREATE TABLE with, after the statement's own elements, columns already resolved to a type
     * and typmod ({@code queryColumns}: CREATE TABLE AS takes them from the query's output).
     */
    static String execute(DdlContext ctx, CreateStmt stmt, List<CreateTableAs.OutputColumn> queryColumns,
            SqlRunner sql) {
        String name = stmt.relation().relname();
        int ns = Naming.creationNamespace(ctx, stmt.relation());
        if (stmt.oncommit() != null && stmt.oncommit() != org.tusk.engine.nodes.OnCommitAction.NOOP
                && ns != ctx.relcache().tempNamespace()) {
            throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "ON COMMIT can only be used on temporary tables");
        }
        if (stmt.ofTypename() != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "partitioned, inherited and typed tables are not supported yet",
                    stmt.relation().location());
        }
        if (Naming.relationIn(ctx, name, ns) != null) {
            if (stmt.ifNotExists()) {
                ctx.notice(Naming.skippingNotice(DdlStates.DUPLICATE_TABLE,
                        "relation \"" + name + "\" already exists, skipping"));
                return "CREATE TABLE";
            }
            throw Naming.alreadyExists("relation", name, -1);
        }
        if (Naming.typeExists(ctx, name, ns)) {
            throw Ereport.error(SqlState.DUPLICATE_OBJECT, "type \"" + name + "\" already exists")
                    .withHint("A relation has an associated type of the same name, so you must use a name that doesn't conflict with any existing type.");
        }
        String amName = stmt.accessMethod() == null ? "heap" : stmt.accessMethod();
        TableAccessMethod am = ctx.storage().tableAm(amName);
        long amOid = accessMethodOid(ctx, amName);

        if (stmt.partspec() != null && stmt.partbound() == null && !stmt.inhRelations().isEmpty()) {
            throw Ereport.error(DdlStates.INVALID_OBJECT_DEFINITION, "cannot create partitioned table as inheritance child");
        }
        // inherited columns first (MergeAttributes), then the statement's own
        List<RelationDesc> parents = openParents(ctx, stmt);
        checkParentsPersistence(ctx, parents, Naming.persistence(ctx, stmt.relation(), ns).charAt(0),
                stmt.partbound() != null);
        boolean partition = stmt.partbound() != null;
        if (partition) {
            ctx.relcache().checkNotInUse(parents.get(0), "CREATE TABLE .. PARTITION OF");
        }
        String partBound = partition ? Partitioning.checkBound(ctx, sql, parents.get(0), name, stmt.partbound()) : null;
        LinkedHashMap<String, NewColumn> columns = new LinkedHashMap<>();
        for (RelationDesc parent : parents) {
            for (AttributeDesc a : parent.liveAttributes()) {
                TypeLookup.TypeInfo type = TypeLookup.byOid(a.typeOid());
                String def = parent.defaults().get(a.attnum());
                NewColumn prior = columns.get(a.name());
                if (prior == null) {
                    columns.put(a.name(), new NewColumn(a.name(), type, a.typmod(), a.notNull(), def, 1, false));
                    continue;
                }
                if (!partition) ctx.notice(new org.tusk.api.error.PgException(org.tusk.api.error.Severity.NOTICE, "00000",
                        "merging multiple inherited definitions of column \"" + a.name() + "\"", null, null, 0, null));
                if (prior.type().oid() != a.typeOid() || prior.typmod() != a.typmod()) {
                    throw Ereport.error(SqlState.DATATYPE_MISMATCH, "inherited column \"" + a.name()
                            + "\" has a type conflict").withDetail(typeName(prior.type(), prior.typmod()) + " versus "
                            + typeName(type, a.typmod()));
                }
                columns.put(a.name(), new NewColumn(a.name(), type, a.typmod(), prior.notNull() || a.notNull(),
                        prior.defaultText() != null ? prior.defaultText() : def, prior.inhcount() + 1, false));
            }
        }
        int inheritedCount = columns.size();
        Set<String> localNames = new HashSet<>();
        // columns and their constraints
        List<PendingConstraint> constraints = new ArrayList<>();
        List<Object[]> serials = new ArrayList<>();        // {sequence name, PgType, column}
        Set<String> serialNames = new HashSet<>();
        Map<String, Character> identities = new HashMap<>();   // column -> attidentity
        for (RawNode element : stmt.tableElts()) {
            if (element instanceof ColumnDef cd) {
                if (!localNames.add(cd.colname())) {
                    throw Ereport.error(DdlStates.DUPLICATE_COLUMN,
                            "column \"" + cd.colname() + "\" specified more than once");
                }
                org.tusk.engine.analyze.SystemColumnRefs.checkColumnName(cd.colname());
                // SERIAL: an integer column defaulting to its own sequence's nextval (SequenceCommands)
                org.tusk.engine.types.PgType serial = SequenceCommands.serialType(cd.typeName());
                String serialSequence = null;
                if (serial != null) {
                    serialSequence = Naming.chooseRelationName(ctx, name, cd.colname(), "seq", ns, serialNames);
                    serialNames.add(serialSequence);
                    serials.add(new Object[] {serialSequence, serial, cd.colname()});
                }
                if (cd.typeName() == null && !columns.containsKey(cd.colname())) {
                    throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + cd.colname() + "\" does not exist");
                }
                if (cd.typeName() != null && serial == null) {
                    checkNotPseudoType(cd);
                }
                TypeLookup.TypeInfo type = cd.typeName() == null ? columns.get(cd.colname()).type()
                        : serial != null ? TypeLookup.byOid(serial.oid()) : TypeLookup.resolve(cd.typeName(), 0);
                int typmod = cd.typeName() == null ? columns.get(cd.colname()).typmod()
                        : serial != null ? -1 : TypeLookup.typmod(cd.typeName(), type, 0);
                boolean notNull = serial != null;
                String defaultText = serial == null ? null
                        : SequenceCommands.nextvalDefault(stmt.relation().schemaname(), serialSequence);
                for (Constraint c : cd.constraints()) {
                    switch (c.contype()) {
                        case NOTNULL: notNull = true; break;
                        case NULL: break;
                        case PRIMARY: notNull = true; constraints.add(new PendingConstraint(c, cd.colname())); break;
                        case DEFAULT:
                            checkDefaultExpression(ctx, c.rawExpr());
                            defaultText = defaultSource(ctx, c);
                            break;
                        case CHECK: case UNIQUE: case FOREIGN: constraints.add(new PendingConstraint(c, cd.colname())); break;
                        case IDENTITY:
                            // an integer column drawing from its own sequence, as SERIAL, marked in attidentity
                            if (!(type.oid() == 20 || type.oid() == 21 || type.oid() == 23)) {
                                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "identity column type must be"
                                        + " smallint, integer, or bigint");
                            }
                            if (identities.containsKey(cd.colname())) {
                                throw Ereport.error(SqlState.SYNTAX_ERROR, "multiple identity specifications for column \""
                                        + cd.colname() + "\" of table \"" + name + "\"", c.location());
                            }
                            String seq = Naming.chooseRelationName(ctx, name, cd.colname(), "seq", ns, serialNames);
                            serialNames.add(seq);
                            serials.add(new Object[] {seq, org.tusk.engine.types.PgType.byOid(type.oid()), cd.colname(),
                                    c.identityOptions()});
                            identities.put(cd.colname(), c.generatedWhen());
                            notNull = true;
                            defaultText = SequenceCommands.nextvalDefault(stmt.relation().schemaname(), seq);
                            break;
                        case GENERATED: case EXCLUSION:
                            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                                    c.contype().name().toLowerCase(Locale.ROOT) + " columns are not supported yet", c.location());
                        default: break;   // DEFERRABLE etc.
                    }
                }
                NewColumn inherited = columns.get(cd.colname());
                if (inherited != null) {
                    // a local definition of an inherited column merges with it (the column stays where it was)
                    // the column keeps the inherited position; PostgreSQL says so when that is not where it was listed
                    int existing = new ArrayList<>(columns.keySet()).indexOf(cd.colname()) + 1;
                    int listed = localNames.size();            // its position among the statement's own columns
                    if (!partition) ctx.notice(new org.tusk.api.error.PgException(org.tusk.api.error.Severity.NOTICE, "00000",
                            (existing == listed ? "merging column \"" : "moving and merging column \"") + cd.colname()
                                    + "\" with inherited definition", existing == listed ? null
                                    : "User-specified column moved to the position of the inherited column.", null, 0, null));
                    if (inherited.type().oid() != type.oid() || inherited.typmod() != typmod) {
                        throw Ereport.error(SqlState.DATATYPE_MISMATCH, "column \"" + cd.colname()
                                + "\" has a type conflict", cd.location()).withDetail(
                                        typeName(inherited.type(), inherited.typmod()) + " versus " + typeName(type, typmod));
                    }
                    columns.put(cd.colname(), new NewColumn(cd.colname(), type, typmod, notNull || inherited.notNull(),
                            defaultText != null ? defaultText : inherited.defaultText(), inherited.inhcount(), true));
                    continue;
                }
                columns.put(cd.colname(), new NewColumn(cd.colname(), type, typmod, notNull, defaultText));
            } else if (element instanceof Constraint c) {
                constraints.add(new PendingConstraint(c, null));
            } else if (element instanceof org.tusk.engine.nodes.TableLikeClause like) {
                likeColumns(ctx, like, columns, localNames);
                likeChecks(ctx, like, constraints);
            } else {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "CREATE TABLE ... LIKE is not supported yet",
                        element.location());
            }
        }
        for (RawNode element : stmt.tableElts()) {
            if (element instanceof ColumnDef cd && cd.typeName() != null && SequenceCommands.serialType(cd.typeName()) == null) {
                TypeLookup.resolveAgain(cd.typeName());
            }
        }
        for (CreateTableAs.OutputColumn qc : queryColumns) {
            if (columns.containsKey(qc.name())) {
                throw Ereport.error(DdlStates.DUPLICATE_COLUMN, "column \"" + qc.name() + "\" specified more than once");
            }
            TypeLookup.TypeInfo type = TypeLookup.byOid(qc.typeOid());
            if (type == null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "column \"" + qc.name() + "\" has type OID "
                        + qc.typeOid() + ", which is not supported yet");
            }
            if (type.typtype() == 'p') {
                // CheckAttributeType
                throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "column \"" + qc.name() + "\" has pseudo-type "
                        + type.name());
            }
            columns.put(qc.name(), new NewColumn(qc.name(), type, qc.typmod(), false, null));
        }
        for (Constraint c : stmt.constraints()) {
            constraints.add(new PendingConstraint(c, null));
        }
        // PRIMARY KEY columns are NOT NULL
        for (PendingConstraint pc : constraints) {
            if (pc.c().contype() == ConstrType.PRIMARY && pc.column() == null) {
                for (String key : pc.c().keys()) {
                    NewColumn col = columns.get(key);
                    if (col == null) {
                        throw Ereport.error(SqlState.UNDEFINED_COLUMN,
                                "column \"" + key + "\" named in key does not exist", pc.c().location());
                    }
                    columns.put(key, col.with(true, col.defaultText()));
                }
            }
        }
        if (stmt.partspec() != null) {
            for (PendingConstraint pc : constraints) {
                if (pc.c().contype() == ConstrType.EXCLUSION) {
                    // transformTableConstraint
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "exclusion constraints are not supported on partitioned tables", pc.c().location());
                }
                if (pc.c().contype() == ConstrType.CHECK && pc.c().isNoInherit()) {
                    // AddRelationNewConstraints
                    throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION,
                            "cannot add NO INHERIT constraint to partitioned table \"" + name + "\"");
                }
            }
        }
        if (columns.size() > 1600) {
            throw Ereport.error("54011", "tables can have at most 1600 columns");
        }

        int relOid = ctx.newRelationOid();
        long rowType = ctx.newOid();
        long arrayType = ctx.newOid();
        Map<String, Object> cls = new HashMap<>();
        cls.put("oid", (long) relOid);
        cls.put("relname", name);
        cls.put("relnamespace", (long) ns);
        cls.put("reltype", rowType);
        cls.put("relowner", ctx.userOid() == 0 ? 10L : ctx.userOid());
        cls.put("relam", amOid);
        cls.put("relfilenode", (long) relOid);
        cls.put("reltuples", -1f);
        cls.put("relpersistence", Naming.persistence(ctx, stmt.relation(), ns));
        cls.put("relkind", stmt.partspec() != null ? "p" : "r");
        if (partition) {
            cls.put("relispartition", true);
            cls.put("relpartbound", partBound);
        }
        cls.put("relnatts", (short) columns.size());
        cls.put("relispopulated", true);
        cls.put("relreplident", "d");
        cls.put("relfrozenxid", 3L);
        cls.put("relminmxid", 1L);
        List<String> options = reloptions(stmt.options());
        cls.put("reloptions", options.isEmpty() ? null : options.toArray());
        ctx.insert(SystemCatalogs.PG_CLASS, cls);
        recordDependency(ctx, SystemCatalogs.PG_CLASS, relOid, 0, SystemCatalogs.PG_NAMESPACE, ns, 0, "n");
        if (stmt.oncommit() != null) {
            TempNamespaces.registerOnCommit(ctx, relOid, stmt.oncommit());
        }

        int attnum = 0;
        for (NewColumn col : columns.values()) {
            attnum++;
            insertAttribute(ctx, relOid, attnum, col.name(), col.type().oid(), col.typmod(), col.notNull(),
                    col.defaultText() != null, identities.getOrDefault(col.name(), '\0'), col.isLocal(), col.inhcount());
            if (col.defaultText() != null) {
                storeDefault(ctx, relOid, attnum, DefaultLiteralLabel.label(col.defaultText(), col.type().oid()));
            }
        }
        createRowType(ctx, name, ns, relOid, rowType, arrayType);

        RelFileLocator locator = RelFileLocator.of(ctx.txn().databaseOid(), relOid,
                Naming.persistence(ctx, stmt.relation(), ns).charAt(0));
        am.createStorage(locator);
        ctx.txn().onAbort(() -> am.dropStorage(locator));
        ctx.txn().noteNewRelfilenode(locator);          // COPY FREEZE may fill it
        ctx.commandCounterIncrement();
        ToastTable.createIfNeeded(ctx, relOid);

        for (Object[] sr : serials) {
            int serialAttnum = new ArrayList<>(columns.keySet()).indexOf((String) sr[2]) + 1;
            @SuppressWarnings("unchecked")
            List<DefElem> seqOptions = sr.length > 3 ? (List<DefElem>) sr[3] : null;
            SequenceCommands.createOwned(ctx, (String) sr[0], ns, (org.tusk.engine.types.PgType) sr[1], relOid,
                    serialAttnum, seqOptions);
            ctx.commandCounterIncrement();
            recordDefaultSequenceDependencies(ctx, relOid, serialAttnum);
        }
        RelationDesc table = ctx.relcache().open(relOid, LockMode.ACCESS_EXCLUSIVE);
        Set<String> taken = new HashSet<>();
        Inheritance.storeParents(ctx, table, parents, partition);
        if (stmt.partspec() != null) {
            Partitioning.storeKey(ctx, sql, table, stmt.partspec());
        }
        if (partition && stmt.partbound().isDefault()) {
            Partitioning.setDefault(ctx, parents.get(0).oid(), relOid);
        }
        if (!parents.isEmpty() || stmt.partspec() != null) {
            ctx.commandCounterIncrement();
            table = ctx.relcache().open(relOid, LockMode.ACCESS_EXCLUSIVE);
        }
        for (PendingConstraint pc : constraints) {
            if (pc.copiedCheck() != null) {
                addCheck(ctx, table, pc.c(), null, taken, pc.copiedCheck());
                ctx.commandCounterIncrement();
                ctx.relcache().invalidate(table.oid());
            } else {
                addConstraint(ctx, table, pc.c(), pc.column(), taken);
            }
            table = ctx.relcache().open(relOid, LockMode.ACCESS_EXCLUSIVE);
        }
        if (partition) {
            PartitionedIndexes.cloneTo(ctx, sql, ctx.relcache().open(parents.get(0).oid(), LockMode.SHARE), table);
        }
        return "CREATE TABLE";
    }

    /**
     * LIKE source [INCLUDING ...] (transformTableLikeClause): the source's live columns with
     * their types and NOT NULL (always), their defaults with INCLUDING DEFAULTS (CHECK constraints with
     * INCLUDING CONSTRAINTS: {@link #likeChecks}). Indexes, identity, comments and storage are not copied yet.
     */
    private static void likeColumns(DdlContext ctx, org.tusk.engine.nodes.TableLikeClause like,
            LinkedHashMap<String, NewColumn> columns, Set<String> localNames) {
        org.tusk.engine.nodes.RangeVar rv = like.relation();
        RelationDesc source = ctx.relcache().open(rv.schemaname(), rv.relname(), ctx.searchPath(),
                LockMode.ACCESS_SHARE, rv.location() + 1);
        if (source.kind() != 'r' && source.kind() != 'p' && source.kind() != 'v' && source.kind() != 'm'
                && source.kind() != 'c' && source.kind() != 'f') {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "relation \"" + source.name()
                    + "\" is invalid in LIKE clause", rv.location())
                    .withDetail("This operation is not supported for " + kindNoun(source.kind()) + ".");
        }
        boolean defaults = (like.options() & org.tusk.engine.nodes.TableLikeClause.CREATE_TABLE_LIKE_DEFAULTS) != 0;
        for (AttributeDesc a : source.liveAttributes()) {
            if (!localNames.add(a.name()) || columns.containsKey(a.name())) {
                throw Ereport.error(DdlStates.DUPLICATE_COLUMN, "column \"" + a.name() + "\" specified more than once");
            }
            TypeLookup.TypeInfo type = TypeLookup.byOid(a.typeOid());
            String def = defaults ? source.defaults().get(a.attnum()) : null;
            columns.put(a.name(), new NewColumn(a.name(), type, a.typmod(), a.notNull(), def));
        }
    }

    /**
     * LIKE ... INCLUDING CONSTRAINTS: the source's CHECK constraints under their own names (a copy of a
     * stored expression, as transformTableLikeClause does with conbin), NO INHERIT kept.
     */
    private static void likeChecks(DdlContext ctx, org.tusk.engine.nodes.TableLikeClause like,
            List<PendingConstraint> constraints) {
        if ((like.options() & org.tusk.engine.nodes.TableLikeClause.CREATE_TABLE_LIKE_CONSTRAINTS) == 0) {
            return;
        }
        org.tusk.engine.nodes.RangeVar rv = like.relation();
        RelationDesc source = ctx.relcache().open(rv.schemaname(), rv.relname(), ctx.searchPath(),
                LockMode.ACCESS_SHARE, rv.location() + 1);
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int rel = con.columnIndex("conrelid");
        int type = con.columnIndex("contype");
        List<CatalogTuple> checks = new ArrayList<>(ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                r -> ((Long) r[rel]).intValue() == source.oid() && "c".equals(String.valueOf(r[type]))));
        checks.sort(java.util.Comparator.comparing(t -> ((Long) t.get(con, "oid"))));
        for (CatalogTuple t : checks) {
            String text = "CREATE TABLE x (CONSTRAINT "
                    + org.tusk.engine.func.sysinfo.Identifiers.quote(String.valueOf(t.get(con, "conname")))
                    + " CHECK (" + t.get(con, "conbin") + ")"
                    + (Boolean.TRUE.equals(t.get(con, "connoinherit")) ? " NO INHERIT" : "") + ")";
            var parsed = org.tusk.engine.parser.Parser.parse(text);
            if (parsed.size() == 1 && parsed.get(0).stmt() instanceof CreateStmt copy) {
                String conbin = String.valueOf(t.get(con, "conbin"));
                for (org.tusk.engine.nodes.RawNode element : copy.tableElts()) {
                    if (element instanceof Constraint c) {
                        constraints.add(new PendingConstraint(c, null, conbin));
                    }
                }
                for (Constraint c : copy.constraints()) {
                    constraints.add(new PendingConstraint(c, null, conbin));
                }
            }
        }
    }

    private static String kindNoun(char kind) {
        return switch (kind) {
            case 'i', 'I' -> "indexes";
            case 'S' -> "sequences";
            case 't' -> "TOAST tables";
            default -> "this kind of relation";
        };
    }

    /**
     * MergeAttributes: a permanent parent has no temporary partitions, and no permanent
     * relation inherits from (or is a partition of) a temporary one.
     */
    private static void checkParentsPersistence(DdlContext ctx, List<RelationDesc> parents, char persistence,
            boolean partition) {
        for (RelationDesc parent : parents) {
            Object p = classRow(ctx, parent.oid()).get(SystemCatalogs.require(SystemCatalogs.PG_CLASS),
                    "relpersistence");
            boolean parentTemp = "t".equals(String.valueOf(p));
            if (partition && !parentTemp && persistence == 't') {
                throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "cannot create a temporary relation as partition of"
                        + " permanent relation \"" + parent.name() + "\"");
            }
            if (persistence != 't' && parentTemp) {
                throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, (partition
                        ? "cannot create a permanent relation as partition of temporary relation \""
                        : "cannot inherit from temporary relation \"") + parent.name() + "\"");
            }
        }
    }

    /** The INHERITS list opened and checked (MergeAttributes' checks on the parents). */
    private static List<RelationDesc> openParents(DdlContext ctx, CreateStmt stmt) {
        List<RelationDesc> parents = new ArrayList<>();
        for (org.tusk.engine.nodes.RangeVar rv : stmt.inhRelations()) {
            RelationDesc parent = ctx.relcache().open(rv.schemaname(), rv.relname(), ctx.searchPath(),
                    LockMode.SHARE_UPDATE_EXCLUSIVE, rv.location() + 1);
            if (stmt.partbound() != null) {
                if (parent.kind() != 'p') {
                    throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "\"" + parent.name() + "\" is not partitioned");
                }
                parents.add(parent);
                return parents;
            }
            if (parent.kind() == 'p') {
                throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "cannot inherit from partitioned table \""
                        + parent.name() + "\"");
            }
            if (parent.kind() != 'r') {
                throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "inherited relation \"" + parent.name()
                        + "\" is not a table or foreign table");
            }
            for (RelationDesc p : parents) {
                if (p.oid() == parent.oid()) {
                    throw Ereport.error(DdlStates.DUPLICATE_TABLE, "relation \"" + parent.name()
                            + "\" would be inherited from more than once");
                }
            }
            parents.add(parent);
        }
        return parents;
    }

    /** CheckAttributeType: a column may not have a pseudo-type (42P16, no position). */
    private static void checkNotPseudoType(ColumnDef cd) {
        org.tusk.engine.nodes.TypeName tn = cd.typeName();
        boolean qualifiedElsewhere = tn.names().size() > 1 && !tn.names().get(0).equals("pg_catalog");
        TypeLookup.TypeInfo t = qualifiedElsewhere || tn.isArray() ? null : TypeLookup.byName(tn.lastName());
        if (t != null && t.typtype() == 'p') {
            throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "column \"" + cd.colname() + "\" has pseudo-type "
                    + t.name());
        }
    }

    private static String typeName(TypeLookup.TypeInfo type, int typmod) {
        org.tusk.engine.types.PgType t = org.tusk.engine.types.PgType.byOid(type.oid());
        return t != null ? t.displayName(typmod) : type.name();
    }

    /** ALTER TABLE ADD CONSTRAINT and CREATE TABLE's constraints. */
    static void addConstraint(DdlContext ctx, RelationDesc table, Constraint c, String column, Set<String> taken) {
        switch (c.contype()) {
            case CHECK: addCheck(ctx, table, c, column, taken); break;
            case PRIMARY: case UNIQUE: addIndexConstraint(ctx, table, c, column, taken); break;
            case FOREIGN: AddForeignKey.add(ctx, table, c, column, taken); break;
            case NOTNULL: case NULL: case DEFAULT: break;
            default:
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                        c.contype().name().toLowerCase(Locale.ROOT) + " constraints are not supported yet", c.location());
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(table.oid());
    }

    private static void addCheck(DdlContext ctx, RelationDesc table, Constraint c, String column, Set<String> taken) {
        int from = SourceText.afterKeyword(ctx.queryString(), c.location(), "check");
        addCheck(ctx, table, c, column, taken,
                SourceText.parenthesized(ctx.queryString(), from < 0 ? c.location() : from));
    }

    /** As above with the expression's text given ({@code source}, as conbin stores it). */
    private static void addCheck(DdlContext ctx, RelationDesc table, Constraint c, String column, Set<String> taken,
            String source) {
        List<Integer> keys = new ArrayList<>();
        String firstColumn = column;
        for (AttributeDesc a : table.liveAttributes()) {
            if (mentions(source, a.name())) {
                keys.add(a.attnum());
                if (firstColumn == null) {
                    firstColumn = a.name();
                }
            }
        }
        String name = c.conname() != null ? c.conname()
                : chooseConstraintName(ctx, table, firstColumn, "check", taken);
        if (c.conname() != null && mergeWithInherited(ctx, table, name, source)) {
            return;
        }
        checkConstraintNameFree(ctx, table, name);
        taken.add(name);
        long oid = insertConstraint(ctx, table, name, "c", keys, 0, 0, null, source);
        for (int k : keys) {
            recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, oid, 0, SystemCatalogs.PG_CLASS, table.oid(), k, "a");
        }
        if (keys.isEmpty()) {
            recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, oid, 0, SystemCatalogs.PG_CLASS, table.oid(), 0, "a");
        }
        bumpRelChecks(ctx, table.oid(), 1);
    }

    /**
     * MergeWithExistingConstraint for a local CHECK named as one the table inherited with the
     * same expression: NOTICE, and the inherited row becomes local too (a partition's stays
     * inherited once and not local). False when there is nothing to merge with.
     */
    private static boolean mergeWithInherited(DdlContext ctx, RelationDesc table, String name, String source) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        int nameCol = con.columnIndex("conname");
        long rel = Integer.toUnsignedLong(table.oid());
        List<CatalogTuple> rows = ctx.rows(SystemCatalogs.PG_CONSTRAINT,
                r -> rel == (Long) r[relCol] && name.equals(r[nameCol]));
        if (rows.isEmpty()) {
            return false;
        }
        CatalogTuple t = rows.get(0);
        if (!"c".equals(t.get(con, "contype")) || ((Number) t.get(con, "coninhcount")).intValue() == 0
                || !sameExpression(String.valueOf(t.get(con, "conbin")), source)) {
            return false;                 // the caller reports the duplicate name
        }
        Object[] row = t.values().clone();
        if (Boolean.TRUE.equals(classRow(ctx, table.oid()).get(SystemCatalogs.require(SystemCatalogs.PG_CLASS),
                "relispartition"))) {
            row[con.columnIndex("coninhcount")] = 1;
            row[con.columnIndex("conislocal")] = false;
        } else {
            row[con.columnIndex("conislocal")] = true;
        }
        ctx.access().update(SystemCatalogs.PG_CONSTRAINT, t.tid(), row);
        ctx.notice(new org.tusk.api.error.PgException(org.tusk.api.error.Severity.NOTICE, "00000",
                "merging constraint \"" + name + "\" with inherited definition", null, null, 0, null));
        return true;
    }

    private static boolean sameExpression(String a, String b) {
        return a.replaceAll("\\s+", "").equals(b == null ? "" : b.replaceAll("\\s+", ""));
    }

    private static void addIndexConstraint(DdlContext ctx, RelationDesc table, Constraint c, String column,
            Set<String> taken) {
        if (c.indexname() != null) {
            IndexConstraintFromIndex.attach(ctx, table, c, IndexConstraintFromIndex.resolve(ctx, table, c));
            return;
        }
        boolean primary = c.contype() == ConstrType.PRIMARY;
        List<String> keyNames = column != null ? List.of(column) : c.keys();
        int[] attnums = new int[keyNames.size()];
        for (int i = 0; i < attnums.length; i++) {
            AttributeDesc a = table.attribute(keyNames.get(i));
            if (a == null) {
                throw Ereport.error(SqlState.UNDEFINED_COLUMN,
                        "column \"" + keyNames.get(i) + "\" named in key does not exist", c.location());
            }
            attnums[i] = a.attnum();
        }
        if (primary) {
            for (var idx : table.indexes()) {
                if (idx.primary()) {
                    throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION,
                            "multiple primary keys for table \"" + table.name() + "\" are not allowed", c.location());
                }
            }
            for (int a : attnums) {
                setNotNull(ctx, table.oid(), a, true);
            }
        }
        String name = c.conname() != null ? c.conname() : primary
                ? Naming.chooseRelationName(ctx, table.name(), null, "pkey", table.namespaceOid(), taken)
                : Naming.chooseRelationName(ctx, table.name(), String.join("_", keyNames), "key", table.namespaceOid(), taken);
        if (Naming.relationIn(ctx, name, table.namespaceOid()) != null) {
            throw Naming.alreadyExists("relation", name, -1);
        }
        taken.add(name);
        ctx.commandCounterIncrement();
        table = ctx.relcache().open(table.oid(), LockMode.ACCESS_EXCLUSIVE);
        int indexOid = DefineIndex.create(ctx, table, name, attnums, true, primary, true, c.location());
        List<Integer> keys = new ArrayList<>();
        for (int a : attnums) {
            keys.add(a);
        }
        long conOid = insertConstraint(ctx, table, name, primary ? "p" : "u", keys, indexOid, 0, null, null);
        for (int a : attnums) {
            recordDependency(ctx, SystemCatalogs.PG_CONSTRAINT, conOid, 0, SystemCatalogs.PG_CLASS, table.oid(), a, "a");
        }
        recordDependency(ctx, SystemCatalogs.PG_CLASS, indexOid, 0, SystemCatalogs.PG_CONSTRAINT, conOid, 0, "i");
        if (table.kind() == 'p') {
            // a partitioned table's constraint index is partitioned: each partition gets (or attaches) its own
            updateClass(ctx, indexOid, "relkind", "I");
            ctx.commandCounterIncrement();
            RelationDesc parent = ctx.relcache().open(table.oid(), LockMode.ACCESS_EXCLUSIVE);
            for (org.tusk.engine.relcache.IndexDesc index : parent.indexes()) {
                if (index.oid() != indexOid) {
                    continue;
                }
                for (int partition : org.tusk.engine.catalog.PgInherits.children(ctx.access(), table.oid())) {
                    PartitionedIndexes.ensureIndex(ctx, null, parent, index,
                            ctx.relcache().open(partition, LockMode.ACCESS_EXCLUSIVE), true);
                }
            }
            ctx.relcache().invalidateAll();
        }
    }

    private static boolean mentions(String source, String column) {
        return java.util.regex.Pattern.compile("(?i)(^|[^A-Za-z0-9_$\"])\"?" + java.util.regex.Pattern.quote(column)
                + "\"?($|[^A-Za-z0-9_$])").matcher(source).find();
    }

    static String chooseConstraintName(DdlContext ctx, RelationDesc table, String column, String label,
            Set<String> taken) {
        String base = Naming.makeObjectName(table.name(), column, label);
        String candidate = base;
        for (int pass = 1; constraintExists(ctx, table.oid(), candidate) || taken.contains(candidate); pass++) {
            candidate = Naming.makeObjectName(table.name(), column, label + pass);
        }
        return candidate;
    }

    static boolean constraintExists(DdlContext ctx, int relOid, String name) {
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int relCol = con.columnIndex("conrelid");
        int nameCol = con.columnIndex("conname");
        long rel = relOid;
        return !ctx.rows(SystemCatalogs.PG_CONSTRAINT, r -> rel == (Long) r[relCol] && name.equals(r[nameCol])).isEmpty();
    }

    private static void checkConstraintNameFree(DdlContext ctx, RelationDesc table, String name) {
        if (constraintExists(ctx, table.oid(), name)) {
            throw Ereport.error(SqlState.DUPLICATE_OBJECT,
                    "constraint \"" + name + "\" for relation \"" + table.name() + "\" already exists");
        }
    }

    static long insertConstraint(DdlContext ctx, RelationDesc table, String name, String type, List<Integer> keys,
            int indexOid, int foreignRel, List<Integer> foreignKeys, String source) {
        return insertConstraint(ctx, table, name, type, keys, indexOid, foreignRel, foreignKeys, source, true, 0,
                Map.of());
    }

    /** {@link #insertConstraint} with more pg_constraint columns set ({@code extra} wins). */
    static long insertConstraint(DdlContext ctx, RelationDesc table, String name, String type, List<Integer> keys,
            int indexOid, int foreignRel, List<Integer> foreignKeys, String source, Map<String, Object> extra) {
        return insertConstraint(ctx, table, name, type, keys, indexOid, foreignRel, foreignKeys, source, true, 0,
                extra);
    }

    static long insertConstraint(DdlContext ctx, RelationDesc table, String name, String type, List<Integer> keys,
            int indexOid, int foreignRel, List<Integer> foreignKeys, String source, boolean isLocal, int inhcount) {
        return insertConstraint(ctx, table, name, type, keys, indexOid, foreignRel, foreignKeys, source, isLocal,
                inhcount, Map.of());
    }

    static long insertConstraint(DdlContext ctx, RelationDesc table, String name, String type, List<Integer> keys,
            int indexOid, int foreignRel, List<Integer> foreignKeys, String source, boolean isLocal, int inhcount,
            Map<String, Object> extra) {
        long oid = ctx.newOid();
        Map<String, Object> con = new HashMap<>();
        con.put("oid", oid);
        con.put("conname", name);
        con.put("connamespace", (long) table.namespaceOid());
        con.put("contype", type);
        con.put("convalidated", true);
        con.put("conrelid", (long) table.oid());
        con.put("conindid", (long) indexOid);
        con.put("confrelid", (long) foreignRel);
        con.put("confupdtype", foreignRel == 0 ? " " : "a");
        con.put("confdeltype", foreignRel == 0 ? " " : "a");
        con.put("confmatchtype", foreignRel == 0 ? " " : "s");
        con.put("conislocal", isLocal);
        con.put("coninhcount", inhcount);
        con.put("connoinherit", type.equals("c") ? false : true);
        con.put("conkey", keys.isEmpty() ? null : shorts(keys));
        con.put("confkey", foreignKeys == null ? null : shorts(foreignKeys));
        con.put("conbin", source);
        con.putAll(extra);
        ctx.insert(SystemCatalogs.PG_CONSTRAINT, con);
        return oid;
    }

    static Object[] shorts(List<Integer> values) {
        Object[] out = new Object[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) (int) values.get(i);
        }
        return out;
    }

    /**
     * transformColumnDefault's EXPR_KIND_COLUMN_DEFAULT rules over the raw expression: no
     * column references (42P10), subqueries, aggregates, window or set-returning functions,
     * each reported at its position (see {@link ExprKindChecks}).
     */
    static void checkDefaultExpression(DdlContext ctx, RawNode e) {
        ExprKindChecks.check(ctx, e, ExprKindChecks.Kind.COLUMN_DEFAULT);
    }

    /** The DEFAULT expression's text. */
    static String defaultSource(DdlContext ctx, Constraint c) {
        if (c.rawExpr() instanceof SQLValueFunction s) {
            return SqlValueFunctions.keyword(s.op(), s.typmod());     // as pg_get_expr deparses it: CURRENT_TIMESTAMP
        }
        if (c.rawExpr() instanceof AConst k && k.location() >= 0 && c.location() < 0) {
            return SourceText.expression(ctx.queryString(), k.location());
        }
        int from = SourceText.afterKeyword(ctx.queryString(), Math.max(0, c.location()), "default");
        return SourceText.expression(ctx.queryString(), from);
    }

    static void storeDefault(DdlContext ctx, int relOid, int attnum, String source) {
        long oid = ctx.newOid();
        ctx.insert(SystemCatalogs.PG_ATTRDEF, Map.of("oid", oid, "adrelid", (long) relOid, "adnum", (short) attnum,
                "adbin", source));
        recordDependency(ctx, SystemCatalogs.PG_ATTRDEF, oid, 0, SystemCatalogs.PG_CLASS, relOid, attnum, "a");
        recordSequenceDependencies(ctx, oid, source);
    }

    /**
     * A regclass literal in stored expression text: 'name'::regclass, or the bare literal
     * argument of nextval/currval/setval (which the call coerces to regclass; not one cast to text,
     * which nextval looks up at each call, so no dependency, as PostgreSQL). Group 2 is the
     * name; the match counts when group 1 (the call) or group 3 (the cast) is present.
     */
    private static final java.util.regex.Pattern REGCLASS_LITERAL = java.util.regex.Pattern.compile(
            "((?:nextval|currval|setval)\\s*\\(\\s*)?'((?:[^']|'')*)'(::regclass)?(?!\\s*::)");

    private static boolean isRegclassLiteral(java.util.regex.Matcher m) {
        return m.group(1) != null || m.group(3) != null;
    }

    /**
     * recordDependencyOnExpr for a default's regclass constants: the default depends ('n') on
     * each sequence it names, so DROP SEQUENCE refuses while a default uses it (2BP01) and
     * ALTER SEQUENCE RENAME can find the defaults to follow it. Sequences that do not exist yet
     * (a SERIAL column's, created after the column) are recorded by the caller later.
     */
    static void recordSequenceDependencies(DdlContext ctx, long attrdefOid, String source) {
        if (source == null) {
            return;
        }
        java.util.regex.Matcher m = REGCLASS_LITERAL.matcher(source);
        Set<Integer> seen = new HashSet<>();
        while (m.find()) {
            if (!isRegclassLiteral(m)) {
                continue;
            }
            List<String> parts = org.tusk.engine.commands.sequence.SequenceFunctions.splitQualifiedName(m.group(2).replace("''", "'"));
            if (parts == null || parts.isEmpty() || parts.size() > 2) {
                continue;
            }
            Integer seq = ctx.relcache().relationOid(parts.size() == 2 ? parts.get(0) : null,
                    parts.get(parts.size() - 1), ctx.searchPath());
            if (seq == null || !seen.add(seq)) {
                continue;
            }
            RelationDesc rel = ctx.relcache().byOid(seq);
            if (rel != null && rel.kind() == 'S') {
                recordDependency(ctx, SystemCatalogs.PG_ATTRDEF, attrdefOid, 0, SystemCatalogs.PG_CLASS, seq, 0, "n");
            }
        }
    }

    /**
     * ALTER SEQUENCE/TABLE RENAME of a sequence: PostgreSQL's defaults hold the sequence's OID
     * (a regclass Const), so they follow the rename; Tusk stores their text, so the regclass
     * literals naming the old name are rewritten in the defaults that depend on the sequence.
     */
    static void renameSequenceInDefaults(DdlContext ctx, int seqOid, String oldName, String newName) {
        Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
        int classCol = dep.columnIndex("classid");
        int refClassCol = dep.columnIndex("refclassid");
        int refObjCol = dep.columnIndex("refobjid");
        Catalog def = SystemCatalogs.require(SystemCatalogs.PG_ATTRDEF);
        for (CatalogTuple d : ctx.rows(SystemCatalogs.PG_DEPEND,
                r -> ((Number) r[classCol]).intValue() == SystemCatalogs.PG_ATTRDEF
                        && ((Number) r[refClassCol]).intValue() == SystemCatalogs.PG_CLASS
                        && ((Number) r[refObjCol]).longValue() == seqOid)) {
            long attrdef = ((Number) d.get(dep, "objid")).longValue();
            for (CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_ATTRDEF, "oid", attrdef)) {
                String text = String.valueOf(t.get(def, "adbin"));
                java.util.regex.Matcher m = REGCLASS_LITERAL.matcher(text);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String replacement = m.group();
                    List<String> parts = isRegclassLiteral(m)
                            ? org.tusk.engine.commands.sequence.SequenceFunctions.splitQualifiedName(
                                    m.group(2).replace("''", "'"))
                            : null;
                    if (parts != null && !parts.isEmpty() && parts.get(parts.size() - 1).equals(oldName)) {
                        String literal = SequenceCommands.nextvalDefault(parts.size() == 2 ? parts.get(0) : null,
                                newName).replaceFirst("^nextval\\(", "").replaceFirst("::regclass\\)$", "");
                        replacement = (m.group(1) == null ? "" : m.group(1)) + literal
                                + (m.group(3) == null ? "" : m.group(3));
                    }
                    m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
                }
                m.appendTail(out);
                Object[] row = t.values().clone();
                row[def.columnIndex("adbin")] = out.toString();
                ctx.access().update(SystemCatalogs.PG_ATTRDEF, t.tid(), row);
            }
        }
    }

    /** The default of column {@code attnum} records its sequence dependencies (after a SERIAL's sequence exists). */
    static void recordDefaultSequenceDependencies(DdlContext ctx, int relOid, int attnum) {
        Catalog def = SystemCatalogs.require(SystemCatalogs.PG_ATTRDEF);
        int relCol = def.columnIndex("adrelid");
        int numCol = def.columnIndex("adnum");
        long rel = relOid;
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_ATTRDEF,
                r -> r[relCol] instanceof Long l && l == rel && ((Number) r[numCol]).intValue() == attnum)) {
            recordSequenceDependencies(ctx, (Long) t.get(def, "oid"), String.valueOf(t.get(def, "adbin")));
        }
    }

    static void insertAttribute(DdlContext ctx, int relOid, int attnum, String name, int typeOid, int typmod,
            boolean notNull) {
        insertAttribute(ctx, relOid, attnum, name, typeOid, typmod, notNull, false);
    }

    static void insertAttribute(DdlContext ctx, int relOid, int attnum, String name, int typeOid, int typmod,
            boolean notNull, boolean hasDefault) {
        insertAttribute(ctx, relOid, attnum, name, typeOid, typmod, notNull, hasDefault, '\0', true, 0);
    }

    static void insertAttribute(DdlContext ctx, int relOid, int attnum, String name, int typeOid, int typmod,
            boolean notNull, boolean hasDefault, char identity, boolean isLocal, int inhcount) {
        TypeLookup.TypeInfo type = TypeLookup.byOid(typeOid);
        Map<String, Object> a = new HashMap<>();
        a.put("attrelid", (long) relOid);
        a.put("attname", name);
        a.put("atttypid", (long) typeOid);
        a.put("attstattarget", -1);
        a.put("attlen", (short) type.len());
        a.put("attnum", (short) attnum);
        a.put("attndims", type.name().startsWith("_") ? 1 : 0);
        a.put("attcacheoff", -1);
        a.put("atttypmod", typmod);
        a.put("attbyval", type.byVal());
        a.put("attalign", String.valueOf(type.align()));
        a.put("attstorage", String.valueOf(type.storage()));
        a.put("attcompression", "");
        a.put("attnotnull", notNull);
        a.put("atthasdef", hasDefault);
        a.put("attidentity", identity == '\0' ? "" : String.valueOf(identity));
        a.put("attgenerated", "");
        a.put("attislocal", isLocal);
        a.put("attinhcount", inhcount);
        a.put("attcollation", (long) type.collation());
        ctx.insert(SystemCatalogs.PG_ATTRIBUTE, a);
        if (Integer.compareUnsigned(typeOid, org.tusk.engine.types.UserTypes.FIRST_NORMAL_OBJECT_ID) >= 0) {
            // a column of a user-defined type depends on it (DROP TYPE needs CASCADE)
            recordDependency(ctx, SystemCatalogs.PG_CLASS, relOid, attnum, SystemCatalogs.PG_TYPE, typeOid, 0, "n");
        }
    }

    /** The composite type named after the table and its array type (heap_create_with_catalog's AddNewRelationType). */
    static void createRowType(DdlContext ctx, String name, int ns, int relOid, long rowType, long arrayType) {
        Map<String, Object> t = new HashMap<>();
        t.put("oid", rowType);
        t.put("typname", name);
        t.put("typnamespace", (long) ns);
        t.put("typowner", 10L);
        t.put("typlen", (short) -1);
        t.put("typbyval", false);
        t.put("typtype", "c");
        t.put("typcategory", "C");
        t.put("typisdefined", true);
        t.put("typdelim", ",");
        t.put("typrelid", (long) relOid);
        t.put("typarray", arrayType);
        t.put("typinput", 2290L);    // record_in
        t.put("typoutput", 2291L);   // record_out
        t.put("typreceive", 2402L);  // record_recv
        t.put("typsend", 2403L);     // record_send
        t.put("typalign", "d");
        t.put("typstorage", "x");
        t.put("typtypmod", -1);
        ctx.insert(SystemCatalogs.PG_TYPE, t);
        recordDependency(ctx, SystemCatalogs.PG_TYPE, rowType, 0, SystemCatalogs.PG_CLASS, relOid, 0, "i");

        Map<String, Object> a = new HashMap<>(t);
        a.put("oid", arrayType);
        a.put("typname", Naming.makeObjectName("_" + name, null, null));
        a.put("typtype", "b");
        a.put("typcategory", "A");
        a.put("typrelid", 0L);
        a.put("typelem", rowType);
        a.put("typarray", 0L);
        a.put("typsubscript", 6179L); // array_subscript_handler
        a.put("typinput", 750L);      // array_in
        a.put("typoutput", 751L);     // array_out
        a.put("typreceive", 2400L);   // array_recv
        a.put("typsend", 2401L);      // array_send
        a.put("typanalyze", 3816L);   // array_typanalyze
        ctx.insert(SystemCatalogs.PG_TYPE, a);
        recordDependency(ctx, SystemCatalogs.PG_TYPE, arrayType, 0, SystemCatalogs.PG_TYPE, rowType, 0, "i");
    }

    /** recordDependencyOn: {@code (classId, objId, objSubId)} depends on the referenced object with this deptype. */
    static void recordDependency(DdlContext ctx, int classId, long objId, int objSubId, int refClassId, long refObjId,
            int refObjSubId, String deptype) {
        Map<String, Object> d = new HashMap<>();
        d.put("classid", (long) classId);
        d.put("objid", Integer.toUnsignedLong((int) objId));
        d.put("objsubid", objSubId);
        d.put("refclassid", (long) refClassId);
        d.put("refobjid", Integer.toUnsignedLong((int) refObjId));
        d.put("refobjsubid", refObjSubId);
        d.put("deptype", deptype);
        ctx.insert(SystemCatalogs.PG_DEPEND, d);
    }

    /** WITH (name=value, ...) as pg_class.reloptions text entries; only the heap's options are accepted. */
    static List<String> reloptions(List<DefElem> options) {
        List<String> out = new ArrayList<>();
        if (options == null) {
            return out;
        }
        for (DefElem d : options) {
            String value = d.arg() instanceof AConst k ? k.val() : d.arg() == null ? "true"
                    : d.arg() instanceof org.tusk.engine.nodes.TypeName t ? String.join(".", t.names())  // a bare word
                    : String.valueOf(d.arg());
            switch (d.defname()) {
                case "fillfactor":
                    integerOption("fillfactor", value, 10, 100);
                    break;
                case "toast_tuple_target":
                    integerOption("toast_tuple_target", value, 128, org.tusk.engine.access.Toast.TUPLE_TARGET_MAIN);
                    break;
                case "autovacuum_enabled": case "parallel_workers":
                case "autovacuum_vacuum_threshold": case "autovacuum_vacuum_scale_factor":
                case "autovacuum_analyze_threshold": case "autovacuum_analyze_scale_factor":
                case "user_catalog_table": case "vacuum_truncate": case "oids":
                    break;
                default:
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                            "unrecognized parameter \"" + d.defname() + "\"");
            }
            if (d.defname().equals("oids")) {
                if (!value.equalsIgnoreCase("false") && !value.equalsIgnoreCase("off") && !value.equals("0")) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "tables declared WITH OIDS are not supported");
                }
                continue;
            }
            out.add(d.defname() + "=" + value);
        }
        return out;
    }

    /** An integer reloption within [min, max] (reloptions.c's parse_one_reloption messages). */
    private static void integerOption(String name, String value, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for integer option \"" + name + "\": " + value);
        }
        if (v < min || v > max) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "value " + value
                    + " out of bounds for option \"" + name + "\"")
                    .withDetail("Valid values are between \"" + min + "\" and \"" + max + "\".");
        }
    }

    static long accessMethodOid(DdlContext ctx, String amName) {
        Catalog pgAm = SystemCatalogs.require(2601);
        int nameCol = pgAm.columnIndex("amname");
        List<CatalogTuple> rows = ctx.rows(2601, r -> amName.equals(r[nameCol]));
        if (rows.isEmpty()) {
            // an access method bundle without a pg_am row yet (the memory AM): register it like CREATE ACCESS METHOD
            long oid = ctx.newOid();
            ctx.insert(2601, Map.of("oid", oid, "amname", amName, "amhandler", 0L, "amtype", "t"));
            return oid;
        }
        return (Long) rows.get(0).get(pgAm, "oid");
    }

    static void setRelHasIndex(DdlContext ctx, int relOid) {
        updateClass(ctx, relOid, "relhasindex", true);
    }

    static void bumpRelChecks(DdlContext ctx, int relOid, int delta) {
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        CatalogTuple t = classRow(ctx, relOid);
        Object[] row = t.values().clone();
        int col = pgClass.columnIndex("relchecks");
        row[col] = (short) ((Short) row[col] + delta);
        ctx.access().update(SystemCatalogs.PG_CLASS, t.tid(), row);
    }

    static CatalogTuple classRow(DdlContext ctx, int relOid) {
        List<CatalogTuple> rows = ctx.rowsWhere(SystemCatalogs.PG_CLASS, "oid", (long) relOid);
        if (rows.isEmpty()) {
            throw Ereport.error(DdlStates.UNDEFINED_TABLE, "could not open relation with OID " + relOid);
        }
        return rows.get(0);
    }

    static void updateClass(DdlContext ctx, int relOid, String column, Object value) {
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        CatalogTuple t = classRow(ctx, relOid);
        Object[] row = t.values().clone();
        row[pgClass.columnIndex(column)] = value;
        ctx.access().update(SystemCatalogs.PG_CLASS, t.tid(), row);
    }

    static void setNotNull(DdlContext ctx, int relOid, int attnum, boolean notNull) {
        Catalog att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        int relCol = att.columnIndex("attrelid");
        int numCol = att.columnIndex("attnum");
        long rel = relOid;
        for (CatalogTuple t : ctx.rows(SystemCatalogs.PG_ATTRIBUTE,
                r -> rel == (Long) r[relCol] && (Short) r[numCol] == attnum)) {
            Object[] row = t.values().clone();
            row[att.columnIndex("attnotnull")] = notNull;
            ctx.access().update(SystemCatalogs.PG_ATTRIBUTE, t.tid(), row);
        }
    }
}
