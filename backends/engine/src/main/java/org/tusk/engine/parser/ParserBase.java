package org.tusk.engine.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.ConstKind;

/**
 * The token stream and the small nonterminals every part of the grammar uses: keyword tests,
 * ColId / ColLabel / type_function_name / NonReservedWord, qualified names, numeric constants,
 * and syntax errors reported "at or near" the offending token like bison's yyerror.
 */
abstract class ParserBase {
    final String sql;
    final List<Token> tokens;
    int p;

    ParserBase(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokenize(sql);
    }

    // ---- token access ----

    final Token peek() {
        return tokens.get(p);
    }

    final Token peek(int ahead) {
        return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    final Token advance() {
        Token t = tokens.get(p);
        if (t.kind() != TokenKind.EOF) {
            p++;
        }
        return t;
    }

    /** An unquoted word (keyword) at the current position. */
    final boolean at(String word) {
        return peek().isWord(word);
    }

    final boolean at(int ahead, String word) {
        return peek(ahead).isWord(word);
    }

    final boolean atPunct(char c) {
        return peek().isPunct(c);
    }

    final boolean atEnd() {
        return peek().kind() == TokenKind.EOF || peek().isPunct(';');
    }

    final boolean accept(String word) {
        if (at(word)) {
            p++;
            return true;
        }
        return false;
    }

    /** Accepts a sequence of words only if all of them are there. */
    final boolean accept(String w1, String w2) {
        if (at(w1) && at(1, w2)) {
            p += 2;
            return true;
        }
        return false;
    }

    final Token expect(String word) {
        if (!at(word)) {
            throw syntaxError(peek());
        }
        return advance();
    }

    final boolean acceptPunct(char c) {
        if (atPunct(c)) {
            p++;
            return true;
        }
        return false;
    }

    final Token expectPunct(char c) {
        if (!atPunct(c)) {
            throw syntaxError(peek());
        }
        return advance();
    }

    final boolean acceptOp(String op) {
        if (peek().isOp(op)) {
            p++;
            return true;
        }
        return false;
    }

    final PgException syntaxError(Token t) {
        if (t.kind() == TokenKind.EOF) {
            return Ereport.syntaxError("syntax error at end of input", sql.length());
        }
        return Ereport.syntaxError("syntax error at or near \"" + sql.substring(t.location(), t.end()) + "\"",
                t.location());
    }

    final PgException syntaxErrorHere() {
        return syntaxError(peek());
    }

    static PgException error(String sqlState, String message, int location) {
        return Ereport.error(sqlState, message, location);
    }

    static PgException errorWithHint(String sqlState, String message, String hint, int location) {
        return new PgException(Severity.ERROR, sqlState, message, null, hint, location < 0 ? 0 : location + 1, null);
    }

    static PgException featureNotSupported(String message, int location) {
        return Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, message, location);
    }

    // ---- identifiers ----

    /** An identifier token that is a keyword (unquoted). */
    static boolean isKeyword(Token t) {
        return t.kind() == TokenKind.IDENT && !t.quoted() && Keywords.isKeyword(t.text());
    }

    static boolean isColId(Token t) {
        return t.kind() == TokenKind.IDENT && (t.quoted() || Keywords.canBeColumnName(t.text()));
    }

    static boolean isTypeFunctionName(Token t) {
        return t.kind() == TokenKind.IDENT && (t.quoted() || Keywords.canBeTypeFunctionName(t.text()));
    }

    static boolean isNonReservedWord(Token t) {
        return t.kind() == TokenKind.IDENT && (t.quoted() || Keywords.isNonReserved(t.text()));
    }

    /** A plain identifier: not a keyword of any kind. */
    static boolean isPlainIdent(Token t) {
        return t.kind() == TokenKind.IDENT && (t.quoted() || !Keywords.isKeyword(t.text()));
    }

    final String colId() {
        Token t = peek();
        if (isColId(t)) {
            p++;
            return t.text();
        }
        throw syntaxError(t);
    }

    final String colLabel() {
        Token t = peek();
        if (t.kind() == TokenKind.IDENT) {
            p++;
            return t.text();
        }
        throw syntaxError(t);
    }

