package org.tusk.engine.nodes;

/** DefElem: name [= arg] in option lists (WITH (...), sequence options, EXPLAIN (...), COPY options, CREATE AGGREGATE definitions...). {@code arg} is an AConst, TypeName, AnyName, NodeList, ... or null. */
public record DefElem(String defnamespace, String defname, RawNode arg, DefElemAction defaction, int location)
        implements RawNode {
    public static DefElem of(String name, RawNode arg, int location) {
        return new DefElem(null, name, arg, DefElemAction.UNSPEC, location);
    }
}
