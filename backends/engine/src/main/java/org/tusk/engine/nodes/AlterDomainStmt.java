package org.tusk.engine.nodes;

import java.util.List;

/**
 * AlterDomainStmt: ALTER DOMAIN name ... with gram.y's subtype letters: 'T' SET/DROP DEFAULT
 * ({@code def} the expression, null for DROP, {@code defLocation} where it starts), 'N' DROP NOT NULL,
 * 'O' SET NOT NULL, 'C' ADD constraint ({@code def} a Constraint), 'X' DROP CONSTRAINT {@code name},
 * 'V' VALIDATE CONSTRAINT {@code name}.
 */
public record AlterDomainStmt(char subtype, List<String> typeName, String name, RawNode def, int defLocation,
        DropBehavior behavior, boolean missingOk) implements RawStmt {
    @Override
    public String commandName() {
        return "ALTER DOMAIN";
    }
}
