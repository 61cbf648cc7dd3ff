package org.tusk.engine.relcache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.storage.CacheInvalidation;
import org.tusk.engine.storage.StorageTransaction;
import org.tusk.lmgr.LockMode;
import org.tusk.storage.SharedInvalidationQueue;

/**
 * A backend's relation cache (PostgreSQL's relcache plus the namespace
 * lookups of namespace.c): {@link RelationDesc}s built from pg_class,
 * pg_attribute, pg_index and pg_attrdef, the system catalogs' own
 * descriptions from {@link SystemCatalogs} (formrdesc).
 *
 * <p>Entries live across transactions until an invalidation message names
 * them (PostgreSQL's relcache invalidation): DDL calls {@link #invalidate} /
 * {@link #invalidateAll}, which drop the local entries at once and register
 * messages that the transaction sends to the other backends at commit (and
 * applies to this cache again at abort); messages from other backends
 * arrive through {@link #apply} at transaction start and after every lock.
 * Entries are built from the catalog snapshot, so a rebuilt entry is
 * current even in a REPEATABLE READ transaction.
 *
 * <p>{@link #open} is how executor and DDL code get a relation: it resolves
 * the name through the search path, takes the heavyweight lock, then reads
 * the description (after the lock, so a concurrent DROP/ALTER that committed
 * while we waited is seen).
 */
public final class RelationCache implements CacheInvalidation {

    private final Supplier<CatalogAccess> catalogs;
    private final Map<Integer, RelationDesc> byOid = new HashMap<>();
    /** pg_class sizes and pg_statistic rows per relation, built on first use, dropped with the relcache entry. */
    private final Map<Integer, RelationStatistics> statistics = new HashMap<>();
    /** Row security (pg_class flags and pg_policy rows) per relation, dropped with the relcache entry. */
    private final Map<Integer, RowSecurityDesc> rowSecurity = new HashMap<>();
    private Map<String, Integer> namespaces;
    /** Foreign keys per relation (both directions); dropped whole on any relcache invalidation. */
    private final Map<Integer, List<ForeignKeyDesc>> foreignKeys = new HashMap<>();

    /** Syscache-like caches of other catalogs (the session's user functions): told the catalog OID, 0 for all. */
    private final List<java.util.function.IntConsumer> catcacheListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** This backend's number (MyBackendId): its temporary schema is pg_temp_N; 0 = none assigned. */
    private int backendId;
    /** namespace.c's myTempNamespace / myTempToastNamespace: 0 until the session first creates a temp object. */
    private int tempNamespace;
    private int tempToastNamespace;
    /** tablecmds.c's on_commits list: temporary tables created ON COMMIT DELETE ROWS / DROP, by OID. */
    private final Map<Integer, org.tusk.engine.nodes.OnCommitAction> onCommitActions = new java.util.LinkedHashMap<>();

    /**
     * Invalidation epochs for the plan cache (plancache.c's PlanCacheRelCallback): every
     * invalidation this backend applies takes the next value of {@link #invalidations}; a
     * relation's last one is kept per OID, resets and whole-database or namespace ones in
     * {@link #lastGlobalInvalidation}. A cached plan built at epoch e is stale once any
     * relation it uses (or everything) has an epoch after e.
     */
    private long invalidations;
    private long lastGlobalInvalidation;
    private final Map<Integer, Long> lastRelationInvalidation = new HashMap<>();
    /**
     * How many of this backend's running statements use each relation as their
     * target (PostgreSQL's rd_refcnt beyond the reference of the command asking):
     * DDL that would change a relation under a running statement's feet checks it
     * ({@link #checkNotInUse}), e.g. a trigger creating a partition of the table
     * its INSERT is routing rows into.
     *
     * <p>One entry per use, innermost statement last: uses nest (a trigger's statement runs inside its
     * INSERT's), so the list is a few entries deep, and every DML statement adds and removes one without
     * boxing the OID or allocating a map node (PostgreSQL's rd_refcnt is a field increment).
     */
    private int[] statementUses = new int[4];
    private int statementUseCount;
    /** Relations {@link #open}ed while a plan source records what its analysis locks (null: not recording). */
    private Map<Integer, LockMode> openRecorder;

