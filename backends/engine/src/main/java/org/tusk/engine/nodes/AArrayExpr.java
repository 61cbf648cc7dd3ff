package org.tusk.engine.nodes;

import java.util.List;

/** A_ArrayExpr: ARRAY[elements] (elements may themselves be A_ArrayExpr for [[...]]). */
public record AArrayExpr(List<RawNode> elements, int location) implements RawNode {}
