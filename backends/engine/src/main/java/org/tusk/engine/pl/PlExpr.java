package org.tusk.engine.pl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.engine.parser.Lexer;
import org.tusk.engine.parser.Token;

/**
 * SQL text embedded in a PL/pgSQL body (PLpgSQL_expr): an expression, run as
 * {@code SELECT expr}, or a whole statement. Variables are bound as
 * parameters when the statement is planned; plans are kept per parameter
 * type signature, as PL/pgSQL keeps its SPI plans for the function's life.
 */
final class PlExpr {
    /** The text as written in the body. */
    final String text;
    /** Offset of {@link #text} in the body (error positions). */
    final int offset;
    /** true: an expression evaluated as SELECT text; false: a complete SQL statement. */
    final boolean isExpression;
    private List<Token> tokens;
    final Map<String, PlSpi.Plan> plans = new HashMap<>();

    PlExpr(String text, int offset, boolean isExpression) {
        this.text = text;
        this.offset = offset;
        this.isExpression = isExpression;
    }

    /** The statement the SPI sees before variable substitution. */
    String query() {
        return isExpression ? "SELECT " + text : text;
    }

    List<Token> tokens() {
        if (tokens == null) {
            tokens = Lexer.tokenize(text);
        }
        return tokens;
    }

    @Override
    public String toString() {
        return text;
    }
}
