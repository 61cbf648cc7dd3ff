package org.tusk.engine.nodes;

import java.util.List;

/** OnConflictClause: ON CONFLICT [target] DO NOTHING | DO UPDATE SET ... [WHERE]. */
public record OnConflictClause(OnConflictAction action, InferClause infer, List<ResTarget> targetList,
        RawNode whereClause, int location) implements RawNode {}
