package org.tusk.engine.planner;

import java.util.List;

/**
 * One column's pg_statistic row as the planner reads it: stanullfrac, stawidth,
 * stadistinct (negative = fraction of rows, as PostgreSQL stores it), the most
 * common values with their frequencies, histogram bounds (ascending, excluding the
 * MCVs) and the physical-order correlation. Lists are empty when absent.
 */
public record ColumnStatistics(double nullFrac, int avgWidth, double nDistinct, List<Object> mostCommonValues,
        List<Double> mostCommonFreqs, List<Object> histogramBounds, double correlation) {}
