package org.tusk.engine.nodes;

import java.util.List;

/**
 * A type as written: {@code names} (possibly schema-qualified, built-in SQL
 * spellings already mapped to pg_catalog names like "int4"), modifiers, and
 * whether it is an array.
 */
public record TypeNameNode(List<String> names, List<Integer> typmods, boolean array, int location) implements RawNode {
    public String lastName() {
        return names.get(names.size() - 1);
    }
}
