package org.tusk.engine.nodes;

import java.util.List;

/** ObjectWithArgs: a function/operator/aggregate name with argument types; {@code argsUnspecified} when no parenthesized list was given. For operators a null arg stands for NONE. */
public record ObjectWithArgs(List<String> objname, List<TypeName> objargs, boolean argsUnspecified, int location)
        implements RawNode {}
