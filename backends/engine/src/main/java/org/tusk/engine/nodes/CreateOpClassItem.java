package org.tusk.engine.nodes;

import java.util.List;

/**
 * CreateOpClassItem: one item of CREATE OPERATOR CLASS's AS list. {@code itemtype} is OPERATOR (1),
 * FUNCTION (2) or STORAGE (3); {@code name} is the operator (its args null when not given, else
 * left/right) or the function with its argument types; {@code classArgs} are FUNCTION n (lefttype[,
 * righttype]) or null; {@code storedtype} is STORAGE's type.
 */
public record CreateOpClassItem(int itemtype, ObjectWithArgs name, int number, List<TypeName> classArgs,
        TypeName storedtype, int location) implements RawNode {
    public static final int OPERATOR = 1;
    public static final int FUNCTION = 2;
    public static final int STORAGE = 3;
}
