package org.tusk.engine.func.sysinfo;

import org.tusk.engine.catalog.SystemCatalogs;

/** obj_description, col_description and shobj_description over pg_description / pg_shdescription. */
public final class Descriptions {

    private final SysInfoContext ctx;

    public Descriptions(SysInfoContext ctx) {
        this.ctx = ctx;
    }

    /** obj_description(object, catalog): the comment on an object of the named pg_catalog catalog. */
    public String object(long objectOid, String catalogName) {
        int classOid = catalogOid(catalogName);
        if (classOid == 0) {
            return null;
        }
        return first(SystemCatalogs.PG_DESCRIPTION, "objoid", objectOid, "classoid", (long) classOid, "objsubid", 0L);
    }

    /** obj_description(object): deprecated form, any catalog. */
    public String object(long objectOid) {
        return first(SystemCatalogs.PG_DESCRIPTION, "objoid", objectOid, "objsubid", 0L);
    }

    /** col_description(table, column). */
    public String column(long tableOid, int attnum) {
        return first(SystemCatalogs.PG_DESCRIPTION, "objoid", tableOid, "classoid", (long) SystemCatalogs.PG_CLASS,
                "objsubid", (long) attnum);
    }

    /** shobj_description(object, catalog): comments on shared objects (databases, roles, tablespaces). */
    public String shared(long objectOid, String catalogName) {
        int classOid = catalogOid(catalogName);
        if (classOid == 0) {
            return null;
        }
        return first(SysCache.PG_SHDESCRIPTION, "objoid", objectOid, "classoid", (long) classOid);
    }

    /** The OID of catalog {@code name} in pg_catalog ('pg_class'::regclass), 0 if there is none. */
    private int catalogOid(String name) {
        SystemCatalogs.Catalog c = SystemCatalogs.byName(name);
        return c == null ? 0 : c.oid();
    }

    private String first(int catalog, Object... columnsAndValues) {
        for (CatalogRow row : ctx.cache().find(catalog, columnsAndValues)) {
            return row.str("description");
        }
        return null;
    }
}
