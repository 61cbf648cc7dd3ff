package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.backend.BackendActivity;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.PgType;
import org.tusk.xact.ProcArray;

/** The pg_stat_activity system view, PostgreSQL 15's columns, rows from the backend's activity snapshot. */
public final class PgStatActivity implements VirtualRelation {
    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("datid", PgType.OID, -1),
            new RelationColumn("datname", PgType.NAME, -1),
            new RelationColumn("pid", PgType.INT4, -1),
            new RelationColumn("leader_pid", PgType.INT4, -1),
            new RelationColumn("usesysid", PgType.OID, -1),
            new RelationColumn("usename", PgType.NAME, -1),
            new RelationColumn("application_name", PgType.TEXT, -1),
            new RelationColumn("client_addr", PgType.INET, -1),
            new RelationColumn("client_hostname", PgType.TEXT, -1),
            new RelationColumn("client_port", PgType.INT4, -1),
            new RelationColumn("backend_start", PgType.TIMESTAMPTZ, -1),
            new RelationColumn("xact_start", PgType.TIMESTAMPTZ, -1),
            new RelationColumn("query_start", PgType.TIMESTAMPTZ, -1),
            new RelationColumn("state_change", PgType.TIMESTAMPTZ, -1),
            new RelationColumn("wait_event_type", PgType.TEXT, -1),
            new RelationColumn("wait_event", PgType.TEXT, -1),
            new RelationColumn("state", PgType.TEXT, -1),
            new RelationColumn("backend_xid", PgType.XID, -1),
            new RelationColumn("backend_xmin", PgType.XID, -1),
            new RelationColumn("query_id", PgType.INT8, -1),
            new RelationColumn("query", PgType.TEXT, -1),
            new RelationColumn("backend_type", PgType.TEXT, -1));

    private final ClusterCatalog catalog;

    public PgStatActivity(ClusterCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "pg_stat_activity";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        List<Object[]> rows = new ArrayList<>();
        ProcArray procArray = session instanceof StorageSession storage && storage.storage() != null
                ? storage.storage().storage().transactions().procArray() : null;
        for (BackendActivity a : session.host().backend().activitySnapshot()) {
            Object[] r = new Object[COLUMNS.size()];
            ClusterCatalog.Database db = a.database() == null ? null : catalog.database(a.database());
            ClusterCatalog.Role role = a.user() == null ? null : catalog.role(a.user());
            r[0] = db == null ? null : db.oid();
            r[1] = a.database();
            r[2] = a.pid();
            r[4] = role == null ? null : role.oid();
            r[5] = a.user();
            r[6] = a.applicationName();
            r[7] = a.clientAddress();
            // PostgreSQL shows -1 for a Unix-socket client and NULL for a process without a client
            r[9] = a.clientAddress() != null ? Integer.valueOf(a.clientPort()) : a.database() == null ? null : Integer.valueOf(-1);
            r[10] = a.backendStart() == null ? null : DateTimes.toPgMicros(a.backendStart());
            if (a.pid() == session.host().backend().pid()) {
                r[11] = session.transactionStartMicros();
            }
            r[12] = a.queryStart() == null ? null : DateTimes.toPgMicros(a.queryStart());
            r[13] = a.stateChange() == null ? null : DateTimes.toPgMicros(a.stateChange());
            if (a.waitEvent() != null) {
                r[14] = a.waitEventType();
                r[15] = a.waitEvent();
            } else if ("idle".equals(a.state()) || (a.state() != null && a.state().startsWith("idle in"))) {
                // an idle session waits for the client's next message, a read that does not report itself
                r[14] = "Client";
                r[15] = "ClientRead";
            }
            r[16] = a.state();
            if (procArray != null && a.procNumber() >= 0) {
                int[] xidAndXmin = procArray.xidAndXminOf(a.procNumber());
                r[17] = xidOrNull(xidAndXmin[0]);
                r[18] = xidOrNull(xidAndXmin[1]);
            }
            r[20] = a.query();
            r[21] = a.backendType();
            rows.add(r);
        }
        return rows;
    }

    /** An xid column's value: PostgreSQL shows InvalidTransactionId (0) as NULL here. */
    private static Long xidOrNull(int xid) {
        return xid == 0 ? null : Integer.toUnsignedLong(xid);
    }
}
