package org.tusk.engine.nodes;

import java.util.List;

/** InferClause: the conflict target of ON CONFLICT: (index elems) [WHERE] or ON CONSTRAINT name. */
public record InferClause(List<IndexElem> indexElems, RawNode whereClause, String conname, int location)
        implements RawNode {}