    public RelationCache(Supplier<CatalogAccess> catalogs) {
        this.catalogs = catalogs;
    }

    public int backendId() {
        return backendId;
    }

    public void setBackendId(int id) {
        this.backendId = id;
    }

    /** This session's temporary schema (pg_temp_N), 0 if it has none yet. */
    public int tempNamespace() {
        return tempNamespace;
    }

    public int tempToastNamespace() {
        return tempToastNamespace;
    }

    /** Installs (or, with 0, forgets) this session's temporary schemas. */
    public void setTempNamespace(int ns, int toastNs) {
        this.tempNamespace = ns;
        this.tempToastNamespace = toastNs;
    }

    public Map<Integer, org.tusk.engine.nodes.OnCommitAction> onCommitActions() {
        return onCommitActions;
    }

    /** isTempNamespace / isAnyTempNamespace by name: pg_temp_N or pg_toast_temp_N. */
    public static boolean isTempNamespaceName(String name) {
        return name != null && (name.startsWith("pg_temp_") || name.startsWith("pg_toast_temp_"));
    }

    /** The catalogs as this session's current transaction sees them (for lookups beyond the relcache, e.g. pg_inherits). */
    public CatalogAccess catalogAccess() {
        return catalogs.get();
    }

    /**
     * After DDL that may touch many relations or schemas: drops every entry
     * here and, at commit, in every backend connected to this database.
     */
    public void invalidateAll() {
        reset();
        StorageTransaction txn = catalogs.get().transaction();
        txn.registerInvalidation(SharedInvalidationQueue.RELCACHE, txn.databaseOid(), 0);
        txn.registerInvalidation(SharedInvalidationQueue.CATCACHE, txn.databaseOid(), SystemCatalogs.PG_NAMESPACE);
    }

    /** CacheInvalidateRelcache: after changing a relation's catalog rows (here now, elsewhere at commit). */
    public void invalidate(int relationOid) {
        invalidated(relationOid);
        byOid.remove(relationOid);
        statistics.remove(relationOid);
        rowSecurity.remove(relationOid);
        foreignKeys.clear();
        StorageTransaction txn = catalogs.get().transaction();
        Catalog system = SystemCatalogs.byOid(relationOid);
        txn.registerInvalidation(SharedInvalidationQueue.RELCACHE,
                system != null && system.shared() ? 0 : txn.databaseOid(), relationOid);
    }

    /** After changing pg_namespace (CREATE/DROP SCHEMA, here now, elsewhere at commit). */
    public void invalidateNamespaces() {
        namespaces = null;
        invalidatedAll();
        StorageTransaction txn = catalogs.get().transaction();
        txn.registerInvalidation(SharedInvalidationQueue.CATCACHE, txn.databaseOid(), SystemCatalogs.PG_NAMESPACE);
    }

    /** Registers a cache of catalog rows to be dropped on CATCACHE messages for its catalog (and on resets). */
    public void addCatcacheListener(java.util.function.IntConsumer listener) {
        catcacheListeners.add(listener);
    }

    /** CacheInvalidateCatalog: after changing rows of {@code catalogOid} (pg_proc...): here now, elsewhere at commit. */
    public void invalidateCatalog(int catalogOid) {
        for (java.util.function.IntConsumer l : catcacheListeners) {
            l.accept(catalogOid);
        }
        StorageTransaction txn = catalogs.get().transaction();
        txn.registerInvalidation(SharedInvalidationQueue.CATCACHE, txn.databaseOid(), catalogOid);
    }

