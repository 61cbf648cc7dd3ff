package org.tusk.engine.parser;

/**
 * One token. {@code location} is the 0-based offset of its first character in
 * the query string; {@code end} the offset just past it.
 */
public record Token(TokenKind kind, String text, int location, int end, boolean quoted) {

    public boolean is(TokenKind k, String t) {
        return kind == k && text.equals(t);
    }

    /** An unquoted identifier spelled {@code word} (keywords are matched this way). */
    public boolean isWord(String word) {
        return kind == TokenKind.IDENT && !quoted && text.equals(word);
    }

    public boolean isPunct(char c) {
        return kind == TokenKind.PUNCT && text.length() == 1 && text.charAt(0) == c;
    }

    public boolean isOp(String op) {
        return kind == TokenKind.OP && text.equals(op);
    }
}
