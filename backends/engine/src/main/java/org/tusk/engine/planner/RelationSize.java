package org.tusk.engine.planner;

/**
 * pg_class.relpages and reltuples as the planner sees them (estimate_rel_size):
 * {@code tuples} is negative when unknown (never vacuumed/analyzed), then the
 * planner guesses from pages and the row width like PostgreSQL does.
 */
public record RelationSize(long pages, double tuples) {
    public static RelationSize unknown(long pages) {
        return new RelationSize(pages, -1);
    }
}
