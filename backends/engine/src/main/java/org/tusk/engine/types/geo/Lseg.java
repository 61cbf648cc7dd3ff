package org.tusk.engine.types.geo;

/** A line segment (LSEG): its two end points, in input order. */
public record Lseg(Point p1, Point p2) {
}
