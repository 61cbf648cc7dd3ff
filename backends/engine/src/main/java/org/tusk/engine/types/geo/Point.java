package org.tusk.engine.types.geo;

/** A point value (PostgreSQL's Point): x and y as float8. */
public record Point(double x, double y) {
}
