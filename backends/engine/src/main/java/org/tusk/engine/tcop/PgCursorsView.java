package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.types.PgType;

/** The pg_cursors view (pg_cursor()): the session's open cursors. */
final class PgCursorsView implements VirtualRelation {
    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("name", PgType.TEXT, -1),
            new RelationColumn("statement", PgType.TEXT, -1),
            new RelationColumn("is_holdable", PgType.BOOL, -1),
            new RelationColumn("is_binary", PgType.BOOL, -1),
            new RelationColumn("is_scrollable", PgType.BOOL, -1),
            new RelationColumn("creation_time", PgType.TIMESTAMPTZ, -1));

    @Override
    public String name() {
        return "pg_cursors";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        List<Object[]> rows = new ArrayList<>();
        if (!(session instanceof TuskSession s)) {
            return rows;
        }
        for (Cursor c : s.cursors().all()) {
            rows.add(new Object[] {c.name, c.statement, c.holdable, c.binary, c.scrollable, c.creationTime});
        }
        return rows;
    }
}
