package org.tusk.engine.executor.modify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.planner.BaseRelation;
import org.tusk.engine.planner.VirtualBaseRelation;

/**
 * Transition tables of AFTER triggers ({@code REFERENCING OLD TABLE AS o NEW TABLE AS n}):
 * PostgreSQL's ephemeral named relations (queryenvironment.c). While a trigger function runs,
 * the names it was given resolve, in queries without a schema, to the rows the statement
 * changed (in the trigger's table's column order). The registry is per thread, a stack so a
 * trigger fired from inside another trigger's query sees only its own tables.
 *
 * <p>A relation handed to the analyzer reads its rows when its scan starts, by name, from the
 * innermost registration: a plan cached by a PL/pgSQL function sees the current call's rows.
 */
public final class TransitionTables {

    /** One transition table: its columns and rows. */
    public record Table(List<RelationColumn> columns, List<Object[]> rows) {
    }

    private static final ThreadLocal<Deque<Map<String, Table>>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);

    private TransitionTables() {
    }

    /** Makes {@code tables} visible by name until the matching {@link #pop()}. */
    public static void push(Map<String, Table> tables) {
        ACTIVE.get().push(new HashMap<>(tables));
    }

    public static void pop() {
        ACTIVE.get().pop();
    }

    /** The transition table of this name visible now, as a FROM item; null when there is none. */
    public static BaseRelation lookup(String name) {
        Deque<Map<String, Table>> stack = ACTIVE.get();
        if (stack.isEmpty()) {
            return null;
        }
        Table t = stack.peek().get(name);
        if (t == null) {
            return null;
        }
        return new VirtualBaseRelation(new Ephemeral(name, t.columns()), 0);
    }

    /** The rows of the innermost registration of {@code name} (empty when it is gone). */
    private static List<Object[]> rows(String name) {
        Deque<Map<String, Table>> stack = ACTIVE.get();
        Table t = stack.isEmpty() ? null : stack.peek().get(name);
        return t == null ? List.of() : t.rows();
    }

    private record Ephemeral(String name, List<RelationColumn> columns) implements VirtualRelation {
        @Override
        public List<Object[]> scan(SessionServices session) {
            return rows(name);
        }
    }
}
