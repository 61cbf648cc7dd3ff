package org.tusk.engine.catalog;

import java.util.List;

import org.tusk.engine.expr.SessionServices;

/**
 * A relation whose rows are computed rather than stored (a system view such as
 * pg_stat_activity). Storage tables will plug into the same scan interface.
 */
public interface VirtualRelation {
    String name();

    List<RelationColumn> columns();

    /** The current rows, each with one value per column in the engine's Java representation. */
    List<Object[]> scan(SessionServices session);
}
