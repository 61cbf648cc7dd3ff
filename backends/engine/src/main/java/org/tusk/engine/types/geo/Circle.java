package org.tusk.engine.types.geo;

/** A circle (CIRCLE): center and radius (never negative; NaN is accepted). */
public record Circle(Point center, double radius) {
}
