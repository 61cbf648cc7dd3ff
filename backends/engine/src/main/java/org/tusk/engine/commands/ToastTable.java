package org.tusk.engine.commands;

import java.util.HashMap;
import java.util.Map;

import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.engine.access.Toast;
import org.tusk.engine.access.ToastPointer;
import org.tusk.engine.access.ToastRelation;
import org.tusk.engine.access.TupleFormat;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.executor.scan.IndexKeyEncoding;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.IndexDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.lmgr.LockMode;

/**
 * toasting.c: a table's TOAST relation {@code pg_toast.pg_toast_<reloid>}
 * (relkind 't', chunk_id oid, chunk_seq int4, chunk_data bytea, all
 * attstorage plain) with its unique index {@code pg_toast_<reloid>_index} on
 * (chunk_id, chunk_seq), created when the table's rows could outgrow
 * {@link Toast#TUPLE_THRESHOLD} (needs_toast_table), recorded in the table's
 * pg_class.reltoastrelid and tied to it by an internal dependency, so DROP
 * TABLE drops it. Also the DDL side's reading of toasted rows.
 */
public final class ToastTable {

    static final int PG_TOAST_NAMESPACE = 99;
    private static final int OID = 26;
    private static final int INT4 = 23;
    private static final int BYTEA = 17;
    private static final int HEAP_AM = 2;

    private ToastTable() {
    }