    @Override
    public void apply(SharedInvalidationQueue.Message m) {
        if (m.kind() == SharedInvalidationQueue.CATCACHE) {
            for (java.util.function.IntConsumer l : catcacheListeners) {
                l.accept(m.objectOid());
            }
        }
        if (m.kind() == SharedInvalidationQueue.RESET) {
            reset();
            return;
        }
        if (m.databaseOid() != 0 && m.databaseOid() != catalogs.get().transaction().databaseOid()) {
            return;
        }
        switch (m.kind()) {
            case SharedInvalidationQueue.RELCACHE -> {
                foreignKeys.clear();
                if (m.objectOid() == 0) {
                    invalidatedAll();
                    byOid.clear();
                    statistics.clear();
                    rowSecurity.clear();
                } else {
                    invalidated(m.objectOid());
                    byOid.remove(m.objectOid());
                    statistics.remove(m.objectOid());
                    rowSecurity.remove(m.objectOid());
                }
            }
            case SharedInvalidationQueue.CATCACHE -> {
                if (m.objectOid() == SystemCatalogs.PG_NAMESPACE) {
                    namespaces = null;
                    invalidatedAll();   // a name may now resolve to another schema's relation
                }
            }
            default -> {
            }
        }
    }

    /**
     * The FOREIGN KEY constraints relation {@code oid} takes part in, as the referencing or the
     * referenced table (RelationGetFKeyList and the referenced side's lookup), in name order.
     */
    public List<ForeignKeyDesc> foreignKeys(int oid) {
        List<ForeignKeyDesc> cached = foreignKeys.get(oid);
        if (cached != null) {
            return cached;
        }
        CatalogAccess access = catalogs.get();
        Catalog con = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int conrel = con.columnIndex("conrelid");
        int confrel = con.columnIndex("confrelid");
        int contype = con.columnIndex("contype");
        List<ForeignKeyDesc> out = new ArrayList<>();
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_CONSTRAINT, row -> "f".equals(row[contype])
                && (row[conrel] instanceof Long l && l.intValue() == oid
                        || row[confrel] instanceof Long f && f.intValue() == oid))) {
            out.add(new ForeignKeyDesc((Long) t.get(con, "oid"), (String) t.get(con, "conname"),
                    ((Long) t.get(con, "conrelid")).intValue(), attnums(t.get(con, "conkey")),
                    ((Long) t.get(con, "confrelid")).intValue(), attnums(t.get(con, "confkey")),
                    action(t.get(con, "confupdtype")), action(t.get(con, "confdeltype")),
                    action(t.get(con, "confmatchtype")), Boolean.TRUE.equals(t.get(con, "condeferrable")),
                    Boolean.TRUE.equals(t.get(con, "condeferred"))));
        }
        out.sort(java.util.Comparator.comparing(ForeignKeyDesc::name));
        List<ForeignKeyDesc> result = List.copyOf(out);
        foreignKeys.put(oid, result);
        return result;
    }

    private static char action(Object v) {
        return v instanceof String s && !s.isEmpty() ? s.charAt(0) : v instanceof Character c ? c : 'a';
    }

    private static int[] attnums(Object array) {
        Object[] elems = array instanceof Object[] o ? o
                : array instanceof org.tusk.engine.types.ArrayValue av ? av.elements() : new Object[0];
        int[] out = new int[elems.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) elems[i]).intValue();
        }
        return out;
    }

    /** Whether relation {@code oid}'s description is cached now (for tests and monitoring). */
    public boolean isCached(int oid) {
        return byOid.containsKey(oid);
    }

    private void invalidated(int oid) {
        lastRelationInvalidation.put(oid, ++invalidations);
    }

    private void invalidatedAll() {
        lastGlobalInvalidation = ++invalidations;
        // every plan built before now is stale anyway: the per-relation epochs are not needed any more
        lastRelationInvalidation.clear();
    }

    /** The current invalidation epoch: a plan built from what is cached now is valid as of it. */
    public long invalidationEpoch() {
        return invalidations;
    }

    /** Whether relation {@code oid} (or everything) was invalidated after {@code epoch}. */
    public boolean invalidatedSince(int oid, long epoch) {
        if (lastGlobalInvalidation > epoch) {
            return true;
        }
        Long last = lastRelationInvalidation.get(oid);
        return last != null && last > epoch;
    }

    /**
     * Starts (with a map) or stops (with null) recording the relations {@link #open} locks, with
     * the strongest mode each was opened in; returns the previous recorder.
     */
    public Map<Integer, LockMode> recordOpens(Map<Integer, LockMode> recorder) {
        Map<Integer, LockMode> previous = openRecorder;
        openRecorder = recorder;
        return previous;
    }

    /**
     * Takes the heavyweight lock on relation {@code oid} without describing it (AcquireExecutorLocks
     * for a cached plan); taking it reads the invalidation messages that arrived meanwhile.
     */
    public void lock(int oid, LockMode mode) {
        Catalog system = SystemCatalogs.byOid(oid);
        CatalogAccess access = catalogs.get();
        access.transaction().lockRelation(oid, system != null && system.shared(), mode, access.level());
    }

    /** RelationCacheInvalidate: drops every entry (this backend only). */
    @Override
    public void reset() {
        invalidatedAll();
        for (java.util.function.IntConsumer l : catcacheListeners) {
            l.accept(0);
        }
        byOid.clear();
        statistics.clear();
        rowSecurity.clear();
        foreignKeys.clear();
        namespaces = null;
    }

    /** The OID of schema {@code name}, or null. */
    public Integer namespaceOid(String name) {
        if (name.equals("pg_temp")) {
            // the alias of this session's own temporary schema (LookupExplicitNamespace)
            return tempNamespace == 0 ? null : tempNamespace;
        }
        // starts the transaction if needed, which reads the invalidation messages (CREATE SCHEMA elsewhere)
        CatalogAccess access = catalogs.get();
        access.transaction().catalogSnapshot(access.level());
        if (namespaces == null) {
            Map<String, Integer> m = new HashMap<>();
            Catalog ns = SystemCatalogs.require(SystemCatalogs.PG_NAMESPACE);
            for (CatalogTuple t : catalogs.get().scan(SystemCatalogs.PG_NAMESPACE)) {
                m.put((String) t.get(ns, "nspname"), ((Long) t.get(ns, "oid")).intValue());
            }
            namespaces = m;
        }
        return namespaces.get(name);
    }

    /**
     * RangeVarGetRelid without a lock: the OID of relation {@code name} in
     * {@code schema}, or the first schema of {@code searchPath} (pg_catalog
     * is searched first unless listed), or null.
     */
    public Integer relationOid(String schema, String name, List<String> searchPath) {
        List<Integer> spaces = new ArrayList<>();
        if (schema != null) {
            Integer ns = namespaceOid(schema);
            if (ns == null) {
                throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
            }
            spaces.add(ns);
        } else {
            // recomputeNamespacePath: the temporary schema, then pg_catalog, go first unless listed
            if (tempNamespace != 0 && !searchPath.contains("pg_temp")) {
                spaces.add(tempNamespace);
            }
            if (!searchPath.contains("pg_catalog")) {
                spaces.add(SystemCatalogs.PG_CATALOG_NAMESPACE);
            }
            for (String s : searchPath) {
                Integer ns = namespaceOid(s);
                if (ns != null) {
                    spaces.add(ns);
                }
            }
        }
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int nameCol = pgClass.columnIndex("relname");
        int nsCol = pgClass.columnIndex("relnamespace");
        List<CatalogTuple> hits = catalogs.get().scan(SystemCatalogs.PG_CLASS, row -> name.equals(row[nameCol]));
        for (int ns : spaces) {
            for (CatalogTuple t : hits) {
                if (((Long) t.values()[nsCol]).intValue() == ns) {
                    return ((Long) t.get(pgClass, "oid")).intValue();
                }
            }
        }
        return null;
    }

    /**
     * Resolves, locks ({@code mode}, until the transaction ends) and describes
     * a relation; 42P01 {@code relation "x" does not exist} at {@code location}
     * (a 1-based position, 0 for none) when there is none.
     */
    public RelationDesc open(String schema, String name, List<String> searchPath, LockMode mode, int location) {
        Integer oid = relationOid(schema, name, searchPath);
        if (oid == null) {
            String shown = schema == null ? name : schema + "." + name;
            throw new PgException(org.tusk.api.error.Severity.ERROR, SqlState.UNDEFINED_TABLE,
                    "relation \"" + shown + "\" does not exist", null, null, location, null);
        }
        return open(oid, mode);
    }

    /** Locks and describes the relation with this OID; 42P01 if it is gone once locked. */
    public RelationDesc open(int oid, LockMode mode) {
        Catalog system = SystemCatalogs.byOid(oid);
        CatalogAccess access = catalogs.get();
        // taking the lock reads the invalidation messages: a DROP/ALTER that committed while we waited is seen
        access.transaction().lockRelation(oid, system != null && system.shared(), mode, access.level());
        if (openRecorder != null) {
            openRecorder.merge(oid, mode, (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
        }
        RelationDesc d = byOid(oid);
        if (d == null) {
            throw PgException.error(SqlState.UNDEFINED_TABLE, "could not open relation with OID " + oid);
        }
        return d;
    }

    /**
     * relpages/reltuples and the pg_statistic rows of relation {@code oid} (what the
     * planner's get_relation_info and the selectivity functions' syscache lookups
     * read), from the catalog snapshot; cached until an invalidation names the relation.
     */
    public RelationStatistics statistics(int oid) {
        RelationStatistics cached = statistics.get(oid);
        if (cached != null) {
            return cached;
        }
        CatalogAccess access = catalogs.get();
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int oidCol = pgClass.columnIndex("oid");
        long relpages = 0;
        double reltuples = -1;
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_CLASS, row -> ((Long) row[oidCol]).intValue() == oid)) {
            Object pages = t.get(pgClass, "relpages");
            Object tuples = t.get(pgClass, "reltuples");
            relpages = pages instanceof Number n ? n.longValue() : 0;
            reltuples = tuples instanceof Number n ? n.doubleValue() : -1;
        }
        Map<Integer, org.tusk.engine.planner.ColumnStatistics> columns = new HashMap<>();
        Catalog st = SystemCatalogs.require(SystemCatalogs.PG_STATISTIC);
        int relCol = st.columnIndex("starelid");
        int inhCol = st.columnIndex("stainherit");
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_STATISTIC,
                row -> ((Long) row[relCol]).intValue() == oid && Boolean.FALSE.equals(row[inhCol]))) {
            columns.put((int) (Short) t.get(st, "staattnum"), StatisticSlots.columnStatistics(st, t.values()));
        }
        RelationStatistics out = new RelationStatistics(relpages, reltuples, columns);
        statistics.put(oid, out);
        return out;
    }

    /**
     * RelationBuildRowSecurity: relation {@code oid}'s relrowsecurity, relforcerowsecurity and owner
     * from pg_class and its policies from pg_policy (read only when row security is enabled);
     * cached until an invalidation names the relation.
     */
    public RowSecurityDesc rowSecurity(int oid) {
        RowSecurityDesc cached = rowSecurity.get(oid);
        if (cached != null) {
            return cached;
        }
        CatalogAccess access = catalogs.get();
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int oidCol = pgClass.columnIndex("oid");
        RowSecurityDesc out = RowSecurityDesc.NONE;
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_CLASS, row -> ((Long) row[oidCol]).intValue() == oid)) {
            boolean enabled = Boolean.TRUE.equals(t.get(pgClass, "relrowsecurity"));
            boolean forced = Boolean.TRUE.equals(t.get(pgClass, "relforcerowsecurity"));
            if (!enabled && !forced) {
                break;
            }
            long owner = ((Number) t.get(pgClass, "relowner")).longValue();
            Catalog pol = SystemCatalogs.require(SystemCatalogs.PG_POLICY);
            int relCol = pol.columnIndex("polrelid");
            List<RowSecurityDesc.Policy> policies = new ArrayList<>();
            for (CatalogTuple p : access.scan(SystemCatalogs.PG_POLICY,
                    row -> ((Number) row[relCol]).intValue() == oid)) {
                Object cmd = p.get(pol, "polcmd");
                Object roles = p.get(pol, "polroles");
                Object[] elems = roles instanceof Object[] o ? o
                        : roles instanceof org.tusk.engine.types.ArrayValue av ? av.elements() : new Object[0];
                long[] roleOids = new long[elems.length];
                for (int i = 0; i < elems.length; i++) {
                    roleOids[i] = ((Number) elems[i]).longValue();
                }
                policies.add(new RowSecurityDesc.Policy(((Number) p.get(pol, "oid")).longValue(),
                        (String) p.get(pol, "polname"), String.valueOf(cmd).charAt(0),
                        Boolean.TRUE.equals(p.get(pol, "polpermissive")), roleOids, (String) p.get(pol, "polqual"),
                        (String) p.get(pol, "polwithcheck")));
            }
            policies.sort(java.util.Comparator.comparing(RowSecurityDesc.Policy::name));
            out = new RowSecurityDesc(enabled, forced, owner, List.copyOf(policies));
        }
        rowSecurity.put(oid, out);
        return out;
    }

    /** RelationIdGetRelation without a lock: the description, or null. */
    /** Marks {@code oid} as used by a running statement until the returned handle is closed. */
    public StatementUse useInStatement(int oid) {
        if (statementUseCount == statementUses.length) {
            statementUses = java.util.Arrays.copyOf(statementUses, statementUseCount * 2);
        }
        statementUses[statementUseCount++] = oid;
        return () -> endStatementUse(oid);
    }

    /** Drops the innermost use of {@code oid} (uses end in reverse order, so normally the last entry). */
    private void endStatementUse(int oid) {
        for (int i = statementUseCount - 1; i >= 0; i--) {
            if (statementUses[i] == oid) {
                System.arraycopy(statementUses, i + 1, statementUses, i, statementUseCount - i - 1);
                statementUseCount--;
                return;
            }
        }
    }

    private boolean inStatementUse(int oid) {
        for (int i = 0; i < statementUseCount; i++) {
            if (statementUses[i] == oid) {
                return true;
            }
        }
        return false;
    }

    /** A relation's use by a running statement (closing it ends the use; it throws nothing). */
    public interface StatementUse extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * CheckTableNotInUse: 55006 when a statement of this backend still running
     * (the one that fired the trigger or function we are in) uses {@code rel}.
     * {@code command} names the refused command as PostgreSQL's message does.
     */
    public void checkNotInUse(RelationDesc rel, String command) {
        if (inStatementUse(rel.oid())) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.OBJECT_IN_USE, "cannot " + command
                    + " \"" + rel.name() + "\" because it is being used by active queries in this session");
        }
    }

    public RelationDesc byOid(int oid) {
        RelationDesc cached = byOid.get(oid);
        if (cached != null) {
            return cached;
        }
        CatalogAccess access = catalogs.get();
        int db = access.transaction().databaseOid();
        Catalog system = SystemCatalogs.byOid(oid);
        if (system != null) {
            RelationDesc d = system.describe(db);
            byOid.put(oid, d);
            return d;
        }
        Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int oidCol = pgClass.columnIndex("oid");
        List<CatalogTuple> rows = access.scan(SystemCatalogs.PG_CLASS, row -> ((Long) row[oidCol]).intValue() == oid);
        if (rows.isEmpty()) {
            return null;
        }
        Object[] c = rows.get(0).values();
        RelationDesc d = build(access, db, pgClass, c);
        byOid.put(oid, d);
        return d;
    }

    private RelationDesc build(CatalogAccess access, int db, Catalog pgClass, Object[] c) {
        int oid = ((Long) c[pgClass.columnIndex("oid")]).intValue();
        int ns = ((Long) c[pgClass.columnIndex("relnamespace")]).intValue();
        char kind = ((String) c[pgClass.columnIndex("relkind")]).charAt(0);
        int am = ((Long) c[pgClass.columnIndex("relam")]).intValue();
        int fileNode = ((Long) c[pgClass.columnIndex("relfilenode")]).intValue();
        int spc = ((Long) c[pgClass.columnIndex("reltablespace")]).intValue();
        boolean shared = Boolean.TRUE.equals(c[pgClass.columnIndex("relisshared")]);
        boolean temp = String.valueOf(RelFileLocator.RELPERSISTENCE_TEMP)
                .equals(c[pgClass.columnIndex("relpersistence")]);
        RelFileLocator locator = shared ? new RelFileLocator(RelFileLocator.GLOBAL_TABLESPACE, 0, fileNode)
                : new RelFileLocator(spc == 0 ? RelFileLocator.DEFAULT_TABLESPACE : spc, db, fileNode, temp);

        Catalog pgAttribute = SystemCatalogs.require(SystemCatalogs.PG_ATTRIBUTE);
        int relCol = pgAttribute.columnIndex("attrelid");
        int numCol = pgAttribute.columnIndex("attnum");
        List<AttributeDesc> atts = new ArrayList<>();
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_ATTRIBUTE,
                row -> ((Long) row[relCol]).intValue() == oid && (Short) row[numCol] > 0)) {
            atts.add(new AttributeDesc((Short) t.get(pgAttribute, "attnum"), (String) t.get(pgAttribute, "attname"),
                    ((Long) t.get(pgAttribute, "atttypid")).intValue(), (Integer) t.get(pgAttribute, "atttypmod"),
                    (Boolean) t.get(pgAttribute, "attnotnull"), (Boolean) t.get(pgAttribute, "attisdropped"),
                    (Boolean) t.get(pgAttribute, "atthasdef"), identityOf(t.get(pgAttribute, "attidentity")),
                    storageOf(t.get(pgAttribute, "attstorage"))));
        }
        atts.sort((x, y) -> Integer.compare(x.attnum(), y.attnum()));

        Map<Integer, String> defaults = new HashMap<>();
        Catalog pgAttrdef = SystemCatalogs.require(SystemCatalogs.PG_ATTRDEF);
        int adrel = pgAttrdef.columnIndex("adrelid");
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_ATTRDEF, row -> ((Long) row[adrel]).intValue() == oid)) {
            defaults.put((int) (Short) t.get(pgAttrdef, "adnum"), (String) t.get(pgAttrdef, "adbin"));
        }

        List<IndexDesc> indexes = new ArrayList<>();
        Catalog pgIndex = SystemCatalogs.require(SystemCatalogs.PG_INDEX);
        int indrel = pgIndex.columnIndex("indrelid");
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_INDEX, row -> ((Long) row[indrel]).intValue() == oid)) {
            int indexOid = ((Long) t.get(pgIndex, "indexrelid")).intValue();
            RelationDesc index = byOid(indexOid);
            if (index == null) {
                continue;
            }
            Object[] key = (Object[]) t.get(pgIndex, "indkey");
            Object nkeyValue = t.get(pgIndex, "indnkeyatts");
            int nkey = nkeyValue instanceof Number n && n.intValue() > 0 ? n.intValue() : key.length;
            int[] keys = new int[nkey];
            int[] include = new int[key.length - nkey];
            int[] keyTypes = new int[nkey];
            for (int i = 0; i < key.length; i++) {
                if (i < nkey) {
                    keys[i] = (Short) key[i];
                    keyTypes[i] = i < index.attributes().size() ? index.attributes().get(i).typeOid() : 0;
                } else {
                    include[i - nkey] = (Short) key[i];
                }
            }
            Object[] option = (Object[]) t.get(pgIndex, "indoption");
            short[] options = new short[nkey];
            for (int i = 0; option != null && i < nkey && i < option.length; i++) {
                options[i] = ((Number) option[i]).shortValue();
            }
            Object exprs = t.get(pgIndex, "indexprs");
            List<String> expressions = exprs == null ? List.of()
                    : List.of(exprs.toString().split(org.tusk.engine.func.sysinfo.ObjectDefinitions.EXPRESSION_SEPARATOR, -1));
            Object pred = t.get(pgIndex, "indpred");
            indexes.add(new IndexDesc(indexOid, index.name(), index.amName(), index.locator(), keys,
                    (Boolean) t.get(pgIndex, "indisunique"), (Boolean) t.get(pgIndex, "indisprimary"), include,
                    expressions, pred == null ? null : pred.toString(), keyTypes, options,
                    Boolean.TRUE.equals(t.get(pgIndex, "indnullsnotdistinct")),
                    !Boolean.FALSE.equals(t.get(pgIndex, "indisready"))));
        }

        // CHECK constraints, in name order (ExecConstraints reports the first violated one)
        java.util.TreeMap<String, String> checks = new java.util.TreeMap<>();
        Catalog pgConstraint = SystemCatalogs.require(SystemCatalogs.PG_CONSTRAINT);
        int conrel = pgConstraint.columnIndex("conrelid");
        int contype = pgConstraint.columnIndex("contype");
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_CONSTRAINT,
                row -> row[conrel] instanceof Long l && l.intValue() == oid && "c".equals(row[contype]))) {
            String source = (String) t.get(pgConstraint, "conbin");
            if (source != null) {
                checks.put((String) t.get(pgConstraint, "conname"), source);
            }
        }

        Object[] opts = (Object[]) c[pgClass.columnIndex("reloptions")];
        List<String> options = new ArrayList<>();
        if (opts != null) {
            for (Object o : opts) {
                options.add((String) o);
            }
        }
        List<TriggerDesc> triggers = Boolean.TRUE.equals(c[pgClass.columnIndex("relhastriggers")])
                ? loadTriggers(access, oid) : List.of();
        return new RelationDesc(oid, (String) c[pgClass.columnIndex("relname")], ns, namespaceName(ns), kind,
                amName(access, am), locator, shared, List.copyOf(atts), List.copyOf(indexes), Map.copyOf(defaults),
                List.copyOf(checks.values()), List.copyOf(options), List.copyOf(checks.keySet()),
                c[pgClass.columnIndex("reltoastrelid")] instanceof Long toast ? toast.intValue() : 0, triggers);
    }

    private static char storageOf(Object attstorage) {
        return attstorage instanceof String s && !s.isEmpty() ? s.charAt(0) : 'p';
    }

    /** RelationBuildTriggers: the table's pg_trigger rows, in name order (the order they fire in). */
    private static List<TriggerDesc> loadTriggers(CatalogAccess access, int oid) {
        Catalog pgTrigger = SystemCatalogs.require(SystemCatalogs.PG_TRIGGER);
        int rel = pgTrigger.columnIndex("tgrelid");
        List<TriggerDesc> out = new ArrayList<>();
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_TRIGGER,
                row -> row[rel] instanceof Long l && l.intValue() == oid)) {
            List<String> args = new ArrayList<>();
            byte[] raw = (byte[]) t.get(pgTrigger, "tgargs");
            if (raw != null) {
                int start = 0;
                for (int i = 0; i < raw.length; i++) {
                    if (raw[i] == 0) {
                        args.add(new String(raw, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                        start = i + 1;
                    }
                }
            }
            Object[] attr = (Object[]) t.get(pgTrigger, "tgattr");
            int[] cols = new int[attr == null ? 0 : attr.length];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = ((Number) attr[i]).intValue();
            }
            Object qual = t.get(pgTrigger, "tgqual");
            out.add(new TriggerDesc((Long) t.get(pgTrigger, "oid"), (String) t.get(pgTrigger, "tgname"),
                    (Long) t.get(pgTrigger, "tgfoid"), ((Short) t.get(pgTrigger, "tgtype")).intValue(),
                    String.valueOf(t.get(pgTrigger, "tgenabled")).charAt(0),
                    Boolean.TRUE.equals(t.get(pgTrigger, "tgisinternal")), List.copyOf(args), cols,
                    qual == null ? null : qual.toString(), (String) t.get(pgTrigger, "tgoldtable"),
                    (String) t.get(pgTrigger, "tgnewtable")));
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return List.copyOf(out);
    }

    /** The name of schema {@code oid}, or null (also regnamespaceout's). */
    public String namespaceName(int oid) {
        namespaceOid("pg_catalog");
        for (Map.Entry<String, Integer> e : namespaces.entrySet()) {
            if (e.getValue() == oid) {
                return e.getKey();
            }
        }
        return null;
    }

    private static String amName(CatalogAccess access, int amOid) {
        if (amOid == 0) {
            return null;
        }
        Catalog pgAm = SystemCatalogs.require(2601);
        int oidCol = pgAm.columnIndex("oid");
        for (CatalogTuple t : access.scan(2601, row -> ((Long) row[oidCol]).intValue() == amOid)) {
            return (String) t.get(pgAm, "amname");
        }
        return null;
    }

    /** pg_attribute.attidentity as a char ('a', 'd', or NUL when not an identity column). */
    private static char identityOf(Object value) {
        String s = value == null ? "" : value.toString();
        return s.isEmpty() ? '\0' : s.charAt(0);
    }
}
