package org.tusk.engine.nodes;

import java.util.List;

/** CTECycleClause: CYCLE cols SET mark [TO value DEFAULT default] USING path. */
public record CTECycleClause(List<String> cycleColList, String cycleMarkColumn, RawNode cycleMarkValue,
        RawNode cycleMarkDefault, String cyclePathColumn, int location) implements RawNode {}
