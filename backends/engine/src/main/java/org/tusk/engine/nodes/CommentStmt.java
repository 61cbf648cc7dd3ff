package org.tusk.engine.nodes;

/** CommentStmt: COMMENT ON kind object IS 'text' | NULL. */
public record CommentStmt(ObjectType objtype, RawNode object, String comment) implements RawStmt {

    @Override
    public String commandName() {
        return "COMMENT";
    }
}
