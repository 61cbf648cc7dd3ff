package org.tusk.engine.nodes;

import java.util.List;

/**
 * CreateTrigStmt: CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name {BEFORE|AFTER|INSTEAD OF} events ON table
 * [REFERENCING {OLD|NEW} TABLE AS n ...] [FOR [EACH] {ROW|STATEMENT}] [WHEN (cond)]
 * EXECUTE {FUNCTION|PROCEDURE} f(args).
 *
 * @param timing   tgtype's timing bits: 2 BEFORE, 0 AFTER, 64 INSTEAD OF
 * @param events   tgtype's event bits: 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE
 * @param columns  UPDATE OF's columns (empty when none)
 * @param whenText the WHEN condition's source text (inside its parentheses), or null
 * @param args     the function's arguments as strings (tgargs)
 */
public record CreateTrigStmt(boolean replace, boolean isConstraint, String name, RangeVar relation, int timing,
        int events, List<String> columns, boolean row, RawNode whenClause, String whenText, List<String> funcname,
        List<String> args, String oldTable, String newTable, boolean deferrable, boolean initDeferred)
        implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE TRIGGER";
    }
}
