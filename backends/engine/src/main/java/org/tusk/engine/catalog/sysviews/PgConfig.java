package org.tusk.engine.catalog.sysviews;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.guc.GucTable;
import org.tusk.engine.types.PgType;

/**
 * pg_config (PostgreSQL 15's columns, superusers only as in PostgreSQL): the build's configuration as
 * pg_config prints it. Tusk has no C build, install directories or compiler flags to report, so the
 * only row is VERSION, what {@code pg_config --version} prints.
 */
public final class PgConfig implements VirtualRelation {

    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("name", PgType.TEXT, -1),
            new RelationColumn("setting", PgType.TEXT, -1));

    @Override
    public String name() {
        return "pg_config";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        SystemFiles.requireSuperuser(session, name());
        List<Object[]> rows = new ArrayList<>(1);
        rows.add(new Object[] {"VERSION", "PostgreSQL " + GucTable.SERVER_VERSION});
        return rows;
    }
}
