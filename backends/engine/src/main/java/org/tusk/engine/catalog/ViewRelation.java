package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.ViewDefinition;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.EState;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.planner.BaseRelation;
import org.tusk.engine.planner.RelationSize;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.types.PgType;

/**
 * A view (pg_class relkind 'v') as name lookup finds it: its columns from
 * pg_attribute and its SELECT from the {@code _RETURN} rule in pg_rewrite.
 * It is never scanned: the analyzer expands it into a subquery
 * ({@link ViewDefinition}).
 */
public final class ViewRelation implements VirtualRelation, BaseRelation, ViewDefinition {
    private final RelationDesc relation;
    private final String query;
    private final List<RelationColumn> columns = new ArrayList<>();

    public ViewRelation(RelationDesc relation, String query) {
        this.relation = relation;
        this.query = query;
        for (AttributeDesc a : relation.liveAttributes()) {
            PgType t = org.tusk.engine.types.UserTypes.columnType(a.typeOid());
            columns.add(new RelationColumn(a.name(), t == null ? PgType.TEXT : t, t == null ? -1 : a.typmod()));
        }
    }

    /** The view's ev_action text from pg_rewrite (its {@code _RETURN} rule), or null if it has none. */
    public static String definition(CatalogAccess access, int viewOid) {
        SystemCatalogs.Catalog rw = SystemCatalogs.require(SystemCatalogs.PG_REWRITE);
        int evClass = rw.columnIndex("ev_class");
        int rulename = rw.columnIndex("rulename");
        for (CatalogAccess.CatalogTuple t : access.scan(SystemCatalogs.PG_REWRITE,
                r -> r[evClass] instanceof Long l && l == viewOid && "_RETURN".equals(r[rulename]))) {
            return (String) t.get(rw, "ev_action");
        }
        return null;
    }

    public RelationDesc relation() {
        return relation;
    }

    @Override
    public String viewQuery() {
        return query;
    }

    @Override
    public long viewOid() {
        return relation.oid();
    }

    @Override
    public long oid() {
        return relation.oid();
    }

    @Override
    public String schemaName() {
        return relation.namespaceName();
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
    public RelationSize size() {
        return RelationSize.unknown(0);
    }

    @Override
    public PlanState openSeqScan(EState estate) {
        throw notExpanded();
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        throw notExpanded();
    }

    private RuntimeException notExpanded() {
        return Ereport.error(SqlState.INTERNAL_ERROR, "view \"" + relation.name() + "\" was not expanded");
    }
}
