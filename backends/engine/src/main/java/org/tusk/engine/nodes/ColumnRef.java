package org.tusk.engine.nodes;

import java.util.List;

/** ColumnRef: a possibly qualified column name; {@code star} when the last field is "*" (t.* or bare *). */
public record ColumnRef(List<String> fields, boolean star, int location) implements RawNode {}
