package org.tusk.api.storage;

/** Size estimates for the planner (relpages, reltuples). */
public record RelationSize(long pages, double tuples) {
}
