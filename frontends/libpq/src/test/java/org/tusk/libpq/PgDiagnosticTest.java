package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The LINE/caret display, checked against what libpq 15 prints for the same fields. */
class PgDiagnosticTest {

    private static PgDiagnostic error(String message, int position, String query) {
        Map<Character, String> f = new LinkedHashMap<>();
        f.put('S', "ERROR");
        f.put('C', "42601");
        f.put('M', message);
        if (position > 0) f.put('P', Integer.toString(position));
        return new PgDiagnostic(f, query);
    }

    @Test
    void caretUnderPositionOnFirstLine() {
        assertEquals("ERROR:  syntax error at or near \"selec\"\nLINE 1: selec 1;\n        ^\n",
                error("syntax error at or near \"selec\"", 1, "selec 1;").format(true));
    }

    @Test
    void caretOnLaterLineOfMultiLineQuery() {
        assertEquals("ERROR:  relation \"nosuch\" does not exist\nLINE 2:   2 from nosuch;\n                 ^\n",
                error("relation \"nosuch\" does not exist", 20, "select 1,\n  2 from nosuch;").format(true));
    }

    @Test
    void wideCharactersMoveTheCaretByTheirDisplayWidth() {
        // "select '日本' x" -- the x is at character 13, after two double-width characters
        String q = "select '日本' x y";
        assertEquals("ERROR:  e\nLINE 1: select '日本' x y\n" + " ".repeat(8 + 8 + 4 + 2) + "^\n", error("e", 13, q).format(true));
    }

    @Test
    void longLinesAreCutAroundThePosition() {
        String q = "select " + "a, ".repeat(40) + "bad syntax here, " + "b, ".repeat(30) + "c";
        int pos = q.indexOf("bad") + 1;
        String out = error("e", pos, q).format(true);
        String[] lines = out.split("\n");
        assertEquals(3, lines.length, out);
        String line = lines[1];
        assertEquals(true, line.startsWith("LINE 1: ...") && line.endsWith("..."), line);
        int caret = lines[2].indexOf('^');
        assertEquals("bad", line.substring(caret, caret + 3));
    }

    @Test
    void noQueryMeansAtCharacterSuffixAndDetailHintFollow() {
        Map<Character, String> f = new LinkedHashMap<>();
        f.put('S', "ERROR");
        f.put('M', "m");
        f.put('P', "5");
        f.put('D', "d");
        f.put('H', "h");
        f.put('W', "w");
        assertEquals("ERROR:  m at character 5\nDETAIL:  d\nHINT:  h\nCONTEXT:  w\n", new PgDiagnostic(f, null).format(true));
        assertEquals("ERROR:  m at character 5\nDETAIL:  d\nHINT:  h\n", new PgDiagnostic(f, null).format(false));
    }
}
