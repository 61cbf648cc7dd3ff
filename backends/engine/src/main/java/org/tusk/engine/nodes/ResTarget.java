package org.tusk.engine.nodes;

import java.util.List;

/** ResTarget: a SELECT list item (name = AS label), an INSERT column or an UPDATE SET target (name plus subscripts/fields in {@code indirection}). */
public record ResTarget(String name, List<RawNode> indirection, RawNode val, int location) implements RawNode {}
