package org.tusk.engine.parser;

/** Lexical token classes, after scan.l. */
public enum TokenKind {
    /** Identifier or keyword; text is down-cased unless quoted. */
    IDENT,
    /** String constant, with quotes and escapes processed. */
    SCONST,
    /** Bit string constant B'...' (text "b0101") or X'...' (text "x1F"). */
    BCONST,
    /** Integer constant that fits in int4. */
    ICONST,
    /** Other numeric constant (decimal point, exponent, or too big for int4). */
    FCONST,
    /** Positional parameter $n. */
    PARAM,
    /** Operator (+, -, <=, ||, ...). */
    OP,
    /** Single-character punctuation: ( ) , ; . [ ] : */
    PUNCT,
    /** :: */
    TYPECAST,
    EOF
}
