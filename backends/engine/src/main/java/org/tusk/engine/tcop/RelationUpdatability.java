package org.tusk.engine.tcop;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;

import org.tusk.api.error.PgException;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.relcache.TriggerDesc;
import org.tusk.engine.rewrite.UpdatableView;
import org.tusk.lmgr.LockMode;

/**
 * pg_relation_is_updatable(regclass, bool) and pg_column_is_updatable(regclass, int2, bool)
 * (rewriteHandler.c's relation_is_updatable): the events (1 &lt;&lt; CmdType: UPDATE 4, INSERT 8,
 * DELETE 16) a relation supports. Tables and partitioned tables support all three; a view
 * supports those its INSTEAD OF row triggers handle (when triggers are included) and, when it
 * is automatically updatable ({@link UpdatableView}), DELETE and, for its updatable columns,
 * INSERT and UPDATE, as far as its base relation supports them. A relation that does not exist
 * supports none. Not yet: INSTEAD rules, foreign tables' FDW answers (0).
 */
public final class RelationUpdatability {
    static final int UPDATE = 1 << 2;
    static final int INSERT = 1 << 3;
    static final int DELETE = 1 << 4;
    static final int ALL = UPDATE | INSERT | DELETE;

    private RelationUpdatability() {
    }

    /** Binds both functions by prosrc through {@code byProsrc} (FunctionRegistry's bind). */
    public static void register(BiConsumer<String, FunctionBody> byProsrc) {
        byProsrc.accept("pg_relation_is_updatable",
                (a, c) -> events(c, (int) (long) (Long) a[0], Boolean.TRUE.equals(a[1]), null, 0));
        byProsrc.accept("pg_column_is_updatable",
                (a, c) -> (events(c, (int) (long) (Long) a[0], Boolean.TRUE.equals(a[2]), Set.of(((Number) a[1]).intValue()), 0)
                        & (UPDATE | DELETE)) == (UPDATE | DELETE));   // REQ_EVENTS
    }

    /** The events relation {@code oid} supports, for INSERT/UPDATE of some of {@code columns} (null: any column). */
    static int events(EvalContext c, int oid, boolean includeTriggers, Set<Integer> columns, int depth) {
        if (!(c.session() instanceof TuskSession s) || s.storage() == null || depth > 32) {
            return 0;
        }
        RelationDesc rel;
        try {
            rel = s.relcache().open(oid, LockMode.ACCESS_SHARE);
        } catch (PgException e) {
            return 0;
        }
        switch (rel.kind()) {
            case 'r', 'p':
                return ALL;
            case 'v':
                break;
            default:
                return 0;
        }
        int events = 0;
        if (includeTriggers) {
            for (int event : new int[] {TriggerDesc.INSERT, TriggerDesc.UPDATE, TriggerDesc.DELETE}) {
                if (rel.triggers().stream().anyMatch(t -> t.matches(event, "INSTEAD OF", true))) {
                    events |= event == TriggerDesc.INSERT ? INSERT : event == TriggerDesc.UPDATE ? UPDATE : DELETE;
                }
            }
            if (events == ALL) {
                return events;
            }
        }
        UpdatableView view;
        try {
            view = UpdatableView.of(rel, s.relations(), s.typeContext(), s.relcache().catalogAccess(),
                    rv -> columnsOf(s, rv), rv -> open(s, rv).kind());
        } catch (PgException e) {
            return events;
        }
        if (view.notUpdatableDetail != null) {
            return events;
        }
        // the view's updatable columns (view_cols_are_auto_updatable), within those asked about
        Set<Integer> updatable = new HashSet<>();
        Set<String> baseColumns = new HashSet<>();
        for (AttributeDesc a : rel.liveAttributes()) {
            UpdatableView.ViewColumn vc = view.columns.get(a.name());
            if (vc != null && vc.updatable() && (columns == null || columns.contains(a.attnum()))) {
                updatable.add(a.attnum());
                baseColumns.add(vc.baseColumn());
            }
        }
        int auto = updatable.isEmpty() ? DELETE : ALL;
        RelationDesc base;
        try {
            base = open(s, view.base);
        } catch (PgException e) {
            return events;
        }
        if (base.kind() != 'r' && base.kind() != 'p') {
            // the base must support them too, for the base columns this view's updatable columns are
            Set<Integer> baseAttnums = new HashSet<>();
            for (AttributeDesc b : base.liveAttributes()) {
                if (baseColumns.contains(b.name())) {
                    baseAttnums.add(b.attnum());
                }
            }
            auto &= events(c, base.oid(), includeTriggers, baseAttnums, depth + 1);
        }
        return events | auto;
    }

    private static RelationDesc open(TuskSession s, RangeVar rv) {
        return s.relcache().open(rv.schemaname(), rv.relname(), s.searchPath(), LockMode.ACCESS_SHARE, rv.location() + 1);
    }

    private static Set<String> columnsOf(TuskSession s, RangeVar rv) {
        Set<String> out = new HashSet<>();
        try {
            for (AttributeDesc a : open(s, rv).liveAttributes()) {
                out.add(a.name());
            }
        } catch (RuntimeException e) {
            // an unknown relation: the view's analysis reports it
        }
        return out;
    }
}
