package org.tusk.engine.analyze;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.StoredRelation;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.relcache.RelationDesc;

/**
 * The scope of ON CONFLICT DO UPDATE's SET and WHERE: the target table's
 * columns (positions 0..n-1) and EXCLUDED's (n..2n-1). The single-relation
 * expression analyzer sees EXCLUDED's columns under the names
 * {@code excluded.<column>} ({@link #rewrite} turns {@code excluded.col}
 * references into those), names a user column cannot collide with
 * unquoted.
 */
final class ExcludedScope implements VirtualRelation {

    private static final String PREFIX = "excluded.";
    private final StoredRelation table;
    private final List<RelationColumn> columns = new ArrayList<>();

    ExcludedScope(RelationDesc desc) {
        this.table = new StoredRelation(desc);
        columns.addAll(table.columns());
        for (RelationColumn c : table.columns()) {
            columns.add(new RelationColumn(PREFIX + c.name(), c.type(), c.typmod()));
        }
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    public List<RelationColumn> columns() {
        return columns;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        throw new UnsupportedOperationException("EXCLUDED is not scannable");
    }

    /** A copy of the raw tree with {@code excluded.col} replaced by a reference to the synthetic column. */
    @SuppressWarnings("unchecked")
    static <T> T rewrite(T node) {
        if (node instanceof ColumnRef c && c.fields().size() == 2 && c.fields().get(0).equals("excluded")) {
            return (T) new ColumnRef(List.of(PREFIX + c.fields().get(1)), false, c.location());
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(rewrite(o));
            }
            return (T) out;
        }
        if (node == null || !node.getClass().isRecord()) {
            return node;
        }
        try {
            RecordComponent[] components = node.getClass().getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            boolean changed = false;
            for (int i = 0; i < components.length; i++) {
                Object v = components[i].getAccessor().invoke(node);
                values[i] = rewrite(v);
                changed |= values[i] != v;
                types[i] = components[i].getType();
            }
            if (!changed) {
                return node;
            }
            var ctor = node.getClass().getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return (T) ctor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rewrite " + node.getClass().getSimpleName(), e);
        }
    }
}
