package org.tusk.engine.nodes;

import java.util.List;

/**
 * AlterEnumStmt: ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'new' [BEFORE | AFTER 'neighbor'], or
 * RENAME VALUE 'old' TO 'new' ({@code oldVal} set).
 */
public record AlterEnumStmt(List<String> typeName, String oldVal, String newVal, String newValNeighbor,
        boolean newValIsAfter, boolean skipIfNewValExists) implements RawStmt {
    @Override
    public String commandName() {
        return "ALTER TYPE";
    }
}
