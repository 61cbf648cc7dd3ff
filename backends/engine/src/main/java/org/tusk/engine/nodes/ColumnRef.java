package org.tusk.engine.nodes;

import java.util.List;

/** A possibly qualified column reference; {@code star} for "*" or "t.*". */
public record ColumnRef(List<String> fields, boolean star, int location) implements RawNode {}
