package org.tusk.engine.executor.modify;

import java.util.List;

import org.tusk.engine.executor.scan.ScanRelation;

/**
 * The table an INSERT, UPDATE or DELETE changes (ResultRelInfo): how to reach
 * its storage, its columns with their NOT NULL flags and typmods, the
 * indexes to maintain and the CHECK constraints to enforce. Built by the
 * caller from the relcache.
 */
public record ResultRelation(ScanRelation relation, List<ResultColumn> columns, List<ResultIndex> indexes,
        List<CheckConstraint> checks) {

    public String name() {
        return relation.name();
    }

    public int natts() {
        return columns.size();
    }
}
