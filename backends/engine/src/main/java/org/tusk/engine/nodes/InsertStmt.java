package org.tusk.engine.nodes;

import java.util.List;

/** InsertStmt: INSERT INTO relation [(cols)] {selectStmt | DEFAULT VALUES (selectStmt null)} [ON CONFLICT] [RETURNING]. */
public record InsertStmt(RangeVar relation, List<ResTarget> cols, SelectStmt selectStmt,
        OnConflictClause onConflictClause, List<ResTarget> returningList, WithClause withClause,
        OverridingKind override, int location) implements RawStmt {

    @Override
    public String commandName() {
        return "INSERT";
    }
}
