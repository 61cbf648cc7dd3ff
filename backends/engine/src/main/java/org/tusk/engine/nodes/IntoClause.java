package org.tusk.engine.nodes;

import java.util.List;

/** IntoClause: the target of SELECT INTO and CREATE TABLE AS. */
public record IntoClause(RangeVar rel, List<String> colNames, String accessMethod, List<DefElem> options,
        OnCommitAction onCommit, String tableSpaceName, boolean skipData) {}
