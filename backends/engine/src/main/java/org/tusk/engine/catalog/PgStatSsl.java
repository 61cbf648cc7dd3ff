package org.tusk.engine.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.backend.BackendActivity;
import org.tusk.api.backend.BackendSslStatus;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.types.PgType;

/**
 * The pg_stat_ssl system view (PostgreSQL 15's columns): one row per session,
 * from what each backend published about its TLS connection when the session
 * started; {@code ssl} false and the rest NULL for sessions without TLS.
 */
public final class PgStatSsl implements VirtualRelation {
    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("pid", PgType.INT4, -1),
            new RelationColumn("ssl", PgType.BOOL, -1),
            new RelationColumn("version", PgType.TEXT, -1),
            new RelationColumn("cipher", PgType.TEXT, -1),
            new RelationColumn("bits", PgType.INT4, -1),
            new RelationColumn("client_dn", PgType.TEXT, -1),
            new RelationColumn("client_serial", PgType.NUMERIC, -1),
            new RelationColumn("issuer_dn", PgType.TEXT, -1));

    @Override
    public String name() {
        return "pg_stat_ssl";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        List<Object[]> rows = new ArrayList<>();
        for (BackendActivity a : session.host().backend().activitySnapshot()) {
            Object[] r = new Object[COLUMNS.size()];
            r[0] = a.pid();
            BackendSslStatus ssl = a.ssl();
            r[1] = ssl != null;
            if (ssl != null) {
                r[2] = ssl.version();
                r[3] = ssl.cipher();
                r[4] = ssl.bits();
                r[5] = ssl.clientDn();
                r[6] = ssl.clientSerial() == null ? null : new BigDecimal(ssl.clientSerial());
                r[7] = ssl.issuerDn();
            }
            rows.add(r);
        }
        return rows;
    }
}
