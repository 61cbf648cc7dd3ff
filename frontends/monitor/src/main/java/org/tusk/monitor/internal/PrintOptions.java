package org.tusk.monitor.internal;

/** psql's \pset output settings (print.h's printTableOpt). */
final class PrintOptions {
    enum Expanded { OFF, ON, AUTO }

    enum Format {
        ALIGNED, UNALIGNED, CSV, HTML, WRAPPED;

        String psqlName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    Expanded expanded = Expanded.OFF;
    Format format = Format.ALIGNED;
    int border = 1;
    boolean tuplesOnly;
    boolean footer = true;
    String fieldSeparator = "|";
    boolean fieldSeparatorZero;
    String recordSeparator = "\n";
    boolean recordSeparatorZero;
    String csvFieldSeparator = ",";
    String nullDisplay = "";
    String title;
    /** 0 off, 1 on, 2 always. */
    int pager = 1;
    int pagerMinLines;
    int columns;
    /** Terminal width for \x auto; 0 when not on a terminal (auto then means off, like psql). */
    int terminalColumns;
    LineStyle.Kind lineStyle = LineStyle.Kind.ASCII;
    LineStyle.Unicode unicodeBorder = LineStyle.Unicode.SINGLE;
    LineStyle.Unicode unicodeColumn = LineStyle.Unicode.SINGLE;
    LineStyle.Unicode unicodeHeader = LineStyle.Unicode.SINGLE;

    /** The characters tables are drawn with now. */
    LineStyle style() {
        return switch (lineStyle) {
            case ASCII -> LineStyle.ASCII;
            case OLD_ASCII -> LineStyle.OLD_ASCII;
            case UNICODE -> LineStyle.unicode(unicodeBorder, unicodeColumn, unicodeHeader);
        };
    }

    PrintOptions copy() {
        PrintOptions o = new PrintOptions();
        o.expanded = expanded;
        o.format = format;
        o.border = border;
        o.tuplesOnly = tuplesOnly;
        o.footer = footer;
        o.fieldSeparator = fieldSeparator;
        o.fieldSeparatorZero = fieldSeparatorZero;
        o.recordSeparator = recordSeparator;
        o.recordSeparatorZero = recordSeparatorZero;
        o.csvFieldSeparator = csvFieldSeparator;
        o.nullDisplay = nullDisplay;
        o.title = title;
        o.pager = pager;
        o.pagerMinLines = pagerMinLines;
        o.columns = columns;
        o.terminalColumns = terminalColumns;
        o.lineStyle = lineStyle;
        o.unicodeBorder = unicodeBorder;
        o.unicodeColumn = unicodeColumn;
        o.unicodeHeader = unicodeHeader;
        return o;
    }

    boolean unaligned() { return format == Format.UNALIGNED; }

    String fieldSep() { return fieldSeparatorZero ? "\0" : fieldSeparator; }

    String recordSep() { return recordSeparatorZero ? "\0" : recordSeparator; }
}
