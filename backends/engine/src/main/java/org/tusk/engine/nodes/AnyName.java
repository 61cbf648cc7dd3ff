package org.tusk.engine.nodes;

import java.util.List;

/** any_name in gram.y: a possibly qualified object name (PostgreSQL uses a List of String). */
public record AnyName(List<String> names, int location) implements RawNode {
    public String lastName() {
        return names.get(names.size() - 1);
    }
}
