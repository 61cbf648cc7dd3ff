package org.tusk.engine.nodes;

/** DROP CAST [IF EXISTS] (source AS target) [CASCADE | RESTRICT] (a DropStmt of OBJECT_CAST in gram.y). */
public record DropCastStmt(TypeName sourcetype, TypeName targettype, DropBehavior behavior, boolean missingOk)
        implements RawStmt {
    @Override
    public String commandName() {
        return "DROP CAST";
    }
}
