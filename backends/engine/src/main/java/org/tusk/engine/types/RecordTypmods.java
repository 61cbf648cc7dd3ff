package org.tusk.engine.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * typcache's assign_record_type_typmod: an expression of type record carries
 * its row shape as a typmod that indexes this process-wide registry, so the
 * analyzer, the executor and the wire layer all see the same {@link RowType}
 * for a whole-row reference, ROW(...) or a composite-returning function.
 * Named composites are registered too (their RowType holds their OID), so an
 * expression's type is always {@code RECORD} plus a typmod, and
 * {@link #lookup} tells which composite it is. Typmod -1 means "a record of
 * unknown shape" (a function returning record without a column list).
 *
 * <p>Typmods are stable for the life of the process and never stored:
 * TupleFormat keeps a record's shape itself.
 */
public final class RecordTypmods {
    private static final Map<RowType, Integer> IDS = new ConcurrentHashMap<>();
    private static final List<RowType> TYPES = new ArrayList<>();

    private RecordTypmods() {
    }

    /** The typmod of {@code type}, registering it on first use. */
    public static int register(RowType type) {
        Integer id = IDS.get(type);
        if (id != null) {
            return id;
        }
        synchronized (TYPES) {
            return IDS.computeIfAbsent(type, t -> {
                TYPES.add(t);
                return TYPES.size() - 1;
            });
        }
    }

    /** The row type registered as {@code typmod}, or null (typmod -1 or unknown). */
    public static RowType lookup(int typmod) {
        if (typmod < 0) {
            return null;
        }
        synchronized (TYPES) {
            return typmod < TYPES.size() ? TYPES.get(typmod) : null;
        }
    }
}
