package org.tusk.engine.executor.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.ScanBounds;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.executor.EState;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.planner.BaseRelation;
import org.tusk.engine.planner.IndexInfo;
import org.tusk.engine.planner.IndexScanKey;
import org.tusk.engine.planner.RelationSize;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.IndexDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.types.PgType;

/**
 * A stored table as the planner's {@link BaseRelation}: sequential scans
 * ({@link SeqScanNode}) and btree index scans ({@link IndexScanNode}) through
 * the relation's access methods, with the statement's snapshot and
 * transaction taken from the session when the plan is opened.
 *
 * <p>Index scan keys become {@link ScanBounds} over {@link IndexKeyEncoding}:
 * equality keys on leading index columns form a prefix, the first column
 * after them may add a lower and an upper bound; every key is also checked on
 * each returned row, so the bounds only need to contain the answer. A key
 * compared with NULL makes the scan empty.
 *
 * <p>{@link #withCtid()} gives a variant whose rows carry the version's
 * TupleId as one extra last element, for UPDATE, DELETE and FOR UPDATE.
 */
public final class StorageBaseRelation implements BaseRelation, org.tusk.engine.catalog.VirtualRelation {

    private final RelationDesc desc;
    private final StorageSession session;
    private final ScanRelation scanRelation;
    private final List<RelationColumn> columns = new ArrayList<>();
    private final List<AttributeDesc> live;
    private final boolean emitCtid;

    public StorageBaseRelation(RelationDesc desc, StorageSession session) {
        this(desc, session, false);
    }

    private StorageBaseRelation(RelationDesc desc, StorageSession session, boolean emitCtid) {
        this.desc = desc;
        this.session = session;
        this.emitCtid = emitCtid;
        this.live = desc.liveAttributes();
        for (AttributeDesc a : live) {
            PgType t = PgType.byOid(a.typeOid());
            columns.add(new RelationColumn(a.name(), t == null ? PgType.TEXT : t, t == null ? -1 : a.typmod()));
        }
        TableAccessMethod am = session.storage().storage().tableAm(desc.amName());
        this.scanRelation = new ScanRelation(desc.name(), desc.locator(), am, new RelationTupleCodec(desc, session));
    }

    @Override
    public BaseRelation withInheritors() {
        if (session.storage() == null) {
            return this;
        }
        // a partitioned table's partitions in bound order (PartitionDesc), plain inheritors in OID order
        List<Integer> all = desc.kind() == 'p'
                ? org.tusk.engine.catalog.PartitionCatalog.inBoundOrder(session.relcache().catalogAccess(), desc.oid())
                : org.tusk.engine.catalog.PgInherits.allInheritors(session.relcache().catalogAccess(), desc.oid());
        if (all.size() == 1) {
            return this;
        }
        List<StorageBaseRelation> members = new ArrayList<>();
        members.add(this);
        for (int oid : all.subList(1, all.size())) {
            RelationDesc child = session.relcache().open(oid, org.tusk.lmgr.LockMode.ACCESS_SHARE);
            members.add(new StorageBaseRelation(child, session, emitCtid));
        }
        return new InheritanceRelation(this, members);
    }

    /** The same relation, its scans' rows ending in the TupleId (the ctid junk column). */
    public StorageBaseRelation withCtid() {
        return new StorageBaseRelation(desc, session, true);
    }

    /** Whether this variant's rows end in the version's TupleId. */
    public boolean emitsCtid() {
        return emitCtid;
    }

    public RelationDesc desc() {
        return desc;
    }

    /** The session whose snapshot and transaction the scans (and row locks) use. */
    public StorageSession session() {
        return session;
    }

    public ScanRelation scanRelation() {
        return scanRelation;
    }

    @Override
    public long oid() {
        return desc.oid();
    }

    @Override
    public String schemaName() {
        return desc.namespaceName();
    }

    @Override
    public String name() {
        return desc.name();
    }

    @Override
    public List<RelationColumn> columns() {
        return columns;
    }

    @Override
    public RelationSize size() {
        org.tusk.api.storage.RelationSize s = scanRelation.am().estimateSize(desc.locator());
        return RelationSize.unknown(s.pages());
    }

