package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableScan;
import org.tusk.engine.access.TupleFormat;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.types.PgType;
import org.tusk.lmgr.LockMode;

/**
 * A stored relation (a system catalog or a table) behind the scan interface
 * the analyzer and executor already use for system views: a sequential scan
 * through the relation's table access method with the statement's snapshot.
 * Columns whose type the engine does not know yet ("char", oidvector,
 * arrays, ...) are shown as text in their PostgreSQL output form.
 */
public final class StoredRelation implements VirtualRelation {

    private final RelationDesc relation;
    private final List<RelationColumn> columns = new ArrayList<>();
    private final List<AttributeDesc> attributes;

    public StoredRelation(RelationDesc relation) {
        this.relation = relation;
        this.attributes = relation.liveAttributes();
        for (AttributeDesc a : attributes) {
            PgType t = org.tusk.engine.types.UserTypes.columnType(a.typeOid());
            columns.add(new RelationColumn(a.name(), t == null ? PgType.TEXT : t, t == null ? -1 : org.tusk.engine.types.UserTypes.columnTypmod(a.typeOid(), a.typmod())));
        }
    }

    /** Resolves {@code schema.name} (AccessShareLock, as parse analysis takes), or null if there is none. */
    public static VirtualRelation lookup(StorageSession session, String schema, String name) {
        List<String> path = session instanceof org.tusk.engine.tcop.SearchPathProvider p ? p.searchPath()
                : List.of("public");
        Integer oid = session.relcache().relationOid(schema, name, path);
        if (oid == null) {
            return null;
        }
        return new StoredRelation(session.relcache().open(oid, LockMode.ACCESS_SHARE));
    }

    public RelationDesc relation() {
        return relation;
    }

    @Override
    public String name() {
        return relation.name();
    }

    @Override
    public List<RelationColumn> columns() {
        return columns;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        StorageSession s = (StorageSession) session;
        if (RoleCatalogRows.serves(relation.oid()) && session instanceof org.tusk.engine.acl.PrivilegeSession ps
                && ps.roleStore() != null) {
            // pg_authid / pg_auth_members: the role store is where roles live (RoleCatalogRows)
            List<Object[]> rows = new ArrayList<>();
            for (Object[] stored : RoleCatalogRows.rows(relation.oid(), ps.roleStore())) {
                rows.add(sqlRow(stored));
            }
            return rows;
        }
        TableAccessMethod am = s.storage().storage().tableAm(relation.amName());
        List<Object[]> rows = new ArrayList<>();
        org.tusk.engine.access.ToastRelation toast = relation.toastRelid() == 0 ? null
                : org.tusk.engine.executor.scan.RelationTupleCodec.openToast(relation, s);
        try (TableScan scan = am.beginScan(relation.locator(), s.snapshot(), s.transactionContext())) {
            while (scan.next()) {
                Object[] stored = toast == null ? TupleFormat.deform(scan.data(), relation.natts())
                        : TupleFormat.deform(scan.data(), relation.natts(), p -> toast.fetch(p, s.snapshot()));
                rows.add(sqlRow(stored));
                session.host();
            }
        }
        return rows;
    }

    /** A stored row (attnum order) as the scan's columns show it. */
    private Object[] sqlRow(Object[] stored) {
        Object[] row = new Object[attributes.size()];
        for (int i = 0; i < row.length; i++) {
            AttributeDesc a = attributes.get(i);
            Object v = stored[a.attnum() - 1];
            row[i] = PgType.byOid(a.typeOid()) == null ? CatalogValues.format(a.typeOid(), v)
                    : CatalogValues.toSqlValue(a.typeOid(), v);
        }
        return row;
    }
}
