package org.tusk.engine.nodes;

/** FetchStmt: FETCH/MOVE [direction] [FROM|IN] cursor. {@code howMany} is FETCH_ALL for ALL (and for FORWARD/BACKWARD ALL); FIRST is ABSOLUTE 1, LAST is ABSOLUTE -1, PRIOR is BACKWARD 1, NEXT is FORWARD 1. */
public record FetchStmt(FetchDirection direction, long howMany, String portalname, boolean ismove) implements RawStmt {
    public static final long FETCH_ALL = Long.MAX_VALUE;

    @Override
    public String commandName() {
        return ismove ? "MOVE" : "FETCH";
    }
}
