package org.tusk.engine.nodes;

import java.util.List;

/** f(args), f(*), f(DISTINCT args). */
public record FuncCallNode(List<String> name, List<RawNode> args, boolean star, boolean distinct, int location)
        implements RawNode {
    public String lastName() {
        return name.get(name.size() - 1);
    }
}
