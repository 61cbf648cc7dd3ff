package org.tusk.libpq;

/**
 * libpq's reportErrorPosition: shows the line of the query holding the error
 * position ("LINE n: ...") and a caret under the offending character, cutting
 * long lines to about 60 screen columns around the position. Works on code
 * points and display widths, so wide characters keep the caret aligned.
 */
final class ErrorCursor {
    private static final int DISPLAY_SIZE = 60;
    private static final int MIN_RIGHT_CUT = 10;

    private ErrorCursor() {}

    static void append(StringBuilder msg, String query, int position) {
        int loc = position - 1;
        if (loc < 0) return;
        int[] cps = query.codePoints().toArray();
        int n = cps.length;
        int[] scr = new int[n + 1];
        int scroffset = 0;
        int locLine = 1;
        int ibeg = 0;
        int iend = -1;
        int cno;
        for (cno = 0; cno < n; cno++) {
            int ch = cps[cno];
            scr[cno] = scroffset;
            if (ch == '\t') {
                cps[cno] = ' ';
            } else if (ch == '\r' || ch == '\n') {
                if (cno < loc) {
                    if (ch == '\r' || cno == 0 || cps[cno - 1] != '\r') locLine++;
                    ibeg = cno + 1;
                } else {
                    iend = cno;
                    break;
                }
            }
            int w = TextWidth.of(cps[cno]);
            scroffset += w <= 0 ? 1 : w;
        }
        if (iend < 0) {
            iend = cno;
            scr[iend] = scroffset;
        }
        if (loc > cno) return;

        boolean begTrunc = false;
        boolean endTrunc = false;
        if (scr[iend] - scr[ibeg] > DISPLAY_SIZE) {
            if (scr[ibeg] + DISPLAY_SIZE >= scr[loc] + MIN_RIGHT_CUT) {
                while (scr[iend] - scr[ibeg] > DISPLAY_SIZE) iend--;
                endTrunc = true;
            } else {
                while (scr[loc] + MIN_RIGHT_CUT < scr[iend]) {
                    iend--;
                    endTrunc = true;
                }
                while (scr[iend] - scr[ibeg] > DISPLAY_SIZE) {
                    ibeg++;
                    begTrunc = true;
                }
            }
        }
        String prefix = "LINE " + locLine + ": " + (begTrunc ? "..." : "");
        msg.append(prefix);
        msg.append(new String(cps, ibeg, iend - ibeg));
        if (endTrunc) msg.append("...");
        msg.append('\n');
        int caret = TextWidth.of(prefix) + scr[loc] - scr[ibeg];
        msg.append(" ".repeat(caret)).append("^\n");
    }
}
