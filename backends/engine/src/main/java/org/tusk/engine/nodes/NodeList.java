package org.tusk.engine.nodes;

import java.util.List;

/** A list of expressions where gram.y puts a bare List: the right side of IN (...), the bounds of BETWEEN, a VALUES row, DefElem list arguments. */
public record NodeList(List<RawNode> items, int location) implements RawNode {}
