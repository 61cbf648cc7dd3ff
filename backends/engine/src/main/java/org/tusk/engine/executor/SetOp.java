package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HashSetOp for INTERSECT [ALL] and EXCEPT [ALL]: counts each distinct row
 * (NULLs equal) in the left and right inputs, then emits per SQL's rules:
 * INTERSECT one copy when both counts are positive, INTERSECT ALL min(l, r)
 * copies, EXCEPT one copy when r = 0 < l, EXCEPT ALL max(l - r, 0) copies.
 * Rows come out in the order of their first appearance on the left.
 */
public final class SetOp implements PlanState {
    public enum Command { INTERSECT, INTERSECT_ALL, EXCEPT, EXCEPT_ALL }

    private final Command command;
    private final PlanState left;
    private final PlanState right;
    private final EState estate;
    private Iterator<Entry> entries;
    private Entry current;
    private long toEmit;

    public SetOp(Command command, PlanState left, PlanState right, EState estate) {
        this.command = command;
        this.left = left;
        this.right = right;
        this.estate = estate;
    }

    private static final class Entry {
        final Object[] row;
        long left;
        long right;

        Entry(Object[] row) {
            this.row = row;
        }
    }

    private void build() {
        Map<RowKey, Entry> table = new LinkedHashMap<>();
        Object[] row;
        while ((row = left.next()) != null) {
            estate.ctx().checkForInterrupts();
            RowKey k = new RowKey(row);
            Entry e = table.get(k);
            if (e == null) {
                e = new Entry(row);
                table.put(k, e);
            }
            e.left++;
        }
        while ((row = right.next()) != null) {
            estate.ctx().checkForInterrupts();
            Entry e = table.get(new RowKey(row));
            if (e != null) {
                e.right++;
            }
        }
        entries = new ArrayList<>(table.values()).iterator();
    }

    @Override
    public Object[] next() {
        if (entries == null) {
            build();
        }
        while (toEmit == 0) {
            if (!entries.hasNext()) {
                return null;
            }
            current = entries.next();
            long l = current.left;
            long r = current.right;
            switch (command) {
                case INTERSECT: toEmit = l > 0 && r > 0 ? 1 : 0; break;
                case INTERSECT_ALL: toEmit = Math.min(l, r); break;
                case EXCEPT: toEmit = l > 0 && r == 0 ? 1 : 0; break;
                default: toEmit = Math.max(l - r, 0); break;
            }
        }
        toEmit--;
        return current.row;
    }

    @Override
    public void rescan() {
        entries = null;
        toEmit = 0;
        left.rescan();
        right.rescan();
    }

    @Override
    public void close() {
        left.close();
        right.close();
    }
}
