package org.tusk.engine.relcache;

import java.util.Map;

import org.tusk.engine.planner.ColumnStatistics;

/**
 * What ANALYZE/VACUUM left for the planner about one table: pg_class.relpages and
 * reltuples (negative when never vacuumed or analyzed) and the pg_statistic rows
 * (stainherit false) by attnum. Cached per backend next to the relation's
 * {@link RelationDesc} and dropped with it on relcache invalidation.
 */
public record RelationStatistics(long relpages, double reltuples, Map<Integer, ColumnStatistics> columns) {}
