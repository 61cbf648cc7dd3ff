package org.tusk.engine.executor.modify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.pl.TriggerData;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.relcache.TriggerDesc;
import org.tusk.engine.types.PgType;

/**
 * The triggers of one data-modifying statement on one table (trigger.c's
 * ExecBS/BR/AR/AS* and a per-statement after-trigger queue).
 *
 * <p>BEFORE STATEMENT triggers fire before the first row; BEFORE ROW triggers
 * fire for each row before it is written and may replace it (the returned row)
 * or skip it (NULL); AFTER ROW events are queued with the rows as written and,
 * like AFTER STATEMENT ones, fire in queue order at the end of the statement
 * (AfterTriggerEndQuery), after a CommandCounterIncrement so their queries see
 * the statement's changes. Triggers of one event fire in name order. A WHEN
 * condition is evaluated over OLD's columns followed by NEW's.
 */
public final class TriggerManager {

    private final RelationDesc desc;
    private final List<String> columnNames = new ArrayList<>();
    private final List<PgType> columnTypes = new ArrayList<>();
    private final TriggerFunctions functions;
    private final EvalContext ctx;
    private final Function<String, Expr> whenCompiler;
    private final java.util.Map<Long, Expr> whens = new java.util.HashMap<>();
    /** UPDATE's SET targets, as live column indexes (for UPDATE OF), or null for "all". */
    private java.util.Set<Integer> updatedColumns;
    private final List<Runnable> queue = new ArrayList<>();

    private TriggerManager(RelationDesc desc, TriggerFunctions functions, EvalContext ctx,
            Function<String, Expr> whenCompiler) {
        this.desc = desc;
        this.functions = functions;
        this.ctx = ctx;
        this.whenCompiler = whenCompiler;
        for (AttributeDesc a : desc.liveAttributes()) {
            columnNames.add(a.name());
            PgType t = PgType.byOid(a.typeOid());
            columnTypes.add(t == null ? PgType.TEXT : t);
        }
    }

    /**
     * The manager for a statement firing {@code event} on {@code desc}, or null when no enabled trigger
     * of the table fires for it (the executor then skips all trigger work).
     */
    public static TriggerManager forEvent(RelationDesc desc, int event, TriggerFunctions functions, EvalContext ctx,
            Function<String, Expr> whenCompiler) {
        if (functions == null || desc.triggers().isEmpty()) {
            return null;
        }
        for (TriggerDesc t : desc.triggers()) {
            if ((t.type() & event) != 0 && t.firesInOrigin()) {
                return new TriggerManager(desc, functions, ctx, whenCompiler);
            }
        }
        return null;
    }

    /** UPDATE's assigned columns (live indexes): UPDATE OF triggers fire only when one of theirs is among them. */
    public TriggerManager updating(java.util.Set<Integer> columns) {
        this.updatedColumns = columns;
        return this;
    }

    /** Whether a trigger of this timing and level fires for {@code event} (INSTEAD OF on views). */
    public boolean has(int event, String timing, boolean row) {
        for (TriggerDesc t : desc.triggers()) {
            if (t.matches(event, timing, row)) {
                return true;
            }
        }
        return false;
    }

    public void beforeStatement(int event) {
        for (TriggerDesc t : desc.triggers()) {
            if (t.matches(event, "BEFORE", false) && columnsMatch(t, event)) {
                call(t, event, null, null);
            }
        }
    }

    /**
     * BEFORE ROW (and INSTEAD OF) triggers: the row to write (possibly replaced by a trigger), or null when a
     * trigger returned NULL and the row is skipped. For DELETE the result is only a go/no-go.
     */
    public Object[] beforeRow(int event, Object[] oldRow, Object[] newRow) {
        return rowTriggers(event, "BEFORE", oldRow, newRow);
    }

    /** INSTEAD OF ROW triggers on a view: null when one returned NULL (the row does not count). */
    public Object[] insteadRow(int event, Object[] oldRow, Object[] newRow) {
        return rowTriggers(event, "INSTEAD OF", oldRow, newRow);
    }

    private Object[] rowTriggers(int event, String timing, Object[] oldRow, Object[] newRow) {
        Object[] current = event == TriggerDesc.DELETE ? oldRow : newRow;
        for (TriggerDesc t : desc.triggers()) {
            if (!t.matches(event, timing, true) || !columnsMatch(t, event)
                    || !whenHolds(t, oldRow, event == TriggerDesc.DELETE ? null : current)) {
                continue;
            }
            Object[] result = call(t, event, oldRow, event == TriggerDesc.DELETE ? null : current);
            if (result == null) {
                return null;
            }
            if (event != TriggerDesc.DELETE) {
                current = result;
            }
        }
        return current;
    }

    /** The statement's changed rows, captured for AFTER triggers with transition tables. */
    private final List<Object[]> oldTransition = new ArrayList<>();
    private final List<Object[]> newTransition = new ArrayList<>();

    /** AFTER ROW triggers: queued with the rows as written. */
    public void afterRow(int event, Object[] oldRow, Object[] newRow) {
        captureTransition(event, oldRow, newRow);
        for (TriggerDesc t : desc.triggers()) {
            if (t.matches(event, "AFTER", true) && columnsMatch(t, event) && whenHolds(t, oldRow, newRow)) {
                queue.add(() -> call(t, event, oldRow, newRow));
            }
        }
    }

