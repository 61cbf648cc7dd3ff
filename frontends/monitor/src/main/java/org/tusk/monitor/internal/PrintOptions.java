package org.tusk.monitor.internal;

/** psql's \pset-style output settings that this monitor supports (border 1, ascii line style). */
final class PrintOptions {
    enum Expanded { OFF, ON, AUTO }

    Expanded expanded = Expanded.OFF;
    boolean unaligned;
    boolean tuplesOnly;
    String fieldSeparator = "|";
    String recordSeparator = "\n";
    String nullDisplay = "";
    /** Terminal width for \x auto; 0 when not on a terminal (auto then means off, like psql). */
    int terminalColumns;
}
