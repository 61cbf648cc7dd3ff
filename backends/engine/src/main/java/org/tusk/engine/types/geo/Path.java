package org.tusk.engine.types.geo;

import java.util.List;

/** A path (PATH): open ([...]) or closed ((...)), at least one point. */
public record Path(boolean closed, List<Point> points) {
    public Path {
        points = List.copyOf(points);
    }
}
