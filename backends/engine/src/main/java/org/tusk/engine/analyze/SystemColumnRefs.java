package org.tusk.engine.analyze;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Set;

import org.tusk.engine.nodes.ColumnRef;

/**
 * Whether a raw statement names a heap system column (ctid, xmin, cmin, xmax,
 * cmax) anywhere. PostgreSQL gives every table's scan those attributes
 * (negative attnums) and reads them from the tuple header only when a Var
 * asks; Tusk's row layout gives each range table entry its slots when the
 * entry is added, before any column is resolved, so a statement that may read
 * a system column has its relations' scans carry them from the start and the
 * rest pay nothing. A column of a user table that happens to be called so is
 * impossible (CREATE TABLE refuses the names), so a mention can only mean the
 * system column, or a column of a view or subquery, for which the extra slots
 * are merely unused.
 */
public final class SystemColumnRefs {

    /** The heap system columns stored per tuple (tableoid is the relation's, handled apart). */
    static final Set<String> NAMES = Set.of("ctid", "xmin", "cmin", "xmax", "cmax");

    /** Every system column name (SystemAttributeByName), which no user column may take. */
    public static final Set<String> ALL_NAMES = Set.of("ctid", "xmin", "cmin", "xmax", "cmax", "tableoid");

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent c : components) {
                c.getAccessor().setAccessible(true);
            }
            return components;
        }
    };

    private SystemColumnRefs() {
    }

    /** Whether {@code name} is a system column's name. */
    public static boolean isSystemColumn(String name) {
        return ALL_NAMES.contains(name);
    }

    /**
     * CheckAttributeNamesTypes' rule for a new or renamed column: 42701 when it takes a system
     * column's name.
     */
    public static void checkColumnName(String name) {
        if (isSystemColumn(name)) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.DUPLICATE_COLUMN,
                    "column name \"" + name + "\" conflicts with a system column name");
        }
    }

    /** Walks the raw parse tree (records, lists, arrays of nodes) for a column reference to a system column. */
    static boolean mentioned(Object node) {
        return mentioned(node, NAMES);
    }

    /** Whether the raw tree references a column named in {@code names} (the last field of a ColumnRef). */
    public static boolean mentioned(Object node, Set<String> names) {
        if (node == null) {
            return false;
        }
        if (node instanceof ColumnRef ref) {
            return !ref.star() && !ref.fields().isEmpty()
                    && names.contains(ref.fields().get(ref.fields().size() - 1));
        }
        if (node instanceof Collection<?> list) {
            for (Object o : list) {
                if (mentioned(o, names)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof Object[] array) {
            for (Object o : array) {
                if (mentioned(o, names)) {
                    return true;
                }
            }
            return false;
        }
        if (!node.getClass().isRecord()) {
            return false;
        }
        for (RecordComponent c : COMPONENTS.get(node.getClass())) {
            Class<?> t = c.getType();
            if (t.isPrimitive() || t == String.class || t.isEnum()) {
                continue;
            }
            try {
                if (mentioned(c.getAccessor().invoke(node), names)) {
                    return true;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c, e);
            }
        }
        return false;
    }
}
