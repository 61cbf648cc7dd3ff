package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/** The pg_prepared_statements view (pg_prepared_statement()): the session's SQL-level prepared statements. */
final class PgPreparedStatementsView implements VirtualRelation {
    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("name", PgType.TEXT, -1),
            new RelationColumn("statement", PgType.TEXT, -1),
            new RelationColumn("prepare_time", PgType.TIMESTAMPTZ, -1),
            new RelationColumn("parameter_types", PgType.REGTYPE_ARRAY, -1),
            new RelationColumn("from_sql", PgType.BOOL, -1),
            new RelationColumn("generic_plans", PgType.INT8, -1),
            new RelationColumn("custom_plans", PgType.INT8, -1));

    @Override
    public String name() {
        return "pg_prepared_statements";
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
        for (PreparedStatements.Entry e : s.preparedStatements().all()) {
            int[] types = e.statement.parameterTypes();
            Object[] oids = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                oids[i] = (long) types[i];
            }
            rows.add(new Object[] {e.name, e.queryString, e.prepareTime, ArrayValue.of(PgType.REGTYPE, oids),
                e.fromSql, e.genericPlans(), e.customPlans()});
        }
        return rows;
    }
}
