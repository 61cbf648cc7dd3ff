package org.tusk.engine.nodes;

import java.util.List;

/** DefineStmt: CREATE AGGREGATE / OPERATOR / TYPE (base or shell) / COLLATION ... with a definition list. {@code args} are an aggregate's argument types (null for old-style); a null element marks an ordered-set aggregate's ORDER BY (direct arguments before it).  */
public record DefineStmt(ObjectType kind, boolean oldstyle, List<String> defnames, List<FunctionParameter> args,
        List<DefElem> definition, boolean ifNotExists, boolean replace) implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE " + AlterTableStmt.objectTag(kind);
    }
}
