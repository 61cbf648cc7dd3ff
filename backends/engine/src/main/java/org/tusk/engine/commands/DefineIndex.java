package org.tusk.engine.commands;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.types.PgType;

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

    static {
        for (Map<String, String> r : CsvReader.read("pg_opclass")) {
            if ("403".equals(r.get("opcmethod")) && "t".equals(r.get("opcdefault"))) {
                DEFAULT_BTREE_OPCLASS.put(Integer.parseInt(r.get("opcintype")), Integer.parseInt(r.get("oid")));
            }
        }
    }

    private DefineIndex() {
    }

    /** CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING btree] (columns). */
    public static String execute(DdlContext ctx, org.tusk.engine.nodes.IndexStmt stmt) {
        if (stmt.accessMethod() != null && !stmt.accessMethod().equals("btree")) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "access method \"" + stmt.accessMethod() + "\" is not supported for indexes yet");
        }
        if (stmt.whereClause() != null || !stmt.indexIncludingParams().isEmpty()) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "partial indexes and INCLUDE are not supported yet");
        }
        RelationDesc table = ctx.relcache().open(stmt.relation().schemaname(), stmt.relation().relname(),
                ctx.searchPath(), org.tusk.lmgr.LockMode.SHARE, stmt.relation().location() + 1);
        if (table.kind() != 'r') {
            throw Ereport.error(DdlStates.WRONG_OBJECT_TYPE, "cannot create index on relation \"" + table.name() + "\"")
                    .withDetail("This operation is not supported for " + DropObjects.kindWord(table.kind()) + "s.");
        }
        int[] attnums = new int[stmt.indexParams().size()];
        short[] options = new short[attnums.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < attnums.length; i++) {
            org.tusk.engine.nodes.IndexElem e = stmt.indexParams().get(i);
            if (e.name() == null) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "expression indexes are not supported yet");
            }
            options[i] = indexOption(e);
            AttributeDesc a = table.attribute(e.name());
            if (a == null) {
                throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + e.name() + "\" does not exist");
            }
            attnums[i] = a.attnum();
            names.add(e.name());
        }
        String name = stmt.idxname();
        if (name == null) {
            name = Naming.chooseRelationName(ctx, table.name(), String.join("_", names), "idx", table.namespaceOid(),
                    java.util.Set.of());
        } else if (Naming.relationIn(ctx, name, table.namespaceOid()) != null) {
            if (stmt.ifNotExists()) {
                ctx.notice(Naming.skippingNotice(DdlStates.DUPLICATE_TABLE,
                        "relation \"" + name + "\" already exists, skipping"));
                return "CREATE INDEX";
            }
            throw Naming.alreadyExists("relation", name, -1);
        }
        create(ctx, table, name, attnums, options, stmt.unique(), false, false, -1);
        return "CREATE INDEX";
    }

    /** pg_index.indoption bits: 1 DESC, 2 NULLS FIRST (DESC defaults to NULLS FIRST, as in PostgreSQL). */
    private static short indexOption(org.tusk.engine.nodes.IndexElem e) {
        boolean desc = e.ordering() == org.tusk.engine.nodes.SortByDir.DESC;
        boolean nullsFirst = e.nullsOrdering() == org.tusk.engine.nodes.SortByNulls.DEFAULT ? desc
                : e.nullsOrdering() == org.tusk.engine.nodes.SortByNulls.FIRST;
        return (short) ((desc ? 1 : 0) | (nullsFirst ? 2 : 0));
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
        if (!ctx.storage().hasTableAm(table.amName() == null ? "heap" : table.amName())) {
            throw Ereport.error(SqlState.UNDEFINED_OBJECT, "access method \"" + table.amName() + "\" does not exist");
        }
        IndexAccessMethod am = ctx.storage().indexAm("btree");
        int indexOid = ctx.newRelationOid();
        RelFileLocator locator = RelFileLocator.of(ctx.txn().databaseOid(), indexOid);

        Map<String, Object> cls = new HashMap<>();
        cls.put("oid", (long) indexOid);
        cls.put("relname", indexName);
        cls.put("relnamespace", (long) table.namespaceOid());
        cls.put("relowner", 10L);
        cls.put("relam", (long) SystemCatalogs.BTREE_AM);
        cls.put("relfilenode", (long) indexOid);
        cls.put("reltuples", -1f);
        cls.put("relpersistence", table.namespaceOid() != 0 && table.namespaceOid() == ctx.relcache().tempNamespace() ? "t" : "p");
        cls.put("relkind", "i");
        cls.put("relnatts", (short) keyAttnums.length);
        cls.put("relispopulated", true);
        cls.put("relreplident", "n");
        ctx.insert(SystemCatalogs.PG_CLASS, cls);

        Object[] indkey = new Object[keyAttnums.length];
        Object[] indclass = new Object[keyAttnums.length];
        Object[] indcollation = new Object[keyAttnums.length];
        Object[] indoption = new Object[keyAttnums.length];
        List<PgType> keyTypes = new ArrayList<>();
        for (int i = 0; i < keyAttnums.length; i++) {
            AttributeDesc col = table.attributes().get(keyAttnums[i] - 1);
            TypeLookup.TypeInfo type = TypeLookup.byOid(col.typeOid());
            indkey[i] = (short) keyAttnums[i];
            indclass[i] = (long) defaultOpclass(col.typeOid(), location);
            indcollation[i] = (long) (type == null ? 0 : type.collation());
            indoption[i] = options[i];
            keyTypes.add(org.tusk.engine.types.UserTypes.columnType(col.typeOid()));
            CreateTable.insertAttribute(ctx, indexOid, i + 1, col.name(), col.typeOid(), col.typmod(), false);
            if (!isConstraint) {
                CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, indexOid, 0, SystemCatalogs.PG_CLASS,
                        table.oid(), keyAttnums[i], "a");
            }
        }
        Map<String, Object> ind = new HashMap<>();
        ind.put("indexrelid", (long) indexOid);
        ind.put("indrelid", (long) table.oid());
        ind.put("indnatts", (short) keyAttnums.length);
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
        ctx.insert(SystemCatalogs.PG_INDEX, ind);
        CreateTable.setRelHasIndex(ctx, table.oid());

        build(ctx, table, indexName, locator, keyAttnums, keyTypes, unique, am);
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(table.oid());
        return indexOid;
    }

    /**
     * Every index of {@code rel} rebuilt into new files from the table's
     * current rows (after TRUNCATE or a table rewrite gave the table a new
     * relfilenode); the old files go at commit. {@code rel} is the descriptor
     * from before the table's relfilenode changed: its indexes' old locators.
     */
    static void rebuildIntoNewFiles(DdlContext ctx, RelationDesc rel) {
        RelationDesc table = ctx.relcache().open(rel.oid(), org.tusk.lmgr.LockMode.ACCESS_EXCLUSIVE);
        for (org.tusk.engine.relcache.IndexDesc index : rel.indexes()) {
            IndexAccessMethod iam = ctx.storage().indexAm(index.amName());
            RelFileLocator oldIndex = index.locator();
            int indexNode = ctx.newRelationOid();
            RelFileLocator freshIndex = new RelFileLocator(oldIndex.spcOid(), oldIndex.dbOid(), indexNode);
            List<PgType> types = new ArrayList<>();
            for (int k : index.keyAttnums()) {
                types.add(org.tusk.engine.types.UserTypes.columnType(table.attributes().get(k - 1).typeOid()));
            }
            build(ctx, table, index.name(), freshIndex, index.keyAttnums(), types, index.unique(), iam);
            ctx.txn().onCommit(() -> iam.dropStorage(oldIndex));
            CreateTable.updateClass(ctx, index.oid(), "relfilenode", (long) indexNode);
            ctx.relcache().invalidate(index.oid());   // other backends cache the index's own entry
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(rel.oid());
    }

    /**
     * Builds (or rebuilds into new files) the index from the table's rows
     * visible to the command. Keys are in the executor's
     * {@link IndexKeyEncoding}, the one format index inserts and scans use.
     * Uniqueness is checked here rather than by the access method, because
     * keys with a NULL column never conflict (several NULLs are allowed in a
     * unique index); the AM builds without its own check.
     */
    static void build(DdlContext ctx, RelationDesc table, String indexName, RelFileLocator locator, int[] keyAttnums,
            List<PgType> keyTypes, boolean unique, IndexAccessMethod am) {
        IndexDescriptor descriptor = new IndexDescriptor(indexName, locator, table.locator(), false,
                IndexKeyEncoding.comparator());
        TableAccessMethod heap = ctx.storage().tableAm(table.amName() == null ? "heap" : table.amName());
        int natts = table.natts();
        Set<ByteBuffer> seen = unique ? new HashSet<>() : null;
        ctx.txn().onAbort(() -> am.dropStorage(locator));
        org.tusk.engine.access.ToastRelation toast = ToastTable.open(ctx, table);
        am.build(descriptor, sink -> {
            var snapshot = ctx.txn().snapshot(ctx.access().level());
            try (TableScan scan = heap.beginScan(table.locator(), snapshot, ctx.txn().context(ctx.access().level()))) {
                while (scan.next()) {
                    Object[] row = ToastTable.deform(toast, scan.data(), natts, snapshot);
                    Object[] key = new Object[keyAttnums.length];
                    boolean hasNull = false;
                    for (int i = 0; i < key.length; i++) {
                        key[i] = row[keyAttnums[i] - 1];
                        hasNull |= key[i] == null;
                    }
                    byte[] encoded = IndexKeyEncoding.encode(keyTypes, key);
                    if (seen != null && !hasNull && !seen.add(ByteBuffer.wrap(encoded))) {
                        throw Ereport.error(SqlState.UNIQUE_VIOLATION,
                                "could not create unique index \"" + indexName + "\"")
                                .withDetail("Key " + describeKey(table, keyAttnums, key) + " is duplicated.");
                    }
                    sink.accept(encoded, scan.tupleId());
                }
            }
        });
        if (!heap.isDurable()) {
            am.buildEmpty(descriptor);      // emptied with its table at the next start
        }
    }

    /** BuildIndexValueDescription: {@code (a, b)=(1, x)}. */
    private static String describeKey(RelationDesc table, int[] keyAttnums, Object[] key) {
        StringBuilder names = new StringBuilder("(");
        StringBuilder values = new StringBuilder("(");
        for (int i = 0; i < key.length; i++) {
            if (i > 0) {
                names.append(", ");
                values.append(", ");
            }
            AttributeDesc col = table.attributes().get(keyAttnums[i] - 1);
            names.append(col.name());
            PgType type = org.tusk.engine.types.UserTypes.columnType(col.typeOid());
            values.append(key[i] == null ? "null" : type == null ? String.valueOf(key[i])
                    : org.tusk.engine.types.TextFormat.output(type, key[i], org.tusk.engine.types.TypeContext.DEFAULT));
        }
        return names.append(")=").append(values).append(")").toString();
    }
}
