package org.tusk.engine.planner;

import org.tusk.engine.executor.PlanState;

/** A planned and started query level: the executing node tree and its EXPLAIN description. */
public record Planned(PlanState state, ExplainNode explain) {}
