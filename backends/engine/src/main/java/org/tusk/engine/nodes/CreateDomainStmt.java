package org.tusk.engine.nodes;

import java.util.List;

/** CreateDomainStmt: CREATE DOMAIN name [AS] type [COLLATE] [DEFAULT/CHECK/NOT NULL constraints]. */
public record CreateDomainStmt(List<String> domainname, TypeName typeName, CollateClause collClause,
        List<Constraint> constraints) implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE DOMAIN";
    }
}
