package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableScan;
import org.tusk.engine.access.TupleFormat;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.bootstrap.CsvReader;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.scan.IndexKeyEncoding;
import org.tusk.engine.storage.HashIndexAccessMethod;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.types.PgType;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.VarExpr;

/**
 * DefineIndex / index_create: the index's pg_class, pg_attribute and
 * pg_index rows (indkey, indclass from the default btree operator classes),
 * its dependencies, its storage, and the build through the index access
 * method over the table's visible rows. Used by CREATE INDEX and by the
 * PRIMARY KEY / UNIQUE constraints of CREATE and ALTER TABLE.
 */
public final class DefineIndex {

    /** The default btree operator class per input type (pg_opclass opcdefault). */
    private static final Map<Integer, Integer> DEFAULT_BTREE_OPCLASS = new HashMap<>();
    /** The default hash operator class per input type. */
    private static final Map<Integer, Integer> DEFAULT_HASH_OPCLASS = new HashMap<>();

    static {
        for (Map<String, String> r : CsvReader.read("pg_opclass")) {
            if ("403".equals(r.get("opcmethod")) && "t".equals(r.get("opcdefault"))) {
                DEFAULT_BTREE_OPCLASS.put(Integer.parseInt(r.get("opcintype")), Integer.parseInt(r.get("oid")));
            }
            if ("405".equals(r.get("opcmethod")) && "t".equals(r.get("opcdefault"))) {
                DEFAULT_HASH_OPCLASS.put(Integer.parseInt(r.get("opcintype")), Integer.parseInt(r.get("oid")));
            }
        }
    }

    private DefineIndex() {
    }

    /** CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING btree] (columns) [INCLUDE (...)] [WHERE pred]. */
    public static String execute(DdlContext ctx, org.tusk.engine.nodes.IndexStmt stmt) {
        return execute(ctx, stmt, null);
    }

