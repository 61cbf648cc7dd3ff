package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.storage.RelFileLocator;
import org.tusk.engine.catalog.bootstrap.CsvReader;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;

/**
 * The system catalogs' own descriptions (PostgreSQL's formrdesc for the
 * nailed relations, and the relation mapper): every catalog table of
 * PostgreSQL 15 with its OID, columns and files, from the bootstrap facts.
 * A catalog's files are named by its OID (PostgreSQL's initial relfilenodes
 * are the OIDs; pg_class shows 0 for mapped catalogs, as PostgreSQL does);
 * shared catalogs live in global/.
 */
public final class SystemCatalogs {

    public static final int PG_CATALOG_NAMESPACE = 11;
    public static final int PUBLIC_NAMESPACE = 2200;
    public static final int HEAP_AM = 2;
    public static final int BTREE_AM = 403;

    public static final int PG_TYPE = 1247;
    public static final int PG_ATTRIBUTE = 1249;
    public static final int PG_PROC = 1255;
    public static final int PG_CLASS = 1259;
    public static final int PG_AUTHID = 1260;
    public static final int PG_DATABASE = 1262;
    public static final int PG_TABLESPACE = 1213;
    public static final int PG_ATTRDEF = 2604;
    public static final int PG_CONSTRAINT = 2606;
    public static final int PG_DEPEND = 2608;
    public static final int PG_DESCRIPTION = 2609;
    public static final int PG_INDEX = 2610;
    public static final int PG_NAMESPACE = 2615;
    public static final int PG_REWRITE = 2618;
    public static final int PG_TRIGGER = 2620;
    public static final int PG_POLICY = 3256;
    public static final int PG_AGGREGATE = 2600;
    public static final int PG_STATISTIC = 2619;

    /** One catalog: pg_class facts and its columns. */
    public record Catalog(int oid, String name, boolean shared, boolean mapped, int rowType, List<Column> columns) {

        /** The files of this catalog in database {@code dbOid}. */
        public RelFileLocator locator(int dbOid) {
            return shared ? new RelFileLocator(RelFileLocator.GLOBAL_TABLESPACE, 0, oid) : RelFileLocator.of(dbOid, oid);
        }

        public int columnIndex(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new IllegalArgumentException(name + " has no column " + column);
        }

        /** A row of NULLs, one slot per column. */
        public Object[] newRow() {
            return new Object[columns.size()];
        }

        public RelationDesc describe(int dbOid) {
            List<AttributeDesc> atts = new ArrayList<>();
            for (Column c : columns) {
                atts.add(new AttributeDesc(c.attnum(), c.name(), c.typeOid(), -1, c.notNull(), false, false));
            }
            return new RelationDesc(oid, name, PG_CATALOG_NAMESPACE, "pg_catalog", 'r', "heap", locator(dbOid), shared,
                    atts, List.of(), Map.of(), List.of(), List.of(), List.of());
        }
    }

    /** One catalog column (a catalog_attributes.csv row). */
    public record Column(int attnum, String name, int typeOid, int len, boolean byVal, char align, char storage,
            boolean notNull, int collation) {
    }

    private static final Map<Integer, Catalog> BY_OID;
    /** The highest system catalog OID: anything above is a user relation, answered without a look-up. */
    private static final int MAX_OID;
    private static final Map<String, Catalog> BY_NAME;

    static {
        Map<Integer, List<Column>> columns = new LinkedHashMap<>();
        for (Map<String, String> a : CsvReader.read("catalog_attributes")) {
            columns.computeIfAbsent(Integer.parseInt(a.get("attrelid")), k -> new ArrayList<>()).add(new Column(
                    Integer.parseInt(a.get("attnum")), a.get("attname"), Integer.parseInt(a.get("atttypid")),
                    Integer.parseInt(a.get("attlen")), "t".equals(a.get("attbyval")), a.get("attalign").charAt(0),
                    a.get("attstorage").charAt(0), "t".equals(a.get("attnotnull")),
                    Integer.parseInt(a.get("attcollation"))));
        }
        Map<Integer, Catalog> byOid = new LinkedHashMap<>();
        Map<String, Catalog> byName = new LinkedHashMap<>();
        for (Map<String, String> r : CsvReader.read("catalog_relations")) {
            if (!"r".equals(r.get("relkind"))) {
                continue;
            }
            int oid = Integer.parseInt(r.get("oid"));
            List<Column> cols = columns.getOrDefault(oid, List.of());
            cols.sort((x, y) -> Integer.compare(x.attnum(), y.attnum()));
            Catalog c = new Catalog(oid, r.get("relname"), "t".equals(r.get("relisshared")),
                    "0".equals(r.get("relfilenode")), Integer.parseInt(r.get("reltype")), List.copyOf(cols));
            byOid.put(oid, c);
            byName.put(c.name(), c);
        }
        BY_OID = Collections.unmodifiableMap(byOid);
        MAX_OID = byOid.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private SystemCatalogs() {
    }

    public static Catalog byOid(int oid) {
        if (oid < 0 || oid > MAX_OID) {
            return null;   // a user relation (every lock a Bind takes asks whether it is a shared catalog)
        }
        return BY_OID.get(oid);
    }

    public static Catalog byName(String name) {
        return BY_NAME.get(name);
    }

    public static Catalog require(int oid) {
        Catalog c = BY_OID.get(oid);
        if (c == null) {
            throw new IllegalArgumentException("no system catalog " + oid);
        }
        return c;
    }

    public static Collection<Catalog> all() {
        return BY_OID.values();
    }
}
