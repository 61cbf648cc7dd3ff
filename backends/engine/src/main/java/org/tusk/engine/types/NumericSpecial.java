package org.tusk.engine.types;

/**
 * numeric's special values, which {@link java.math.BigDecimal} cannot hold.
 * A numeric value is either a BigDecimal or one of these constants.
 */
public enum NumericSpecial {
    NAN("NaN"), POSITIVE_INFINITY("Infinity"), NEGATIVE_INFINITY("-Infinity");

    private final String text;

    NumericSpecial(String text) {
        this.text = text;
    }

    /** numeric_out's spelling. */
    @Override
    public String toString() {
        return text;
    }
}
