package org.tusk.engine.nodes;

import java.util.List;

/** LockingClause: FOR UPDATE/SHARE [OF rels] [NOWAIT|SKIP LOCKED]. */
public record LockingClause(List<RangeVar> lockedRels, LockClauseStrength strength, LockWaitPolicy waitPolicy) {}
