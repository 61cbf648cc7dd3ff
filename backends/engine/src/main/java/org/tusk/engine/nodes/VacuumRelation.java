package org.tusk.engine.nodes;

import java.util.List;

/** VacuumRelation: a table with optional column list in VACUUM/ANALYZE. */
public record VacuumRelation(RangeVar relation, List<String> vaCols) {}