    /**
     * AfterTriggerSaveEvent's transition capture: OLD rows of UPDATE and DELETE, NEW rows of
     * INSERT and UPDATE, when an AFTER trigger of this event names such a table.
     */
    private void captureTransition(int event, Object[] oldRow, Object[] newRow) {
        boolean wantOld = false;
        boolean wantNew = false;
        for (TriggerDesc t : desc.triggers()) {
            if ((t.type() & event) != 0 && "AFTER".equals(t.timing()) && t.firesInOrigin()) {
                wantOld |= t.oldTable() != null;
                wantNew |= t.newTable() != null;
            }
        }
        int n = columnNames.size();
        if (wantOld && oldRow != null && event != TriggerDesc.INSERT) {
            oldTransition.add(java.util.Arrays.copyOf(oldRow, n));
        }
        if (wantNew && newRow != null && event != TriggerDesc.DELETE) {
            newTransition.add(java.util.Arrays.copyOf(newRow, n));
        }
    }

    /** The transition tables {@code t} names, over the rows captured so far. */
    private java.util.Map<String, TransitionTables.Table> transitionTables(TriggerDesc t) {
        java.util.Map<String, TransitionTables.Table> out = new java.util.HashMap<>();
        List<org.tusk.engine.catalog.RelationColumn> cols = new ArrayList<>();
        List<AttributeDesc> live = desc.liveAttributes();
        for (int i = 0; i < live.size(); i++) {
            cols.add(new org.tusk.engine.catalog.RelationColumn(live.get(i).name(), columnTypes.get(i),
                    live.get(i).typmod()));
        }
        if (t.oldTable() != null) {
            out.put(t.oldTable(), new TransitionTables.Table(cols, List.copyOf(oldTransition)));
        }
        if (t.newTable() != null) {
            out.put(t.newTable(), new TransitionTables.Table(cols, List.copyOf(newTransition)));
        }
        return out;
    }

    /** AFTER STATEMENT triggers: queued after the statement's row events. */
    public void afterStatement(int event) {
        for (TriggerDesc t : desc.triggers()) {
            if (t.matches(event, "AFTER", false) && columnsMatch(t, event)) {
                queue.add(() -> call(t, event, null, null));
            }
        }
    }

    /** AfterTriggerEndQuery: fires the queued events in order. */
    public void fireAfter() {
        if (queue.isEmpty()) {
            return;
        }
        functions.commandCounterIncrement();
        List<Runnable> events = new ArrayList<>(queue);
        queue.clear();
        for (Runnable r : events) {
            r.run();
        }
    }

    private boolean columnsMatch(TriggerDesc t, int event) {
        if (event != TriggerDesc.UPDATE || t.columns().length == 0 || updatedColumns == null) {
            return true;
        }
        List<AttributeDesc> live = desc.liveAttributes();
        for (int attnum : t.columns()) {
            for (int i = 0; i < live.size(); i++) {
                if (live.get(i).attnum() == attnum && updatedColumns.contains(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean whenHolds(TriggerDesc t, Object[] oldRow, Object[] newRow) {
        if (t.whenText() == null || whenCompiler == null) {
            return true;
        }
        Expr e = whens.computeIfAbsent(t.oid(), k -> whenCompiler.apply(t.whenText()));
        int n = columnNames.size();
        Object[] row = new Object[n * 2];
        if (oldRow != null) {
            System.arraycopy(oldRow, 0, row, 0, Math.min(n, oldRow.length));
        }
        if (newRow != null) {
            System.arraycopy(newRow, 0, row, n, Math.min(n, newRow.length));
        }
        ctx.setRow(row);
        return Boolean.TRUE.equals(e.eval(ctx));
    }

    private Object[] call(TriggerDesc t, int event, Object[] oldRow, Object[] newRow) {
        String op = switch (event) {
            case TriggerDesc.INSERT -> "INSERT";
            case TriggerDesc.UPDATE -> "UPDATE";
            case TriggerDesc.DELETE -> "DELETE";
            default -> "TRUNCATE";
        };
        boolean transition = "AFTER".equals(t.timing()) && (t.oldTable() != null || t.newTable() != null);
        if (transition) {
            TransitionTables.push(transitionTables(t));
        }
        try {
            return callFunction(t, op, oldRow, newRow);
        } finally {
            if (transition) {
                TransitionTables.pop();
            }
        }
    }

    private Object[] callFunction(TriggerDesc t, String op, Object[] oldRow, Object[] newRow) {
        int n = columnNames.size();
        TriggerData data = new TriggerData(t.name(), t.timing(), t.isRow() ? "ROW" : "STATEMENT", op, desc.oid(),
                desc.name(), desc.namespaceName(), columnNames, columnTypes,
                oldRow == null ? null : java.util.Arrays.copyOf(oldRow, n),
                newRow == null ? null : java.util.Arrays.copyOf(newRow, n), t.args());
        return functions.callTrigger(t.funcOid(), data);
    }
}