    /** AlterTableCreateToastTable: creates the relation's TOAST table if it needs one and has none. */
    public static void createIfNeeded(DdlContext ctx, int relOid) {
        RelationDesc rel = ctx.relcache().open(relOid, LockMode.ACCESS_EXCLUSIVE);
        if (rel.kind() != 'r' || rel.toastRelid() != 0 || !"heap".equals(rel.amName() == null ? "heap" : rel.amName())
                || !needsToastTable(rel)) {
            return;
        }
        int toastOid = ctx.newRelationOid();
        String name = "pg_toast_" + relOid;
        Map<String, Object> cls = new HashMap<>();
        cls.put("oid", (long) toastOid);
        cls.put("relname", name);
        cls.put("relnamespace", (long) PG_TOAST_NAMESPACE);
        cls.put("reltype", 0L);
        cls.put("relowner", 10L);
        cls.put("relam", (long) HEAP_AM);
        cls.put("relfilenode", (long) toastOid);
        cls.put("reltuples", -1f);
        // as persistent as its table (create_toast_table): a TEMP table's chunks are not WAL-logged either
        boolean temp = rel.locator().temp();
        cls.put("relpersistence", temp ? String.valueOf(RelFileLocator.RELPERSISTENCE_TEMP) : "p");
        cls.put("relkind", "t");
        cls.put("relnatts", (short) 3);
        cls.put("relispopulated", true);
        cls.put("relreplident", "n");
        cls.put("relfrozenxid", 3L);
        cls.put("relminmxid", 1L);
        ctx.insert(SystemCatalogs.PG_CLASS, cls);
        CreateTable.insertAttribute(ctx, toastOid, 1, "chunk_id", OID, -1, false);
        CreateTable.insertAttribute(ctx, toastOid, 2, "chunk_seq", INT4, -1, false);
        CreateTable.insertAttribute(ctx, toastOid, 3, "chunk_data", BYTEA, -1, false);
        ctx.commandCounterIncrement();
        setStorage(ctx, toastOid, 3, 'p');           // chunks are never toasted themselves
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, toastOid, 0, SystemCatalogs.PG_CLASS, relOid, 0,
                "i");
        RelFileLocator locator = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE, ctx.txn().databaseOid(),
                toastOid, temp);
        TableAccessMethod am = ctx.storage().tableAm("heap");
        am.createStorage(locator);
        ctx.txn().onAbort(() -> am.dropStorage(locator));
        CreateTable.updateClass(ctx, relOid, "reltoastrelid", (long) toastOid);
        ctx.commandCounterIncrement();
        RelationDesc toast = ctx.relcache().open(toastOid, LockMode.ACCESS_EXCLUSIVE);
        DefineIndex.create(ctx, toast, name + "_index", new int[] {1, 2}, true, true, false, -1);
        ctx.relcache().invalidate(relOid);
        ctx.commandCounterIncrement();
    }

    /** Sets pg_attribute.attstorage of one column. */
    static void setStorage(DdlContext ctx, int relOid, int attnum, char storage) {
        var att = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        int relCol = att.columnIndex("attrelid");
        int numCol = att.columnIndex("attnum");
        for (var t : ctx.rows(SystemCatalogs.PG_ATTRIBUTE,
                r -> ((Long) r[relCol]).intValue() == relOid && ((Short) r[numCol]) == attnum)) {
            Object[] row = t.values().clone();
            row[att.columnIndex("attstorage")] = String.valueOf(storage);
            ctx.access().update(SystemCatalogs.PG_ATTRIBUTE, t.tid(), row);
        }
    }

    /**
     * needs_toast_table: some column is toastable and the row's maximum size
     * is unknown (a variable-length column without a limit) or above the
     * threshold.
     */
    static boolean needsToastTable(RelationDesc rel) {
        long dataLength = 0;
        boolean unknown = false;
        boolean toastable = false;
        for (AttributeDesc a : rel.liveAttributes()) {
            TypeLookup.TypeInfo type = TypeLookup.byOid(a.typeOid());
            if (type == null) {
                continue;
            }
            if (type.len() > 0) {
                dataLength += type.len();
                continue;
            }
            long max = maximumSize(a.typeOid(), a.typmod());
            if (max < 0) {
                unknown = true;
            } else {
                dataLength += max;
            }
            if (a.storage() != 'p') {
                toastable = true;
            }
        }
        if (!toastable) {
            return false;
        }
        if (unknown) {
            return true;
        }
        long tupleLength = 24 + (rel.natts() + 7) / 8 + dataLength;
        return tupleLength > Toast.TUPLE_THRESHOLD;
    }

    /** type_maximum_size: the largest value of the type and typmod, -1 when unbounded. */
    private static long maximumSize(int typeOid, int typmod) {
        if (typmod < 0) {
            return -1;
        }
        return switch (typeOid) {
            case 1042, 1043 -> (typmod - 4) * 4L + 4;            // bpchar, varchar: 4 bytes per UTF8 character
            case 1560, 1562 -> (typmod + 7) / 8 + 8L;           // bit, varbit
            case 1700 -> 8 + (((typmod - 4) >> 16 & 0xFFFF) + 6) / 4 * 2L;   // numeric_maximum_size
            default -> -1;
        };
    }

    /** The TOAST table of {@code rel} for DDL code, or null when it has none. */
    public static ToastRelation open(DdlContext ctx, RelationDesc rel) {
        if (rel.toastRelid() == 0) {
            return null;
        }
        RelationDesc t = ctx.relcache().byOid(rel.toastRelid());
        if (t == null || t.indexes().isEmpty()) {
            return null;
        }
        IndexDesc index = t.indexes().get(0);
        return new ToastRelation(t.oid(), t.name(), ctx.storage().tableAm("heap"), t.locator(),
                ctx.storage().indexAm(index.amName()),
                new IndexDescriptor(index.name(), index.locator(), t.locator(), true, IndexKeyEncoding.comparator()),
                () -> ctx.storage().newOid(), () -> ctx.txn().context(ctx.access().level()));
    }

    /** heap_deform_tuple + detoast for DDL code reading a table's rows with {@code snapshot}. */
    public static Object[] deform(ToastRelation toast, byte[] data, int natts, Snapshot snapshot) {
        if (toast == null) {
            return TupleFormat.deform(data, natts);
        }
        return TupleFormat.deform(data, natts, (ToastPointer p) -> toast.fetch(p, snapshot));
    }

    /** The attstorage of every stored attribute of {@code rel}. */
    public static char[] storage(RelationDesc rel) {
        char[] s = new char[rel.natts()];
        for (AttributeDesc a : rel.attributes()) {
            if (a.attnum() >= 1 && a.attnum() <= s.length) {
                s[a.attnum() - 1] = a.dropped() ? 'p' : a.storage();
            }
        }
        return s;
    }
}
