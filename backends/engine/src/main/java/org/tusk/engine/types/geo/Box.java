package org.tusk.engine.types.geo;

/**
 * A box (BOX): its upper-right and lower-left corners. Input reorders the
 * corners so that high.x &gt;= low.x and high.y &gt;= low.y, as box_in does.
 */
public record Box(Point high, Point low) {
}
