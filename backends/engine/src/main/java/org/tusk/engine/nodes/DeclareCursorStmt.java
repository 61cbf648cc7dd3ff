package org.tusk.engine.nodes;

/** DeclareCursorStmt: DECLARE name [BINARY] [ASENSITIVE|INSENSITIVE] [[NO] SCROLL] CURSOR [WITH|WITHOUT HOLD] FOR query; {@code options} are CURSOR_OPT_ bits. */
public record DeclareCursorStmt(String portalname, int options, RawStmt query) implements RawStmt {
    public static final int CURSOR_OPT_BINARY = 0x0001;
    public static final int CURSOR_OPT_SCROLL = 0x0002;
    public static final int CURSOR_OPT_NO_SCROLL = 0x0004;
    public static final int CURSOR_OPT_INSENSITIVE = 0x0008;
    public static final int CURSOR_OPT_ASENSITIVE = 0x0010;
    public static final int CURSOR_OPT_HOLD = 0x0020;

    @Override
    public String commandName() {
        return "DECLARE CURSOR";
    }
}