    @Override
    public List<IndexInfo> indexes() {
        List<IndexInfo> out = new ArrayList<>();
        for (IndexDesc index : desc.indexes()) {
            if (!"btree".equals(index.amName())) {
                continue;
            }
            List<Integer> attnums = new ArrayList<>();
            List<Boolean> no = new ArrayList<>();
            for (int attnum : index.keyAttnums()) {
                attnums.add(livePosition(attnum) + 1);
                no.add(false);
            }
            out.add(new IndexInfo(index.oid(), index.name(), attnums, no, no, index.unique(), 1, -1));
        }
        return out;
    }

    private int livePosition(int attnum) {
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i).attnum() == attnum) {
                return i;
            }
        }
        throw new IllegalStateException("index column " + attnum + " of " + desc.name() + " is not live");
    }

    @Override
    public PlanState openSeqScan(EState estate) {
        return new SeqScanNode(scanRelation, session.snapshot(), session.transactionContext(), estate.ctx(),
                emitCtid);
    }

    @Override
    public PlanState openIndexScan(IndexInfo info, List<IndexScanKey> keys, boolean backward, boolean indexOnly,
            EState estate) {
        if (backward) {
            throw new UnsupportedOperationException("backward btree scans are not implemented");
        }
        IndexDesc index = desc.indexes().stream().filter(i -> i.oid() == info.oid()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no index " + info.name() + " on " + desc.name()));
        IndexAccessMethod am = session.storage().storage().indexAm(index.amName());
        IndexDescriptor descriptor = descriptor(desc, index);
        int[] keyColumns = new int[index.keyAttnums().length];
        List<PgType> keyTypes = new ArrayList<>();
        for (int i = 0; i < keyColumns.length; i++) {
            keyColumns[i] = livePosition(index.keyAttnums()[i]);
            keyTypes.add(columns.get(keyColumns[i]).type());
        }
        EvalContext ctx = estate.ctx();
        Object[][] current = new Object[1][];
        java.util.function.Supplier<ScanBounds> bounds = () -> {
            Object[] values = new Object[keys.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = keys.get(k).value().eval(ctx);
                if (values[k] == null) {
                    return null;
                }
            }
            current[0] = values;
            return IndexBounds.of(keyTypes, keys, values);
        };
        Predicate<Object[]> filter = row -> IndexBounds.satisfies(row, keyColumns, keyTypes, keys, current[0]);
        return new IndexScanNode(scanRelation, am, descriptor, bounds, filter, session.snapshot(),
                session.transactionContext(), ctx, emitCtid);
    }

    /** The index AM's view of an index of {@code table} (keys in {@link IndexKeyEncoding}). */
    public static IndexDescriptor descriptor(RelationDesc table, IndexDesc index) {
        return new IndexDescriptor(index.name(), index.locator(), table.locator(), index.unique(),
                IndexKeyEncoding.comparator());
    }

    /** VirtualRelation's materializing scan, for callers that are not planned (statement snapshot). */
    @Override
    public List<Object[]> scan(org.tusk.engine.expr.SessionServices services) {
        List<Object[]> rows = new ArrayList<>();
        SeqScanNode scan = new SeqScanNode(scanRelation, session.snapshot(), session.transactionContext(), null, false);
        for (Object[] row = scan.next(); row != null; row = scan.next()) {
            rows.add(row);
        }
        return rows;
    }

    /**
     * The relation lookup the analyzer uses, with stored user tables as
     * StorageBaseRelations (planned scans, index scans, ctid for DML) and
     * everything else (system catalogs, views) as {@code lookup} gives it.
     */
    public static org.tusk.engine.catalog.VirtualRelation resolve(org.tusk.engine.catalog.VirtualRelation found,
            StorageSession session) {
        if (found instanceof org.tusk.engine.catalog.StoredRelation stored && (stored.relation().kind() == 'r' || stored.relation().kind() == 'p')
                && !stored.relation().isSystemCatalog() && session.storage() != null) {
            return new StorageBaseRelation(stored.relation(), session);
        }
        return found;
    }

    @Override
    public String toString() {
        return "StorageBaseRelation[" + desc.name() + (emitCtid ? ", ctid" : "") + "]";
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
