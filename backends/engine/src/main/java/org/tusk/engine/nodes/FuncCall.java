package org.tusk.engine.nodes;

import java.util.List;

/** FuncCall: f(args) with aggregate/window decorations: DISTINCT, ORDER BY inside, FILTER, WITHIN GROUP, OVER, VARIADIC, f(*). */
public record FuncCall(List<String> funcname, List<RawNode> args, List<SortBy> aggOrder, RawNode aggFilter,
        WindowDef over, boolean aggWithinGroup, boolean aggStar, boolean aggDistinct, boolean funcVariadic,
        CoercionForm funcformat, int location) implements RawNode {
    public String lastName() {
        return funcname.get(funcname.size() - 1);
    }

    /** A plain call f(args) as the grammar builds for special syntax (EXTRACT, POSITION, ...). */
    public static FuncCall of(List<String> name, List<RawNode> args, CoercionForm form, int location) {
        return new FuncCall(name, args, List.of(), null, null, false, false, false, false, form, location);
    }
}
