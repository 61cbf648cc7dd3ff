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
    private final boolean emitHeader;

    public StorageBaseRelation(RelationDesc desc, StorageSession session) {
        this(desc, session, false, false);
    }

    private StorageBaseRelation(RelationDesc desc, StorageSession session, boolean emitCtid) {
        this(desc, session, emitCtid, false);
    }

    private StorageBaseRelation(RelationDesc desc, StorageSession session, boolean emitCtid, boolean emitHeader) {
        this.desc = desc;
        this.session = session;
        this.emitCtid = emitCtid || emitHeader;
        this.emitHeader = emitHeader;
        this.live = desc.liveAttributes();
        for (AttributeDesc a : live) {
            PgType t = org.tusk.engine.types.UserTypes.columnType(a.typeOid());
            columns.add(new RelationColumn(a.name(), t == null ? PgType.TEXT : t, t == null ? -1 : org.tusk.engine.types.UserTypes.columnTypmod(a.typeOid(), a.typmod())));
        }
        TableAccessMethod am = session.storage().storage().tableAm(desc.amName());
        if (org.tusk.engine.relcache.OtherSessionTemp.is(desc, session.relcache())) {
            am = new OtherSessionTempTable(am);   // its pages are another backend's local buffers
        }
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
            members.add(new StorageBaseRelation(child, session, emitCtid, emitHeader));
        }
        return new InheritanceRelation(this, members);
    }

    /** The same relation, its scans' rows ending in the TupleId (the ctid junk column). */
    public StorageBaseRelation withCtid() {
        return emitCtid ? this : new StorageBaseRelation(desc, session, true);
    }

    /**
     * The same relation, its scans' rows ending in the system columns: the TupleId (ctid),
     * then xmin, cmin, xmax, cmax from the version's header ({@link ScanSystemColumns}).
     */
    public StorageBaseRelation withSystemColumns() {
        return emitHeader ? this : new StorageBaseRelation(desc, session, true, true);
    }

    /** Whether this variant's rows end in the TupleId and the version's header (xmin, cmin, xmax, cmax). */
    public boolean emitsHeader() {
        return emitHeader;
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
        // only the length: the density comes from pg_class, so the access method need not sample
        // pages (it read every page of a small table, several times per planning of each Execute)
        long curPages = scanRelation.am().numberOfBlocks(desc.locator());
        org.tusk.engine.relcache.RelationStatistics stats = storedStatistics();
        if (stats == null || stats.reltuples() < 0) {
            return RelationSize.unknown(curPages);
        }
        // estimate_rel_size: the analyzed tuple density scaled to the current number of pages
        if (curPages == 0) {
            return new RelationSize(0, 0);
        }
        if (stats.relpages() <= 0) {
            return RelationSize.unknown(curPages);
        }
        return new RelationSize(curPages, Math.rint(stats.reltuples() / stats.relpages() * curPages));
    }

    @Override
    public org.tusk.engine.planner.ColumnStatistics statistics(int attnum) {
        org.tusk.engine.relcache.RelationStatistics stats = storedStatistics();
        if (stats == null || attnum < 1 || attnum > live.size()) {
            return null;
        }
        return stats.columns().get(live.get(attnum - 1).attnum());
    }

    /** pg_class sizes and pg_statistic rows through the session's relcache; null without one. */
    private org.tusk.engine.relcache.RelationStatistics storedStatistics() {
        if (session.storage() == null || session.relcache() == null) {
            return null;
        }
        return session.relcache().statistics(desc.oid());
    }

    private List<IndexInfo> indexInfos;

    @Override
    public List<IndexInfo> indexes() {
        if (indexInfos != null) {
            return indexInfos;
        }
        List<IndexInfo> out = new ArrayList<>();
        for (IndexDesc index : desc.indexes()) {
            boolean hash = org.tusk.engine.storage.HashIndexAccessMethod.NAME.equals(index.amName());
            if (!"btree".equals(index.amName()) && !hash || !index.ready()) {
                continue;       // an INVALID index (failed concurrent build) is not used
            }
            List<Integer> attnums = new ArrayList<>();
            List<Boolean> descending = new ArrayList<>();
            List<Boolean> nullsFirst = new ArrayList<>();
            List<org.tusk.engine.expr.Expr> keyExprs = new ArrayList<>();
            org.tusk.engine.expr.Expr predicate = null;
            try {
                int nextExpr = 0;
                for (int i = 0; i < index.keyAttnums().length; i++) {
                    int attnum = index.keyAttnums()[i];
                    if (attnum == 0) {
                        attnums.add(0);
                        keyExprs.add(compile(index.expressions().get(nextExpr++), false));
                    } else {
                        attnums.add(livePosition(attnum) + 1);
                        keyExprs.add(null);
                    }
                    short option = index.options() != null && i < index.options().length ? index.options()[i] : 0;
                    descending.add((option & 1) != 0);
                    nullsFirst.add((option & 2) != 0);
                }
                if (index.predicate() != null) {
                    predicate = compile(index.predicate(), true);
                }
            } catch (RuntimeException e) {
                continue;                       // an expression that no longer analyzes: not usable
            }
            List<Integer> include = new ArrayList<>();
            for (int attnum : index.includeAttnums()) {
                include.add(livePosition(attnum) + 1);
            }
            out.add(new IndexInfo(index.oid(), index.name(), attnums, descending, nullsFirst, index.unique(), 1, -1,
                    index.hasExpressions() ? keyExprs : null, include, predicate, hash));
        }
        indexInfos = out;
        return out;
    }

    private org.tusk.engine.expr.Expr compile(String text, boolean predicate) {
        return org.tusk.engine.analyze.IndexExpressions.compile(session, session.typeContext(), desc, text, predicate);
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
        SeqScanNode scan = new SeqScanNode(scanRelation, session.snapshot(), session.transactionContext(), estate.ctx(),
                emitCtid, emitHeader);
        estate.onReexecute(() -> scan.renew(session.snapshot(), session.transactionContext()));
        return scan;
    }

    @Override
    public PlanState openIndexScan(IndexInfo info, List<IndexScanKey> keys, boolean backward, boolean indexOnly,
            EState estate) {
        IndexDesc index = desc.indexes().stream().filter(i -> i.oid() == info.oid()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no index " + info.name() + " on " + desc.name()));
        IndexAccessMethod am = session.storage().storage().indexAm(index.amName());
        IndexDescriptor descriptor = descriptor(desc, index);
        int[] keyColumns = new int[index.keyAttnums().length];
        List<PgType> keyTypes = new ArrayList<>();
        for (int i = 0; i < keyColumns.length; i++) {
            if (index.keyAttnums()[i] == 0) {
                keyColumns[i] = -1;             // an expression: the caller's filter rechecks its clauses
                keyTypes.add(PgType.byOid(index.keyTypeOids()[i]));
                continue;
            }
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
        // a btree's equality prefix bounds are exact; other keys (and a hash index's collisions) are checked per row
        Predicate<Object[]> filter = "btree".equals(index.amName()) && IndexScanKey.equalityPrefix(keys) ? null
                : row -> IndexBounds.satisfies(row, keyColumns, keyTypes, keys, current[0]);
        IndexScanNode scan = new IndexScanNode(scanRelation, am, descriptor, bounds, filter, session.snapshot(),
                session.transactionContext(), ctx, emitCtid, emitHeader);
        estate.onReexecute(() -> scan.renew(session.snapshot(), session.transactionContext()));
        return backward ? new BackwardScan(scan) : scan;
    }

    @Override
    public PlanState openTidScan(java.util.function.Supplier<java.util.NavigableSet<org.tusk.api.storage.TupleId>> tids,
            EState estate) {
        TidScanNode scan = new TidScanNode(scanRelation, tids, session.snapshot(), session.transactionContext(),
                estate.ctx(), emitCtid, emitHeader);
        estate.onReexecute(() -> scan.renew(session.snapshot(), session.transactionContext()));
        return scan;
    }

    @Override
    public boolean hasNoStorageToScan() {
        return desc.kind() == 'p';
    }

    @Override
    public boolean supportsBitmapScans() {
        return session.storage() != null;
    }

    @Override
    public PlanState openBitmapHeapScan(org.tusk.engine.planner.BitmapSpec bitmap,
            java.util.function.IntConsumer heapBlocks, EState estate) {
        EvalContext ctx = estate.ctx();
        BitmapHeapScanNode scan = new BitmapHeapScanNode(scanRelation, () -> tids(bitmap, ctx), heapBlocks,
                session.snapshot(), session.transactionContext(), ctx, emitCtid);
        estate.onReexecute(() -> scan.renew(session.snapshot(), session.transactionContext()));
        return scan;
    }

    /** The TIDs a bitmap tree names: an index leaf's entries within its keys' bounds, ANDed or ORed. */
    private java.util.NavigableSet<org.tusk.api.storage.TupleId> tids(org.tusk.engine.planner.BitmapSpec spec,
            EvalContext ctx) {
        java.util.NavigableSet<org.tusk.api.storage.TupleId> out = collectTids(spec, ctx);
        if (spec.produced() != null) {
            spec.produced().accept(spec.kind() == org.tusk.engine.planner.BitmapSpec.Kind.INDEX ? out.size() : 0);
        }
        return out;
    }

    private java.util.NavigableSet<org.tusk.api.storage.TupleId> collectTids(org.tusk.engine.planner.BitmapSpec spec,
            EvalContext ctx) {
        java.util.TreeSet<org.tusk.api.storage.TupleId> out = new java.util.TreeSet<>();
        switch (spec.kind()) {
            case AND: {
                boolean first = true;
                for (org.tusk.engine.planner.BitmapSpec c : spec.children()) {
                    java.util.NavigableSet<org.tusk.api.storage.TupleId> part = tids(c, ctx);
                    if (first) {
                        out.addAll(part);
                        first = false;
                    } else {
                        out.retainAll(part);
                    }
                }
                return out;
            }
            case OR:
                for (org.tusk.engine.planner.BitmapSpec c : spec.children()) {
                    out.addAll(tids(c, ctx));
                }
                return out;
            default:
                break;
        }
        IndexDesc index = indexDesc(spec.index());
        List<IndexScanKey> keys = spec.keys();
        Object[] values = new Object[keys.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = keys.get(k).value().eval(ctx);
            if (values[k] == null) {
                return out;                     // a key compared with NULL matches nothing
            }
        }
        IndexAccessMethod am = session.storage().storage().indexAm(index.amName());
        ScanBounds bounds = IndexBounds.of(keyTypes(index), keys, values);
        try (org.tusk.api.storage.IndexScan scan = am.beginScan(descriptor(desc, index), bounds, session.snapshot(),
                session.transactionContext())) {
            while (scan.next()) {
                if (ctx != null) {
                    ctx.checkForInterrupts();
                }
                out.add(scan.heapTid());
            }
        }
        return out;
    }

    private IndexDesc indexDesc(IndexInfo info) {
        return desc.indexes().stream().filter(i -> i.oid() == info.oid()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no index " + info.name() + " on " + desc.name()));
    }

    private List<PgType> keyTypes(IndexDesc index) {
        List<PgType> keyTypes = new ArrayList<>();
        for (int i = 0; i < index.keyAttnums().length; i++) {
            keyTypes.add(index.keyAttnums()[i] == 0 ? PgType.byOid(index.keyTypeOids()[i])
                    : columns.get(livePosition(index.keyAttnums()[i])).type());
        }
        return keyTypes;
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
        return "StorageBaseRelation[" + desc.name() + (emitHeader ? ", system columns" : emitCtid ? ", ctid" : "") + "]";
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
