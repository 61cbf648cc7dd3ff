package org.tusk.engine.catalog.bootstrap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.storage.TableAccessMethod;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.CatalogValues;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.catalog.SystemCatalogs.Column;

/**
 * Fills the system catalogs of a new cluster from the bootstrap facts
 * (PostgreSQL's bootstrap mode: postgres --boot reading postgres.bki): the
 * catalogs' storage is created and their rows inserted through the heap
 * access method in one transaction, so a failure leaves nothing half done.
 *
 * <p>Per database: every non-shared catalog's file, the built-in rows of
 * pg_namespace, pg_type, pg_proc, pg_operator, pg_cast, pg_aggregate, pg_am,
 * pg_amop, pg_amproc, pg_opclass, pg_opfamily, pg_collation, pg_language and
 * pg_range, and pg_class / pg_attribute rows describing every catalog
 * (shared ones included, as in PostgreSQL). Shared (once per cluster, in
 * global/): pg_database (template1 1, template0 4, postgres 5), pg_authid
 * (the bootstrap superuser, OID 10) and pg_tablespace.
 */
public final class CatalogBootstrap {

    /** The built-in rows copied from their CSV files, by catalog name. */
    private static final List<String> FACT_CATALOGS = List.of("pg_namespace", "pg_type", "pg_proc", "pg_operator",
            "pg_cast", "pg_aggregate", "pg_am", "pg_amop", "pg_amproc", "pg_opclass", "pg_opfamily",
            "pg_collation", "pg_language", "pg_range", "pg_conversion", "pg_ts_parser", "pg_ts_template", "pg_ts_dict",
            "pg_ts_config");

    private final CatalogAccess access;
    private final TableAccessMethod heap;
    private Map<String, Long> procOids;

    public CatalogBootstrap(CatalogAccess access, TableAccessMethod heap) {
        this.access = access;
        this.heap = heap;
    }

    /** The shared catalogs (global/): databases, the superuser, tablespaces. */
    public void bootstrapShared(String superuser) {
        for (Catalog c : SystemCatalogs.all()) {
            if (c.shared()) {
                heap.createStorage(c.locator(0));
            }
        }
        for (Object[] db : new Object[][] {{1L, "template1", true, true}, {4L, "template0", true, false},
                {5L, "postgres", false, true}}) {
            Map<String, Object> v = new HashMap<>();
            v.put("oid", db[0]);
            v.put("datname", db[1]);
            v.put("datdba", 10L);
            v.put("encoding", 6);
            v.put("datlocprovider", "c");
            v.put("datistemplate", db[2]);
            v.put("datallowconn", db[3]);
            v.put("datconnlimit", -1);
            v.put("datfrozenxid", 3L);
            v.put("datminmxid", 1L);
            v.put("dattablespace", 1663L);
            v.put("datcollate", "C");
            v.put("datctype", "C");
            insert(SystemCatalogs.PG_DATABASE, v);
        }
        Map<String, Object> role = new HashMap<>();
        role.put("oid", 10L);
        role.put("rolname", superuser);
        for (String flag : new String[] {"rolsuper", "rolinherit", "rolcreaterole", "rolcreatedb", "rolcanlogin",
                "rolreplication", "rolbypassrls"}) {
            role.put(flag, true);
        }
        role.put("rolconnlimit", -1);
        insert(SystemCatalogs.PG_AUTHID, role);
        insert(SystemCatalogs.PG_TABLESPACE, Map.of("oid", 1663L, "spcname", "pg_default", "spcowner", 10L));
        insert(SystemCatalogs.PG_TABLESPACE, Map.of("oid", 1664L, "spcname", "pg_global", "spcowner", 10L));
    }

