package org.tusk.engine.nodes;

import java.util.List;

/** AlterFunctionStmt: ALTER FUNCTION/PROCEDURE/ROUTINE f(args) actions. */
public record AlterFunctionStmt(ObjectType objtype, ObjectWithArgs func, List<DefElem> actions) implements RawStmt {

    @Override
    public String commandName() {
        return "ALTER " + AlterTableStmt.objectTag(objtype);
    }
}
