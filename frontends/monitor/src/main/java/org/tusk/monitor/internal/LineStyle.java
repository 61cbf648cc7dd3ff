package org.tusk.monitor.internal;

/**
 * psql's printTextFormat: the characters an aligned table is drawn with
 * ({@code \pset linestyle ascii|old-ascii|unicode}). A table has four kinds of
 * rule (top, the one under the header, bottom, and the vertical bars of a data
 * line); newlines and wrapped values are marked left and right of a value, and
 * old-ascii marks them on the column separator instead.
 */
final class LineStyle {
    /** One kind of horizontal rule: its dash, and the junctions at the left edge, between columns, at the right edge. */
    record Rule(String hrule, String left, String mid, String right) {}

    enum Kind { ASCII, OLD_ASCII, UNICODE }

    /** Unicode line styles of \pset unicode_border_linestyle, unicode_column_linestyle, unicode_header_linestyle. */
    enum Unicode { SINGLE, DOUBLE }

    final Kind kind;
    final Rule top;
    final Rule middle;
    final Rule bottom;
    final Rule data;
    final String midvruleNewline;
    final String midvruleWrap;
    final String midvruleBlank;
    final String headerNewlineLeft;
    final String headerNewlineRight;
    final String newlineLeft;
    final String newlineRight;
    final String wrapLeft;
    final String wrapRight;
    /** Whether border 0 still keeps a position right of the last column for the marks. */
    final boolean wrapRightBorder;

    private LineStyle(Kind kind, Rule top, Rule middle, Rule bottom, Rule data, String midvruleNewline,
            String midvruleWrap, String midvruleBlank, String headerNewlineLeft, String headerNewlineRight,
            String newlineLeft, String newlineRight, String wrapLeft, String wrapRight, boolean wrapRightBorder) {
        this.kind = kind;
        this.top = top;
        this.middle = middle;
        this.bottom = bottom;
        this.data = data;
        this.midvruleNewline = midvruleNewline;
        this.midvruleWrap = midvruleWrap;
        this.midvruleBlank = midvruleBlank;
        this.headerNewlineLeft = headerNewlineLeft;
        this.headerNewlineRight = headerNewlineRight;
        this.newlineLeft = newlineLeft;
        this.newlineRight = newlineRight;
        this.wrapLeft = wrapLeft;
        this.wrapRight = wrapRight;
        this.wrapRightBorder = wrapRightBorder;
    }

    private static final Rule ASCII_RULE = new Rule("-", "+", "+", "+");
    private static final Rule ASCII_DATA = new Rule("", "|", "|", "|");

    static final LineStyle ASCII = new LineStyle(Kind.ASCII, ASCII_RULE, ASCII_RULE, ASCII_RULE, ASCII_DATA,
            "|", "|", "|", " ", "+", " ", "+", ".", ".", true);

    /** PostgreSQL 8.4's style: newlines and wraps shown on the column separators (":" and ";"). */
    static final LineStyle OLD_ASCII = new LineStyle(Kind.OLD_ASCII, ASCII_RULE, ASCII_RULE, ASCII_RULE, ASCII_DATA,
            ":", ";", " ", "+", " ", " ", " ", " ", " ", false);

    /** Box-drawing characters; each of the three parts may use single or double lines. */
    static LineStyle unicode(Unicode border, Unicode column, Unicode header) {
        int b = border.ordinal();
        int c = column.ordinal();
        int h = header.ordinal();
        // border parts, [single, double]
        String[] horizontal = {"\u2500", "\u2550"};
        String[] vertical = {"\u2502", "\u2551"};
        String[] upAndRight = {"\u2514", "\u255A"};
        String[] downAndRight = {"\u250C", "\u2554"};
        String[] downAndLeft = {"\u2510", "\u2557"};
        String[] upAndLeft = {"\u2518", "\u255D"};
        // header rule: [header style][border style]
        String[][] headerVerticalAndRight = {{"\u251C", "\u255F"}, {"\u255E", "\u2560"}};
        String[][] headerVerticalAndLeft = {{"\u2524", "\u2562"}, {"\u2561", "\u2563"}};
        // column separators: [column style][border or header style]
        String[][] columnCross = {{"\u253C", "\u256A"}, {"\u256B", "\u256C"}};
        String[][] columnUp = {{"\u2534", "\u2567"}, {"\u2568", "\u2569"}};
        String[][] columnDown = {{"\u252C", "\u2564"}, {"\u2565", "\u2566"}};

        Rule top = new Rule(horizontal[b], downAndRight[b], columnDown[c][b], downAndLeft[b]);
        Rule middle = new Rule(horizontal[h], headerVerticalAndRight[h][b], columnCross[c][h], headerVerticalAndLeft[h][b]);
        Rule bottom = new Rule(horizontal[b], upAndRight[b], columnUp[c][b], upAndLeft[b]);
        Rule data = new Rule("", vertical[b], vertical[c], vertical[b]);
        String newline = "\u21B5";
        String ellipsis = "\u2026";
        return new LineStyle(Kind.UNICODE, top, middle, bottom, data, vertical[c], vertical[c], vertical[c], " ", newline,
                " ", newline, ellipsis, ellipsis, true);
    }
}
