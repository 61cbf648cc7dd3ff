package org.tusk.engine.nodes;

import java.util.List;

/** VacuumStmt: VACUUM or ANALYZE with options (old keywords FULL/FREEZE/VERBOSE/ANALYZE become DefElems) and relations. */
public record VacuumStmt(List<DefElem> options, List<VacuumRelation> rels, boolean isVacuumcmd) implements RawStmt {

    @Override
    public String commandName() {
        return isVacuumcmd ? "VACUUM" : "ANALYZE";
    }
}