    final String typeFunctionName() {
        Token t = peek();
        if (isTypeFunctionName(t)) {
            p++;
            return t.text();
        }
        throw syntaxError(t);
    }

    final String nonReservedWord() {
        Token t = peek();
        if (isNonReservedWord(t)) {
            p++;
            return t.text();
        }
        throw syntaxError(t);
    }

    /** NonReservedWord_or_Sconst. */
    final String nonReservedWordOrSconst() {
        if (peek().kind() == TokenKind.SCONST) {
            return advance().text();
        }
        return nonReservedWord();
    }

    final String sconst() {
        Token t = peek();
        if (t.kind() != TokenKind.SCONST) {
            throw syntaxError(t);
        }
        p++;
        return t.text();
    }

    /** name_list: ColId [, ColId ...]. */
    final List<String> nameList() {
        List<String> out = new ArrayList<>();
        do {
            out.add(colId());
        } while (acceptPunct(','));
        return out;
    }

    /** '(' name_list ')'. */
    final List<String> parenNameList() {
        expectPunct('(');
        List<String> out = nameList();
        expectPunct(')');
        return out;
    }

    /** opt_column_list. */
    final List<String> optColumnList() {
        return atPunct('(') ? parenNameList() : List.of();
    }

    /** any_name: ColId attrs, as a list. */
    final List<String> anyName() {
        List<String> out = new ArrayList<>();
        out.add(colId());
        while (atPunct('.')) {
            advance();
            out.add(colLabel());
        }
        return out;
    }

    /** Iconst. */
    final int iconst() {
        Token t = peek();
        if (t.kind() != TokenKind.ICONST) {
            throw syntaxError(t);
        }
        p++;
        return Integer.parseInt(t.text());
    }

    /** SignedIconst. */
    final int signedIconst() {
        if (peek().isOp("-") && peek(1).kind() == TokenKind.ICONST) {
            advance();
            return -iconst();
        }
        if (peek().isOp("+") && peek(1).kind() == TokenKind.ICONST) {
            advance();
        }
        return iconst();
    }

    final boolean atSignedIconst() {
        return peek().kind() == TokenKind.ICONST
                || ((peek().isOp("-") || peek().isOp("+")) && peek(1).kind() == TokenKind.ICONST);
    }

    /** NumericOnly: [+-] FCONST | SignedIconst, as an A_Const. */
    final AConst numericOnly() {
        Token start = peek();
        boolean neg = false;
        if ((start.isOp("-") || start.isOp("+"))
                && (peek(1).kind() == TokenKind.ICONST || peek(1).kind() == TokenKind.FCONST)) {
            neg = start.isOp("-");
            advance();
        }
        Token n = peek();
        if (n.kind() == TokenKind.ICONST) {
            advance();
            return new AConst(ConstKind.INTEGER, (neg ? "-" : "") + n.text(), start.location());
        }
        if (n.kind() == TokenKind.FCONST) {
            advance();
            return new AConst(ConstKind.FLOAT, (neg ? "-" : "") + n.text(), start.location());
        }
        throw syntaxError(n);
    }

    final boolean atNumericOnly() {
        Token t = peek();
        if (t.kind() == TokenKind.ICONST || t.kind() == TokenKind.FCONST) {
            return true;
        }
        return (t.isOp("-") || t.isOp("+"))
                && (peek(1).kind() == TokenKind.ICONST || peek(1).kind() == TokenKind.FCONST);
    }

    /** Skips to the end of the statement (balanced parentheses), for statements parsed only by their tag. */
    final void skipStatement() {
        int depth = 0;
        while (peek().kind() != TokenKind.EOF && !(depth == 0 && atPunct(';'))) {
            Token x = advance();
            if (x.isPunct('(')) {
                depth++;
            } else if (x.isPunct(')')) {
                depth--;
            }
        }
    }

    /** The later of two errors: after backtracking, report the one that got further (as an LR parser would). */
    static PgException further(PgException a, PgException b) {
        return b.position() > a.position() ? b : a;
    }
}
