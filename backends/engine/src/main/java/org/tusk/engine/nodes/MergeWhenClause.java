package org.tusk.engine.nodes;

import java.util.List;

/**
 * MergeWhenClause: WHEN [NOT] MATCHED [AND condition] THEN UPDATE SET targetList | DELETE | DO NOTHING |
 * INSERT [(targetList)] [OVERRIDING ...] VALUES (values) | INSERT DEFAULT VALUES (values null).
 */
public record MergeWhenClause(boolean matched, Command command, RawNode condition, List<ResTarget> targetList,
        List<RawNode> values, OverridingKind override, int location) implements RawNode {

    /** The action a WHEN clause takes (CMD_UPDATE, CMD_DELETE, CMD_INSERT, CMD_NOTHING). */
    public enum Command {
        UPDATE, DELETE, INSERT, NOTHING
    }
}
