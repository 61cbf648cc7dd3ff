package org.tusk.engine.rewrite;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.SelectStmt;

/**
 * Replaces references to the columns of one range table entry in a raw parse
 * tree (what ReplaceVarsFromTargetList does to Vars in PostgreSQL's rewriter;
 * Tusk's rewriter works before parse analysis, so it replaces ColumnRefs).
 * {@code name} and {@code refname.name} are replaced by the column's
 * expression. Inside a sub-SELECT an unqualified name that a table of the
 * sub-SELECT's own FROM list has is left alone (it means that table's column).
 *
 * <p>Raw nodes are immutable records, so the tree is rebuilt; a node reached
 * twice (UPDATE's SET (a, b) = (SELECT ...) shares its source) is rebuilt once,
 * keeping that sharing.
 */
public final class ColumnSubstitution {

    /** What the caller does with one column reference: a replacement, or null to keep it. */
    @FunctionalInterface
    public interface Replacer {
        Object replace(ColumnRef ref, boolean qualified, String column);
    }

    private final String refname;
    private final Replacer replacer;
    /** Column names of the FROM items a sub-SELECT's unqualified names may mean instead. */
    private final Function<RangeVar, Set<String>> columnsOf;
    private final Map<Object, Object> done = new IdentityHashMap<>();
    /** {@code refname.*} in a list (VALUES row, select list, ROW()) as its columns; null keeps stars. */
    private Function<ColumnRef, List<ResTargetOrNode>> starExpander;

    /** One column a star stands for: its label and expression. */
    public record ResTargetOrNode(String name, org.tusk.engine.nodes.RawNode node) {}

    /** Also expands {@code refname.*} inside lists into the columns {@code expander} gives. */
    public ColumnSubstitution withStars(Function<ColumnRef, List<ResTargetOrNode>> expander) {
        this.starExpander = expander;
        return this;
    }

    /**
     * @param refname   the name the entry is referenced by in the tree (alias or relation name)
     * @param columnsOf the column names of a relation a sub-SELECT reads (empty when unknown)
     */
    public ColumnSubstitution(String refname, Replacer replacer, Function<RangeVar, Set<String>> columnsOf) {
        this.refname = refname;
        this.replacer = replacer;
        this.columnsOf = columnsOf;
    }

    /** {@code node} with the entry's column references replaced (top-level names not shadowed). */
    @SuppressWarnings("unchecked")
    public <T> T apply(T node) {
        return (T) walk(node, Set.of());
    }

    /** {@code node} with references replaced where {@code shadowed} names belong to other FROM items. */
    @SuppressWarnings("unchecked")
    public <T> T apply(T node, Set<String> shadowed) {
        return (T) walk(node, shadowed);
    }

    private Object walk(Object node, Set<String> shadowed) {
        if (node == null || node instanceof String || node instanceof Enum<?> || node instanceof Number
                || node instanceof Boolean || node instanceof Character) {
            return node;
        }
        Object seen = done.get(node);
        if (seen != null) {
            return seen;
        }
        Object out;
        if (node instanceof ColumnRef c) {
            out = column(c, shadowed);
        } else if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                List<ResTargetOrNode> cols = starExpander == null ? null
                        : o instanceof ColumnRef c && isOurStar(c) ? starExpander.apply(c)
                        : o instanceof org.tusk.engine.nodes.ResTarget t && t.val() instanceof ColumnRef c && isOurStar(c)
                                ? starExpander.apply(c) : null;
                if (cols == null) {
                    copy.add(walk(o, shadowed));
                } else if (o instanceof org.tusk.engine.nodes.ResTarget t) {
                    for (ResTargetOrNode col : cols) {
                        copy.add(new org.tusk.engine.nodes.ResTarget(col.name(), null, col.node(), t.location()));
                    }
                } else {
                    for (ResTargetOrNode col : cols) {
                        copy.add(col.node());
                    }
                }
            }
            out = copy;
        } else if (node instanceof Record r) {
            Set<String> inner = shadowed;
            if (r instanceof SelectStmt s && s.fromClause() != null && !s.fromClause().isEmpty()) {
                inner = new HashSet<>(shadowed);
                for (Object item : s.fromClause()) {
                    if (item instanceof RangeVar rv) {
                        inner.addAll(columnsOf.apply(rv));
                    }
                }
            }
            out = rebuild(r, inner);
        } else {
            out = node;
        }
        done.put(node, out);
        return out;
    }

    private boolean isOurStar(ColumnRef c) {
        return c.star() && c.fields().size() == 1 && c.fields().get(0).equals(refname);
    }

    private Object column(ColumnRef c, Set<String> shadowed) {
        List<String> f = c.fields();
        if (c.star()) {
            return c;
        }
        if (f.size() == 1 && !shadowed.contains(f.get(0))) {
            Object r = replacer.replace(c, false, f.get(0));
            return r != null ? r : c;
        }
        if (f.size() == 2 && f.get(0).equals(refname)) {
            Object r = replacer.replace(c, true, f.get(1));
            return r != null ? r : c;
        }
        return c;
    }

    private Object rebuild(Record r, Set<String> shadowed) {
        RecordComponent[] parts = r.getClass().getRecordComponents();
        Object[] values = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        try {
            boolean changed = false;
            for (int i = 0; i < parts.length; i++) {
                Object v = parts[i].getAccessor().invoke(r);
                values[i] = walk(v, shadowed);
                types[i] = parts[i].getType();
                changed |= values[i] != v && !(v instanceof List<?> l && l.equals(values[i]));
            }
            if (!changed) {
                return r;
            }
            Constructor<?> ctor = r.getClass().getDeclaredConstructor(types);
            return ctor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + r.getClass().getSimpleName(), e);
        }
    }
}
