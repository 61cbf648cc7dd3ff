package org.tusk.engine.nodes;

import java.util.List;

/**
 * CreateOpClassStmt: CREATE OPERATOR CLASS name [DEFAULT] FOR TYPE t USING am [FAMILY f] AS item [, ...].
 * {@code family} is null when the class gets an implicit family of its own name.
 */
public record CreateOpClassStmt(List<String> opclassname, List<String> opfamilyname, String amname,
        TypeName datatype, List<CreateOpClassItem> items, boolean isDefault, int location) implements RawStmt {
    @Override
    public String commandName() {
        return "CREATE OPERATOR CLASS";
    }
}