    /** One database's catalogs. */
    public void bootstrapDatabase(int dbOid) {
        for (Catalog c : SystemCatalogs.all()) {
            if (!c.shared()) {
                heap.createStorage(c.locator(dbOid));
            }
        }
        for (String name : FACT_CATALOGS) {
            Catalog c = SystemCatalogs.byName(name);
            for (Map<String, String> row : CsvReader.read(name)) {
                Object[] values = c.newRow();
                for (Column col : c.columns()) {
                    String text = row.containsKey(col.name()) ? row.get(col.name()) : null;
                    values[col.attnum() - 1] = text != null ? CatalogValues.parse(col.typeOid(), text, this::procOid)
                            : defaultValue(col);
                }
                access.insertBootstrap(c.oid(), values);
            }
        }
        for (Catalog c : SystemCatalogs.all()) {
            describeCatalog(c);
        }
        for (Map<String, String> index : CsvReader.read("catalog_indexes")) {
            describeCatalogIndex(index);
        }
    }

    /**
     * pg_class, pg_attribute and pg_index rows for one of PostgreSQL's catalog indexes
     * (pg_class_oid_index, ...), so that they are relations that name lookups and the
     * catalog views find as PostgreSQL has them. Tusk keeps no storage for them: catalog
     * lookups go through the caches, and the relcache describes a system catalog without
     * indexes, so nothing plans a scan of one.
     */
    private void describeCatalogIndex(Map<String, String> index) {
        long oid = Long.parseLong(index.get("indexrelid"));
        Catalog table = SystemCatalogs.byOid(Integer.parseInt(index.get("indrelid")));
        if (table == null) {
            return;
        }
        String[] keys = index.get("indkey").trim().split(" ");
        String[] classes = index.get("indclass").trim().split(" ");
        Object[] indkey = new Object[keys.length];
        Object[] indclass = new Object[keys.length];
        Object[] indcollation = new Object[keys.length];
        Object[] indoption = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            short attnum = Short.parseShort(keys[i]);
            Column col = table.columns().get(attnum - 1);
            indkey[i] = attnum;
            indclass[i] = Long.parseLong(classes[i]);
            indcollation[i] = (long) col.collation();
            indoption[i] = (short) 0;
            Map<String, Object> a = new HashMap<>();
            a.put("attrelid", oid);
            a.put("attname", col.name());
            a.put("atttypid", (long) col.typeOid());
            a.put("attstattarget", -1);
            a.put("attlen", (short) col.len());
            a.put("attnum", (short) (i + 1));
            a.put("attndims", 0);
            a.put("attcacheoff", -1);
            a.put("atttypmod", -1);
            a.put("attbyval", col.byVal());
            a.put("attalign", String.valueOf(col.align()));
            a.put("attstorage", String.valueOf(col.storage()));
            a.put("attcompression", "");
            a.put("attnotnull", false);
            a.put("attidentity", "");
            a.put("attgenerated", "");
            a.put("attislocal", true);
            a.put("attcollation", (long) col.collation());
            insert(SystemCatalogs.PG_ATTRIBUTE, a);
        }
        Map<String, Object> cls = new HashMap<>();
        cls.put("oid", oid);
        cls.put("relname", index.get("indexname"));
        cls.put("relnamespace", (long) SystemCatalogs.PG_CATALOG_NAMESPACE);
        cls.put("relowner", 10L);
        cls.put("relam", (long) SystemCatalogs.BTREE_AM);
        cls.put("relfilenode", table.mapped() ? 0L : oid);
        cls.put("reltablespace", table.shared() ? 1664L : 0L);
        cls.put("reltuples", -1f);
        cls.put("relisshared", table.shared());
        cls.put("relpersistence", "p");
        cls.put("relkind", "i");
        cls.put("relnatts", (short) keys.length);
        cls.put("relispopulated", true);
        cls.put("relreplident", "n");
        insert(SystemCatalogs.PG_CLASS, cls);
        Map<String, Object> ind = new HashMap<>();
        ind.put("indexrelid", oid);
        ind.put("indrelid", (long) table.oid());
        ind.put("indnatts", (short) keys.length);
        ind.put("indnkeyatts", (short) keys.length);
        ind.put("indisunique", "t".equals(index.get("indisunique")));
        ind.put("indisprimary", "t".equals(index.get("indisprimary")));
        ind.put("indimmediate", true);
        ind.put("indisvalid", true);
        ind.put("indisready", true);
        ind.put("indislive", true);
        ind.put("indkey", indkey);
        ind.put("indcollation", indcollation);
        ind.put("indclass", indclass);
        ind.put("indoption", indoption);
        insert(SystemCatalogs.PG_INDEX, ind);
    }

    /** pg_class and pg_attribute rows for one catalog. */
    private void describeCatalog(Catalog c) {
        Map<String, Object> cls = new HashMap<>();
        cls.put("oid", (long) c.oid());
        cls.put("relname", c.name());
        cls.put("relnamespace", (long) SystemCatalogs.PG_CATALOG_NAMESPACE);
        cls.put("reltype", (long) c.rowType());
        cls.put("relowner", 10L);
        cls.put("relam", (long) SystemCatalogs.HEAP_AM);
        cls.put("relfilenode", c.mapped() ? 0L : (long) c.oid());
        cls.put("reltablespace", c.shared() ? 1664L : 0L);
        cls.put("reltuples", -1f);
        cls.put("relisshared", c.shared());
        cls.put("relpersistence", "p");
        cls.put("relkind", "r");
        cls.put("relnatts", (short) c.columns().size());
        cls.put("relispopulated", true);
        cls.put("relreplident", "n");
        cls.put("relfrozenxid", 3L);
        cls.put("relminmxid", 1L);
        insert(SystemCatalogs.PG_CLASS, cls);
        for (Column col : c.columns()) {
            Map<String, Object> a = new HashMap<>();
            a.put("attrelid", (long) c.oid());
            a.put("attname", col.name());
            a.put("atttypid", (long) col.typeOid());
            a.put("attstattarget", -1);
            a.put("attlen", (short) col.len());
            a.put("attnum", (short) col.attnum());
            a.put("attndims", 0);
            a.put("attcacheoff", -1);
            a.put("atttypmod", -1);
            a.put("attbyval", col.byVal());
            a.put("attalign", String.valueOf(col.align()));
            a.put("attstorage", String.valueOf(col.storage()));
            a.put("attcompression", "");
            a.put("attnotnull", col.notNull());
            a.put("attidentity", "");
            a.put("attgenerated", "");
            a.put("attislocal", true);
            a.put("attcollation", (long) col.collation());
            insert(SystemCatalogs.PG_ATTRIBUTE, a);
        }
    }

    /** Inserts a row given by column name; absent NOT NULL columns get their type's zero. */
    public void insert(int catalogOid, Map<String, Object> byName) {
        Catalog c = SystemCatalogs.require(catalogOid);
        Object[] values = c.newRow();
        for (Column col : c.columns()) {
            Object v = byName.get(col.name());
            values[col.attnum() - 1] = v != null ? v : defaultValue(col);
        }
        access.insertBootstrap(catalogOid, values);
    }

    /** The value of a column the facts leave out: zero / false / empty for NOT NULL columns, else NULL. */
    public static Object defaultValue(Column col) {
        if (!col.notNull()) {
            return null;
        }
        switch (col.typeOid()) {
            case CatalogValues.BOOL: return false;
            case CatalogValues.INT2: return (short) 0;
            case CatalogValues.INT4: return 0;
            case CatalogValues.INT8: return 0L;
            case CatalogValues.FLOAT4: return 0f;
            case CatalogValues.FLOAT8: return 0d;
            case CatalogValues.OID: case CatalogValues.XID: case CatalogValues.REGPROC: return 0L;
            case CatalogValues.INT2VECTOR: case CatalogValues.OIDVECTOR: return new Object[0];
            default: return "";
        }
    }

    private long procOid(String name) {
        if (procOids == null) {
            procOids = new HashMap<>();
            for (Map<String, String> p : CsvReader.read("pg_proc")) {
                procOids.putIfAbsent(p.get("proname"), Long.valueOf(p.get("oid")));
            }
        }
        Long oid = procOids.get(name);
        return oid == null ? 0L : oid;
    }
}
