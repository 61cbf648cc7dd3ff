package org.tusk.engine.types.geo;

/** An infinite line (LINE) as the equation Ax + By + C = 0; A and B are never both zero. */
public record Line(double a, double b, double c) {
}
