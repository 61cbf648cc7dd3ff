package org.tusk.monitor.internal;

import java.util.ArrayList;
import java.util.List;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Splits the line for JLine's completion only: the word at the cursor runs back to the
 * last whitespace or SQL punctuation, so "t.col", "schema.", "\copy" and "/tmp/x.csv" are
 * words while "(", "," and "=" end them. Accepting a line never fails (statements span lines
 * through the monitor's own QueryScanner, not through JLine), and there are no escapes:
 * a backslash starts a meta-command.
 */
final class SqlLineParser implements Parser {
    private static final String BREAKS = "(),;=<>+*|'";

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        int start = cursor;
        while (start > 0) {
            char c = line.charAt(start - 1);
            if (Character.isWhitespace(c) || BREAKS.indexOf(c) >= 0) break;
            start--;
        }
        List<String> words = new ArrayList<>(SqlTokens.words(line.substring(0, start)));
        String word = line.substring(start, cursor);
        words.add(word);
        return new Line(line, cursor, words, word);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    private record Line(String line, int cursor, List<String> words, String word) implements CompletingParsedLine {
        @Override public int wordCursor() { return word.length(); }
        @Override public int wordIndex() { return words.size() - 1; }
        @Override public CharSequence escape(CharSequence candidate, boolean complete) { return candidate; }
        @Override public int rawWordCursor() { return word.length(); }
        @Override public int rawWordLength() { return word.length(); }
    }
}
