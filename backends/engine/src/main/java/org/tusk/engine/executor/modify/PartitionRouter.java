package org.tusk.engine.executor.modify;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/**
 * Tuple routing for a partitioned table (execPartition.c ExecFindPartition): the
 * row, in the partitioned table's column order, goes to the first partition whose
 * bound accepts it (each bound compiled as its partition constraint over this
 * level's columns, the default partition's last), converted to that partition's
 * column order; a partitioned partition routes further. No partition: 23514
 * {@code no partition of relation "t" found for row} with the key's values, when the
 * user may see them (SELECT on the table, or on every key column of a key without expressions).
 */
public final class PartitionRouter {

    /**
     * A partition: its bound as a boolean over this level's row, which of this level's
     * columns fill each of its columns, and either its own router or its modifier.
     */
    public record Partition(long relid, String name, Expr accepts, int[] columnMap, PartitionRouter sub,
            TableModifier leaf) {
    }

    /** Where a row ends: the leaf (its OID and modifier) and the row in the leaf's column order. */
    public record Routed(long relid, TableModifier modifier, Object[] row) {
    }

    private final String relationName;
    private final List<Expr> keys;
    private final List<String> keyShown;
    private final List<Partition> partitions;

    /** Whether the user may see the key's values (ExecBuildPartitionKeyDescription's privilege test). */
    private final java.util.function.BooleanSupplier keyVisible;

    public PartitionRouter(String relationName, List<Expr> keys, List<String> keyShown, List<Partition> partitions) {
        this(relationName, keys, keyShown, partitions, () -> true);
    }

    public PartitionRouter(String relationName, List<Expr> keys, List<String> keyShown, List<Partition> partitions,
            java.util.function.BooleanSupplier keyVisible) {
        this.relationName = relationName;
        this.keys = keys;
        this.keyShown = keyShown;
        this.partitions = partitions;
        this.keyVisible = keyVisible;
    }

    private TableModifier adopted;

    /** Tells every leaf which modifier rows are routed from (error DETAILs show its row format). */
    void adoptRoot(TableModifier root) {
        if (adopted == root) {
            return;
        }
        adopted = root;
        for (Partition p : partitions) {
            if (p.sub() != null) {
                p.sub().adoptRoot(root);
            } else if (p.leaf() != null) {
                p.leaf().setRoot(root);
            }
        }
    }

    /** The leaves' queued AFTER ROW events, fired at the end of the statement (AfterTriggerEndQuery). */
    public void fireAfter() {
        for (Partition p : partitions) {
            if (p.sub() != null) {
                p.sub().fireAfter();
            } else if (p.leaf() != null && p.leaf().routedTriggers() != null) {
                p.leaf().routedTriggers().fireAfter();
            }
        }
    }

    public Routed route(Object[] row, EvalContext ctx) {
        Object[] saved = ctx.row();
        ctx.setRow(row);
        Partition target = null;
        try {
            for (Partition p : partitions) {
                if (p.accepts() != null && Boolean.TRUE.equals(p.accepts().eval(ctx))) {
                    target = p;
                    break;
                }
            }
            if (target == null) {
                if (!keyVisible.getAsBoolean()) {
                    // the key's columns are not the user's to see: no DETAIL
                    throw PgException.error(SqlState.CHECK_VIOLATION, "no partition of relation \"" + relationName
                            + "\" found for row");
                }
                List<String> values = new ArrayList<>();
                TypeContext tc = ctx.session() != null ? ctx.session().typeContext() : TypeContext.DEFAULT;
                for (Expr k : keys) {
                    Object v = k.eval(ctx);
                    values.add(v == null ? "null" : TableModifier.truncate(TextFormat.output(k.type(), v, tc), 64));
                }
                throw PgException.error(SqlState.CHECK_VIOLATION, "no partition of relation \"" + relationName
                        + "\" found for row").withDetail("Partition key of the failing row contains ("
                                + String.join(", ", keyShown) + ") = (" + String.join(", ", values) + ").");
            }
        } finally {
            ctx.setRow(saved);
        }
        int[] map = target.columnMap();
        Object[] mapped = new Object[map.length];
        for (int i = 0; i < map.length; i++) {
            mapped[i] = map[i] < 0 ? null : row[map[i]];
        }
        return target.sub() != null ? target.sub().route(mapped, ctx) : new Routed(target.relid(), target.leaf(), mapped);
    }
}