    /**
     * DefineIndex's refusal of system columns: as a key column, the types xid and cid have no
     * btree operator class (ComputeIndexAttrs fails first); ctid and tableoid, or any system
     * column inside an expression, INCLUDE list or predicate, are 0A000.
     */
    private static void checkSystemColumns(org.tusk.engine.nodes.IndexStmt stmt) {
        boolean system = false;
        for (org.tusk.engine.nodes.IndexElem e : stmt.indexParams()) {
            if (e.name() != null) {
                if (e.name().equals("xmin") || e.name().equals("xmax") || e.name().equals("cmin")
                        || e.name().equals("cmax")) {
                    String type = e.name().startsWith("x") ? "xid" : "cid";
                    throw Ereport.error(SqlState.UNDEFINED_OBJECT, "data type " + type
                            + " has no default operator class for access method \"btree\"")
                            .withHint("You must specify an operator class for the index or define a default "
                                    + "operator class for the data type.");
                }
                system |= org.tusk.engine.analyze.SystemColumnRefs.isSystemColumn(e.name());
            } else {
                system |= org.tusk.engine.analyze.SystemColumnRefs.mentioned(e.expr(),
                        org.tusk.engine.analyze.SystemColumnRefs.ALL_NAMES);
            }
        }
        for (org.tusk.engine.nodes.IndexElem e : stmt.indexIncludingParams()) {
            system |= e.name() != null && org.tusk.engine.analyze.SystemColumnRefs.isSystemColumn(e.name());
        }
        system |= org.tusk.engine.analyze.SystemColumnRefs.mentioned(stmt.whereClause(),
                org.tusk.engine.analyze.SystemColumnRefs.ALL_NAMES);
        if (system) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "index creation on system columns is not supported");
        }
    }

    /** pg_collation's OID of a built-in collation (the analyzer has checked that it exists). */
    private static long collationOid(String name) {
        for (java.util.Map<String, String> row : org.tusk.engine.func.BootstrapCsv.read("pg_collation.csv")) {
            if (row.get("collname").equals(name)) {
                return Long.parseLong(row.get("oid"));
            }
        }
        return 0;
    }

    /** CREATE INDEX with expressions and predicates analyzed through {@code sql} (the session). */
    public static String execute(DdlContext ctx, org.tusk.engine.nodes.IndexStmt stmt, SqlRunner sql) {
        if (stmt.accessMethod() != null && !stmt.accessMethod().equals("btree")
                && !stmt.accessMethod().equals(HashIndexAccessMethod.NAME)) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "access method \"" + stmt.accessMethod() + "\" is not supported for indexes yet");
        }
        RelationDesc table = ctx.relcache().open(stmt.relation().schemaname(), stmt.relation().relname(),
                ctx.searchPath(), org.tusk.lmgr.LockMode.SHARE, stmt.relation().location() + 1);
        if (table.kind() != 'r' && table.kind() != 'p' && table.kind() != 'm') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "cannot create index on relation \"" + table.name() + "\"")
                    .withDetail("This operation is not supported for " + DropObjects.kindWord(table.kind()) + "s.");
        }
        org.tusk.engine.relcache.OtherSessionTemp.check(table, ctx.relcache(), "create indexes on");
        define(ctx, stmt, sql, table);
        return "CREATE INDEX";
    }

    /**
     * CREATE INDEX on an opened table (also each partition's index when the
     * table is partitioned, see {@link PartitionedIndexes}); the new index's
     * OID, or 0 when IF NOT EXISTS skipped it.
     */
    static int define(DdlContext ctx, org.tusk.engine.nodes.IndexStmt stmt, SqlRunner sql, RelationDesc table) {
        String amName = stmt.accessMethod() == null ? "btree" : stmt.accessMethod();
        if (amName.equals(HashIndexAccessMethod.NAME)) {
            checkHashCapabilities(stmt);
        }
        checkSystemColumns(stmt);
        int[] attnums = new int[stmt.indexParams().size()];
        short[] options = new short[attnums.length];
        List<String> names = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        for (int i = 0; i < attnums.length; i++) {
            org.tusk.engine.nodes.IndexElem e = stmt.indexParams().get(i);
            options[i] = indexOption(e);
            if (e.name() == null) {
                if (sql == null) {
                    throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "expression indexes are not supported here");
                }
                if (e.expr() instanceof org.tusk.engine.nodes.RowExpr) {
                    // CheckAttributeType: an anonymous ROW(...) is a record, a pseudo-type no column may have
                    throw Ereport.error(DdlStates.INVALID_TABLE_DEFINITION, "column \"row\" has pseudo-type record");
                }
                Expr expr = sql.indexExpression(e.expr(), table, false);
                requireImmutable(expr, "functions in index expression must be marked IMMUTABLE");
                exprs.add(expr);
                if (expr instanceof org.tusk.engine.expr.CollateExpr c) {
                    expr = c.arg();     // a top-level COLLATE is the column's collation (named after its argument)
                }
                attnums[i] = 0;
                names.add(expr instanceof FuncExpr f && f.name() != null && !f.name().isEmpty()
                        && Character.isLetter(f.name().charAt(0)) ? f.name() : "expr");
                continue;
            }
            AttributeDesc a = table.attribute(e.name());
            if (a == null) {
                throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + e.name() + "\" does not exist");
            }
            attnums[i] = a.attnum();
            names.add(e.name());
        }
        int[] include = new int[stmt.indexIncludingParams().size()];
        for (int i = 0; i < include.length; i++) {
            org.tusk.engine.nodes.IndexElem e = stmt.indexIncludingParams().get(i);
            if (e.name() == null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "expressions are not supported in included columns");
            }
            AttributeDesc a = table.attribute(e.name());
            if (a == null) {
                throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + e.name() + "\" does not exist");
            }
            include[i] = a.attnum();
            names.add(e.name());
        }
        Expr predicate = null;
        if (stmt.whereClause() != null) {
            if (sql == null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "partial indexes are not supported here");
            }
            predicate = sql.indexExpression(stmt.whereClause(), table, true);
            requireImmutable(predicate, "functions in index predicate must be marked IMMUTABLE");
        }
        String name = stmt.idxname();
        if (name == null) {
            name = Naming.chooseRelationName(ctx, table.name(), String.join("_", names), "idx", table.namespaceOid(),
                    java.util.Set.of());
        } else if (Naming.relationIn(ctx, name, table.namespaceOid()) != null) {
            if (stmt.ifNotExists()) {
                ctx.notice(Naming.skippingNotice(DdlStates.DUPLICATE_TABLE,
                        "relation \"" + name + "\" already exists, skipping"));
                return 0;
            }
            throw Naming.alreadyExists("relation", name, -1);
        }
        int indexOid = create(ctx, table, name, new Definition(attnums, options, include, exprs, predicate, names,
                stmt.nullsNotDistinct(), amName), stmt.unique(),
                false, false, -1, sql, stmt.concurrent() && table.kind() != 'p');
        recordCollations(ctx, indexOid, stmt.indexParams());
        if (table.kind() == 'p') {
            PartitionedIndexes.finish(ctx, stmt, sql, table, indexOid);
        }
        return indexOid;
    }

    /**
     * A key column's COLLATE clause goes into pg_index.indcollation (keys are
     * still compared as the column's own collation does; only code-point
     * collations exist here), so that USING INDEX can tell a non-default one.
     */
    private static void recordCollations(DdlContext ctx, int indexOid, List<org.tusk.engine.nodes.IndexElem> elems) {
        SystemCatalogs.Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        for (int i = 0; i < elems.size(); i++) {
            List<String> collation = elems.get(i).collation();
            if (collation == null || collation.isEmpty()) {
                continue;
            }
            String collname = collation.get(collation.size() - 1);
            long collOid = "C".equals(collname) ? 950L : "POSIX".equals(collname) ? 951L
                    : "default".equals(collname) ? 100L : -1L;
            if (collOid < 0) {
                continue;
            }
            for (var t : ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indexrelid", (long) indexOid)) {
                Object[] values = t.values().clone();
                int col = pgIndex.columnIndex("indcollation");
                Object[] current = values[col] instanceof Object[] a ? a.clone() : null;
                if (current == null || i >= current.length) {
                    continue;
                }
                current[i] = collOid;
                values[col] = current;
                ctx.access().update(SystemCatalogs.PG_INDEX, t.tid(), values);
            }
        }
        ctx.commandCounterIncrement();
    }

    /** What CREATE INDEX adds to plain key columns: expressions (for 0 attnums), INCLUDE columns, a predicate. */
    record Definition(int[] keyAttnums, short[] options, int[] include, List<Expr> exprs, Expr predicate,
            List<String> columnNames, boolean nullsNotDistinct, String accessMethod) {

        Definition(int[] keyAttnums, short[] options, int[] include, List<Expr> exprs, Expr predicate,
                List<String> columnNames, boolean nullsNotDistinct) {
            this(keyAttnums, options, include, exprs, predicate, columnNames, nullsNotDistinct, "btree");
        }

        boolean hash() {
            return HashIndexAccessMethod.NAME.equals(accessMethod);
        }
    }

    /**
     * What the hash AM cannot do (amcanunique, amcanmulticol, amcaninclude, amcanorder all false), refused in
     * DefineIndex's and ComputeIndexAttrs' order with their messages.
     */
    private static void checkHashCapabilities(org.tusk.engine.nodes.IndexStmt stmt) {
        String refusal = null;
        if (stmt.unique()) {
            refusal = "unique indexes";
        } else if (stmt.indexParams().size() > 1) {
            refusal = "multicolumn indexes";
        } else if (!stmt.indexIncludingParams().isEmpty()) {
            refusal = "included columns";
        } else {
            for (org.tusk.engine.nodes.IndexElem e : stmt.indexParams()) {
                if (e.ordering() != org.tusk.engine.nodes.SortByDir.DEFAULT) {
                    refusal = "ASC/DESC options";
                } else if (e.nullsOrdering() != org.tusk.engine.nodes.SortByNulls.DEFAULT) {
                    refusal = "NULLS FIRST/LAST options";
                }
            }
        }
        if (refusal != null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "access method \"" + HashIndexAccessMethod.NAME + "\" does not support " + refusal);
        }
    }

    /** The default hash opclass of a column type (binary-coercible ones share text_ops etc.); 42704 if none. */
    static int defaultHashOpclass(int typeOid, int location) {
        Integer oc = DEFAULT_HASH_OPCLASS.get(typeOid);
        if (oc == null && typeOid == 1043) {
            oc = DEFAULT_HASH_OPCLASS.get(25);
        }
        TypeLookup.TypeInfo t = TypeLookup.byOid(typeOid);
        if (oc == null && t != null && t.name().startsWith("_")) {
            oc = DEFAULT_HASH_OPCLASS.get(2277);   // array_ops
        }
        org.tusk.engine.types.PgType builtin = org.tusk.engine.types.PgType.byOid(typeOid);
        if (oc == null && builtin != null && org.tusk.engine.types.RangeValue.subtype(builtin) != null) {
            oc = DEFAULT_HASH_OPCLASS.get(3831);   // range_ops
        }
        if (oc == null) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "data type " + (t == null ? typeOid : t.name())
                    + " has no default operator class for access method \"hash\"", location)
                    .withHint("You must specify an operator class for the index or define a default operator class for the data type.");
        }
        return oc;
    }

    /** CheckMutability: every function of an index expression or predicate must be immutable (42P17). */
    private static void requireImmutable(Expr e, String message) {
        if (e instanceof FuncExpr f && f.volatility() != 'i') {
            throw Ereport.error(DdlStates.INVALID_OBJECT_DEFINITION, message);
        }
        for (Expr c : e.children()) {
            requireImmutable(c, message);
        }
    }

    /** pg_index.indoption bits: 1 DESC, 2 NULLS FIRST (DESC defaults to NULLS FIRST, as in PostgreSQL). */
    private static short indexOption(org.tusk.engine.nodes.IndexElem e) {
        boolean desc = e.ordering() == org.tusk.engine.nodes.SortByDir.DESC;
        boolean nullsFirst = e.nullsOrdering() == org.tusk.engine.nodes.SortByNulls.DEFAULT ? desc
                : e.nullsOrdering() == org.tusk.engine.nodes.SortByNulls.FIRST;
        return (short) ((desc ? 1 : 0) | (nullsFirst ? 2 : 0));
    }

    /** Whether the type has a default btree operator class (ANALYZE's test for a histogram and correlation). */
    public static boolean hasDefaultBtreeOpclass(int typeOid) {
        try {
            defaultOpclass(typeOid, -1);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The default btree opclass for a column type (binary-coercible ones share text_ops etc.); 42704 if none. */
    static int defaultOpclass(int typeOid, int location) {
        Integer oc = DEFAULT_BTREE_OPCLASS.get(typeOid);
        if (oc == null && (typeOid == 1043 || typeOid == 19)) {
            oc = DEFAULT_BTREE_OPCLASS.get(25);
        }
        if (oc == null && TypeLookup.byOid(typeOid) != null && TypeLookup.byOid(typeOid).name().startsWith("_")) {
            oc = DEFAULT_BTREE_OPCLASS.get(2277);   // array_ops
        }
        if (oc == null) {
            org.tusk.engine.types.UserTypes.UserType u = org.tusk.engine.types.UserTypes.byOid(typeOid);
            if (u != null && u.typtype() == 'e') {
                oc = DEFAULT_BTREE_OPCLASS.get(3500);   // enum_ops
            }
            org.tusk.engine.types.PgType builtin = org.tusk.engine.types.PgType.byOid(typeOid);
            if (builtin != null && org.tusk.engine.types.RangeValue.subtype(builtin) != null) {
                oc = DEFAULT_BTREE_OPCLASS.get(3831);   // range_ops
            }
        }
        if (oc == null) {
            TypeLookup.TypeInfo t = TypeLookup.byOid(typeOid);
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "data type " + (t == null ? typeOid : t.name())
                    + " has no default operator class for access method \"btree\"", location)
                    .withHint("You must specify an operator class for the index or define a default operator class for the data type.");
        }
        return oc;
    }

    /**
     * Creates and builds an index of {@code table} on {@code keyAttnums}, every column ascending.
     *
     * @return the index's OID
     */
    static int create(DdlContext ctx, RelationDesc table, String indexName, int[] keyAttnums, boolean unique,
            boolean primary, boolean isConstraint, int location) {
        return create(ctx, table, indexName, keyAttnums, new short[keyAttnums.length], unique, primary, isConstraint,
                location);
    }

    /**
     * Creates and builds an index of {@code table} on {@code keyAttnums} with
     * per-column {@code options} (indoption). The entries are always kept in
     * ascending key order: DESC and NULLS FIRST are recorded for the index's
     * definition, and no plan relies on an index's order (the planner uses
     * indexes for lookups and ranges only), so results never depend on it.
     *
     * @return the index's OID
     */
    static int create(DdlContext ctx, RelationDesc table, String indexName, int[] keyAttnums, short[] options,
            boolean unique, boolean primary, boolean isConstraint, int location) {
        return create(ctx, table, indexName, new Definition(keyAttnums, options, new int[0], List.of(), null, null, false),
                unique, primary, isConstraint, location, null);
    }

    /**
     * index_create: pg_class, pg_attribute (key columns, then INCLUDE
     * columns; an expression column named after its function or "expr"),
     * pg_index with indexprs/indpred as deparsed text, dependencies on every
     * column used, then the build.
     */
    /** pg_class.relowner of {@code table} (the bootstrap superuser if the row cannot be read). */
    private static long tableOwner(DdlContext ctx, RelationDesc table) {
        org.tusk.engine.catalog.CatalogAccess.CatalogTuple row = CreateTable.classRow(ctx, table.oid());
        Object owner = row == null ? null : row.get(SystemCatalogs.require(SystemCatalogs.PG_CLASS), "relowner");
        return owner == null ? 10L : (Long) owner;
    }

    static int create(DdlContext ctx, RelationDesc table, String indexName, Definition def, boolean unique,
            boolean primary, boolean isConstraint, int location, SqlRunner sql) {
        return create(ctx, table, indexName, def, unique, primary, isConstraint, location, sql, false);
    }

    /**
     * As above; {@code concurrent} (CREATE INDEX CONCURRENTLY) keeps the
     * catalog entry of a build that fails on a duplicate key: PostgreSQL
     * commits the entry before building, so the failure leaves an INVALID
     * index (indisvalid and indisready false) that REINDEX can later repair.
     */
    static int create(DdlContext ctx, RelationDesc table, String indexName, Definition def, boolean unique,
            boolean primary, boolean isConstraint, int location, SqlRunner sql, boolean concurrent) {
        if (!ctx.storage().hasTableAm(table.amName() == null ? "heap" : table.amName())) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "access method \"" + table.amName() + "\" does not exist");
        }
        int[] keyAttnums = def.keyAttnums();
        int natts = keyAttnums.length + def.include().length;
        IndexAccessMethod am = ctx.storage().indexAm(def.hash() ? HashIndexAccessMethod.NAME : "btree");
        int indexOid = ctx.newRelationOid();
        // an index is as persistent as its table: a TEMP table's index is TEMP, and not WAL-logged either
        RelFileLocator locator = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE, ctx.txn().databaseOid(),
                indexOid, table.locator().temp());

        Map<String, Object> cls = new HashMap<>();
        cls.put("oid", (long) indexOid);
        cls.put("relname", indexName);
        cls.put("relnamespace", (long) table.namespaceOid());
        cls.put("relowner", tableOwner(ctx, table));    // an index belongs to its table's owner (index_create)
        cls.put("relam", (long) (def.hash() ? HashIndexAccessMethod.HASH_AM : SystemCatalogs.BTREE_AM));
        cls.put("relfilenode", (long) indexOid);
        cls.put("reltuples", -1f);
        // an index is as persistent as its table (index_create takes the heap's relpersistence)
        cls.put("relpersistence", CreateTable.classRow(ctx, table.oid()).get(SystemCatalogs.require(SystemCatalogs.PG_CLASS),
                "relpersistence"));
        cls.put("relkind", "i");
        cls.put("relnatts", (short) natts);
        cls.put("relispopulated", true);
        cls.put("relreplident", "n");
        ctx.insert(SystemCatalogs.PG_CLASS, cls);

        Object[] indkey = new Object[natts];
        Object[] indclass = new Object[keyAttnums.length];
        Object[] indcollation = new Object[keyAttnums.length];
        Object[] indoption = new Object[keyAttnums.length];
        List<PgType> keyTypes = new ArrayList<>();
        Set<Integer> dependsOn = new java.util.TreeSet<>();
        Set<String> usedNames = new HashSet<>();
        int nextExpr = 0;
        List<AttributeDesc> live = table.liveAttributes();
        for (int i = 0; i < natts; i++) {
            int attnum = i < keyAttnums.length ? keyAttnums[i] : def.include()[i - keyAttnums.length];
            int typeOid;
            int typmod;
            String colName;
            long explicitCollation = -1;
            if (attnum != 0) {
                AttributeDesc col = table.attributes().get(attnum - 1);
                typeOid = col.typeOid();
                typmod = col.typmod();
                colName = col.name();
                dependsOn.add(attnum);
            } else {
                Expr e = def.exprs().get(nextExpr++);
                if (e instanceof org.tusk.engine.expr.CollateExpr c) {
                    explicitCollation = collationOid(c.collation());
                    e = c.arg();
                }
                typeOid = e.type().oid();
                typmod = -1;
                colName = e instanceof FuncExpr f && f.name() != null && !f.name().isEmpty()
                        && Character.isLetter(f.name().charAt(0)) ? f.name() : "expr";
                collectAttnums(e, live, dependsOn);
            }
            String base = colName;
            for (int n = 1; !usedNames.add(colName); n++) {
                colName = base + n;
            }
            indkey[i] = (short) attnum;
            if (i < keyAttnums.length) {
                TypeLookup.TypeInfo type = TypeLookup.byOid(typeOid);
                indclass[i] = (long) (def.hash() ? defaultHashOpclass(typeOid, location) : defaultOpclass(typeOid, location));
                indcollation[i] = explicitCollation >= 0 ? explicitCollation : (long) (type == null ? 0 : type.collation());
                indoption[i] = def.options()[i];
                keyTypes.add(org.tusk.engine.types.UserTypes.columnType(typeOid));
            }
            CreateTable.insertAttribute(ctx, indexOid, i + 1, colName, typeOid, typmod, false);
        }
        if (def.predicate() != null) {
            collectAttnums(def.predicate(), live, dependsOn);
        }
        if (!isConstraint) {
            boolean simpleColumn = false;
            for (int i = 0; i < natts; i++) {
                simpleColumn |= (i < keyAttnums.length ? keyAttnums[i] : def.include()[i - keyAttnums.length]) != 0;
            }
            if (!simpleColumn) {
                // index_create: an index on expressions alone also depends on its whole table
                CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, indexOid, 0, SystemCatalogs.PG_CLASS,
                        table.oid(), 0, "a");
            }
            for (int attnum : dependsOn) {
                CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, indexOid, 0, SystemCatalogs.PG_CLASS,
                        table.oid(), attnum, "a");
            }
        }
        Map<String, Object> ind = new HashMap<>();
        ind.put("indexrelid", (long) indexOid);
        ind.put("indrelid", (long) table.oid());
        ind.put("indnatts", (short) natts);
        ind.put("indnkeyatts", (short) keyAttnums.length);
        ind.put("indisunique", unique);
        ind.put("indisprimary", primary);
        ind.put("indimmediate", true);
        ind.put("indisvalid", true);
        ind.put("indisready", true);
        ind.put("indislive", true);
        ind.put("indkey", indkey);
        ind.put("indcollation", indcollation);
        ind.put("indclass", indclass);
        ind.put("indoption", indoption);
        ind.put("indnullsnotdistinct", def.nullsNotDistinct());
        if (!def.exprs().isEmpty()) {
            List<String> texts = new ArrayList<>();
            for (Expr e : def.exprs()) {
                // ComputeIndexAttrs strips a top-level COLLATE: it went into indcollation
                texts.add(org.tusk.engine.planner.Deparser.unqualifiedAsWritten(
                        e instanceof org.tusk.engine.expr.CollateExpr c ? c.arg() : e));
            }
            ind.put("indexprs", String.join(org.tusk.engine.func.sysinfo.ObjectDefinitions.EXPRESSION_SEPARATOR, texts));
        }
        if (def.predicate() != null) {
            ind.put("indpred", org.tusk.engine.planner.Deparser.unqualifiedAsWritten(def.predicate()));
        }
        ctx.insert(SystemCatalogs.PG_INDEX, ind);
        CreateTable.setRelHasIndex(ctx, table.oid());

        KeyFunction keys = keyFunction(table, keyAttnums, def.exprs(), def.predicate(), sql);
        try {
            RelationSizeStatistics.BuildCounts counts = build(ctx, table, indexName, locator, keyAttnums, keyTypes,
                    unique, def.nullsNotDistinct(), am, keys);
            ctx.commandCounterIncrement();      // setRelHasIndex's update of the table's row is the one to update
            RelationSizeStatistics.afterIndexBuild(ctx, table, indexOid, am, locator, counts, true);
        } catch (PgException e) {
            if (!concurrent || !SqlState.UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw e;
            }
            // index_concurrently_build failed: the entry (committed in PostgreSQL's first phase) stays, INVALID
            build(ctx, table, indexName, locator, keyAttnums, keyTypes, false, def.nullsNotDistinct(), am, row -> null);
            ctx.commandCounterIncrement();      // the pg_index row of this command becomes visible to update
            setIndexFlags(ctx, indexOid, false);
            ctx.relcache().invalidate(table.oid());
            ctx.txn().commit();
            throw e;
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(table.oid());
        return indexOid;
    }

    /** pg_index.indisvalid and indisready of an index (index_set_state_flags). */
    private static void setIndexFlags(DdlContext ctx, int indexOid, boolean validAndReady) {
        SystemCatalogs.Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        for (org.tusk.engine.catalog.CatalogAccess.CatalogTuple t : ctx.rowsWhere(SystemCatalogs.PG_INDEX, "indexrelid",
                (long) indexOid)) {
            Object[] values = t.values().clone();
            values[pgIndex.columnIndex("indisvalid")] = validAndReady;
            values[pgIndex.columnIndex("indisready")] = validAndReady;
            ctx.access().update(SystemCatalogs.PG_INDEX, t.tid(), values);
        }
        ctx.commandCounterIncrement();
    }

    /** The table attnums (live columns) an expression reads. */
    private static void collectAttnums(Expr e, List<AttributeDesc> live, Set<Integer> out) {
        if (e instanceof VarExpr v && v.attno() >= 0 && v.attno() < live.size()) {
            out.add(live.get(v.attno()).attnum());
        }
        for (Expr c : e.children()) {
            collectAttnums(c, live, out);
        }
    }

    /**
     * FormIndexDatum + the partial-index test: an index's key of a full table
     * row (values by attnum - 1), or null when the row does not satisfy the
     * index's predicate and gets no entry.
     */
    interface KeyFunction {
        Object[] key(Object[] row);
    }

    /** Keys that are plain columns (no expressions, no predicate): rows need deforming only up to the last one. */
    private record PlainKeys(int[] keyAttnums) implements KeyFunction {
        @Override
        public Object[] key(Object[] row) {
            Object[] key = new Object[keyAttnums.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = row[keyAttnums[i] - 1];
            }
            return key;
        }

        int lastAttnum() {
            int last = 0;
            for (int a : keyAttnums) {
                last = Math.max(last, a);
            }
            return last;
        }
    }

    private static KeyFunction keyFunction(RelationDesc table, int[] keyAttnums, List<Expr> exprs, Expr predicate,
            SqlRunner sql) {
        if (exprs.isEmpty() && predicate == null) {
            return new PlainKeys(keyAttnums);
        }
        List<AttributeDesc> live = table.liveAttributes();
        List<java.util.function.Function<Object[], Object>> evals = new ArrayList<>();
        for (Expr e : exprs) {
            evals.add(sql.evaluator(e));
        }
        java.util.function.Function<Object[], Object> pred = predicate == null ? null : sql.evaluator(predicate);
        return row -> {
            Object[] values = new Object[live.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row[live.get(i).attnum() - 1];
            }
            if (pred != null && !Boolean.TRUE.equals(pred.apply(values))) {
                return null;
            }
            Object[] key = new Object[keyAttnums.length];
            int next = 0;
            for (int i = 0; i < key.length; i++) {
                key[i] = keyAttnums[i] != 0 ? row[keyAttnums[i] - 1] : evals.get(next++).apply(values);
            }
            return key;
        };
    }

    /**
     * Every index of {@code rel} rebuilt into new files from the table's
     * current rows (after TRUNCATE or a table rewrite gave the table a new
     * relfilenode); the old files go at commit. {@code rel} is the descriptor
     * from before the table's relfilenode changed: its indexes' old locators.
     */
    static void rebuildIntoNewFiles(DdlContext ctx, RelationDesc rel) {
        rebuildIntoNewFiles(ctx, rel, null);
    }

    /** As above; {@code sql} compiles expression and partial indexes' stored texts (null: the table is empty). */
    static void rebuildIntoNewFiles(DdlContext ctx, RelationDesc rel, SqlRunner sql) {
        RelationDesc table = ctx.relcache().open(rel.oid(), org.tusk.lmgr.LockMode.ACCESS_EXCLUSIVE);
        for (org.tusk.engine.relcache.IndexDesc index : rel.indexes()) {
            rebuildIndex(ctx, table, index, sql, false);
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(rel.oid());
    }

    /** One index rebuilt into a new relfilenode (REINDEX's reindex_index); the old file goes at commit. */
    static void rebuildIndex(DdlContext ctx, RelationDesc table, org.tusk.engine.relcache.IndexDesc index,
            SqlRunner sql) {
        rebuildIndex(ctx, table, index, sql, true);
    }

    /**
     * As above; {@code reindex} (REINDEX, as opposed to a table rewrite) checks
     * uniqueness of an INVALID index too and, when it holds, makes the index
     * valid and ready again (reindex_index); a rewrite leaves it invalid.
     */
    static void rebuildIndex(DdlContext ctx, RelationDesc table, org.tusk.engine.relcache.IndexDesc index,
            SqlRunner sql, boolean reindex) {
        IndexAccessMethod iam = ctx.storage().indexAm(index.amName());
        RelFileLocator oldIndex = index.locator();
        int indexNode = ctx.newRelationOid();
        RelFileLocator freshIndex = oldIndex.withRelNumber(indexNode);
        List<PgType> types = new ArrayList<>();
        for (int i = 0; i < index.keyAttnums().length; i++) {
            int k = index.keyAttnums()[i];
            types.add(org.tusk.engine.types.UserTypes.columnType(k != 0 ? table.attributes().get(k - 1).typeOid()
                    : index.keyTypeOids() == null ? 25 : index.keyTypeOids()[i]));
        }
        KeyFunction keys;
        if (index.hasExpressions() || index.predicate() != null) {
            SqlRunner runner = sql;
            KeyFunction[] compiled = new KeyFunction[1];
            keys = row -> {
                if (compiled[0] == null) {
                    if (runner == null) {
                        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                                "rebuilding an expression or partial index is not supported here");
                    }
                    List<Expr> exprs = new ArrayList<>();
                    for (String text : index.expressions()) {
                        exprs.add(runner.indexExpression(text, table, false));
                    }
                    Expr pred = index.predicate() == null ? null : runner.indexExpression(index.predicate(), table, true);
                    compiled[0] = keyFunction(table, index.keyAttnums(), exprs, pred, runner);
                }
                return compiled[0].key(row);
            };
        } else {
            keys = keyFunction(table, index.keyAttnums(), List.of(), null, null);
        }
        RelationSizeStatistics.BuildCounts counts = build(ctx, table, index.name(), freshIndex, index.keyAttnums(),
                types, index.unique() && (reindex || index.ready()), index.nullsNotDistinct(), iam, keys);
        if (reindex && !index.ready()) {
            setIndexFlags(ctx, index.oid(), true);
        }
        ctx.txn().onCommit(() -> iam.dropStorage(oldIndex));
        CreateTable.updateClass(ctx, index.oid(), "relfilenode", (long) indexNode);
        ctx.commandCounterIncrement();
        RelationSizeStatistics.afterIndexBuild(ctx, table, index.oid(), iam, freshIndex, counts, false);
        ctx.relcache().invalidate(index.oid());   // other backends cache the index's own entry
    }

    /**
     * Builds (or rebuilds into new files) the index from the table's rows
     * visible to the command. Keys are in the executor's
     * {@link IndexKeyEncoding}, the one format index inserts and scans use.
     * Uniqueness is checked here rather than by the access method, because
     * keys with a NULL column never conflict (several NULLs are allowed in a
     * unique index); the AM builds without its own check.
     */
    static RelationSizeStatistics.BuildCounts build(DdlContext ctx, RelationDesc table, String indexName,
            RelFileLocator locator, int[] keyAttnums, List<PgType> keyTypes, boolean unique, boolean nullsNotDistinct,
            IndexAccessMethod am, KeyFunction keys) {
        IndexDescriptor descriptor = new IndexDescriptor(indexName, locator, table.locator(), false,
                IndexKeyEncoding.comparator());
        TableAccessMethod heap = ctx.storage().tableAm(table.amName() == null ? "heap" : table.amName());
        // a plain-column index deforms each row only up to its last key column (pgbench_accounts' key
        // is its first column, before an 84-character filler the build used to turn into a string)
        int natts = keys instanceof PlainKeys plain ? Math.min(table.natts(), plain.lastAttnum()) : table.natts();
        IntegerKeyCheck integerKeys = unique ? IntegerKeyCheck.forKey(keyTypes, nullsNotDistinct) : null;
        Set<EncodedKey> seen = unique && integerKeys == null ? new HashSet<>() : null;
        ctx.txn().onAbort(() -> am.dropStorage(locator));
        org.tusk.engine.access.ToastRelation toast = ToastTable.open(ctx, table);
        long[] counted = new long[2];       // heap rows scanned, index entries made (index_build's IndexBuildResult)
        am.build(descriptor, sink -> {
            var snapshot = ctx.txn().snapshot(ctx.access().level());
            try (TableScan scan = heap.beginScan(table.locator(), snapshot, ctx.txn().context(ctx.access().level()))) {
                while (scan.next()) {
                    Object[] row = ToastTable.deform(toast, scan.data(), natts, snapshot);
                    counted[0]++;
                    Object[] key = keys.key(row);
                    if (key == null) {
                        continue;                   // outside a partial index
                    }
                    counted[1]++;
                    boolean hasNull = false;
                    for (Object k : key) {
                        hasNull |= k == null;
                    }
                    byte[] encoded = IndexKeyEncoding.encode(keyTypes, key);
                    boolean duplicate = integerKeys != null ? !integerKeys.add(key[0])
                            : seen != null && (!hasNull || nullsNotDistinct) && !seen.add(new EncodedKey(encoded));
                    if (duplicate) {
                        throw Ereport.error(SqlState.UNIQUE_VIOLATION,
                                "could not create unique index \"" + indexName + "\"")
                                .withDetail("Key " + describeKey(table, keyAttnums, keyTypes, key) + " is duplicated.");
                    }
                    sink.accept(encoded, scan.indexTupleId());     // a heap-only tuple: its chain's root
                }
            }
        });
        if (!heap.isDurable()) {
            am.buildEmpty(descriptor);      // emptied with its table at the next start
        }
        return new RelationSizeStatistics.BuildCounts(counted[0], counted[1]);
    }

    /**
     * An encoded key in the duplicate check. Not ByteBuffer: its hash is the
     * 31-polynomial of the bytes, under which the order-preserving encodings of
     * neighbouring integers collide in whole runs ((b, c) and (b + 1, c - 31)),
     * so a primary key's set degenerated into tree bins compared byte by byte
     * (14% of pgbench -i). FNV-1a spreads them.
     */
    private record EncodedKey(byte[] bytes, int hash) {
        EncodedKey(byte[] bytes) {
            this(bytes, fnv1a(bytes));
        }

        private static int fnv1a(byte[] bytes) {
            int h = 0x811C9DC5;
            for (byte b : bytes) {
                h = (h ^ (b & 0xFF)) * 0x01000193;
            }
            return h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EncodedKey k && hash == k.hash && java.util.Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** BuildIndexValueDescription: {@code (a, b)=(1, x)}. */
    private static String describeKey(RelationDesc table, int[] keyAttnums, List<PgType> keyTypes, Object[] key) {
        StringBuilder names = new StringBuilder("(");
        StringBuilder values = new StringBuilder("(");
        for (int i = 0; i < key.length; i++) {
            if (i > 0) {
                names.append(", ");
                values.append(", ");
            }
            names.append(keyAttnums[i] != 0 ? table.attributes().get(keyAttnums[i] - 1).name() : "expr");
            PgType type = keyTypes.get(i);
            values.append(key[i] == null ? "null" : type == null ? String.valueOf(key[i])
                    : org.tusk.engine.types.TextFormat.output(type, key[i], org.tusk.engine.types.TypeContext.DEFAULT));
        }
        return names.append(")=").append(values).append(")").toString();
    }
}
