package org.tusk.engine.tcop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.DateTimes;

/**
 * The session's named prepared statements (commands/prepare.c's hash table):
 * what PREPARE stores, EXECUTE runs, DEALLOCATE and DISCARD remove, and the
 * pg_prepared_statements view lists. Prepared statements are not transactional:
 * one created in a transaction that rolls back stays.
 */
final class PreparedStatements {
    /** choose_custom_plan: custom plans for the first five executions, then the generic plan. */
    static final int CUSTOM_PLANS_BEFORE_GENERIC = 5;

    /** One stored statement (PreparedStatement in prepare.c) with its plan cache counters. */
    static final class Entry {
        final String name;
        final TuskPreparedStatement statement;
        /** The whole query string the statement came in (pg_prepared_statements.statement). */
        final String queryString;
        final long prepareTime;
        final boolean fromSql;
        long genericPlans;
        long customPlans;

        Entry(String name, TuskPreparedStatement statement, String queryString, long prepareTime, boolean fromSql) {
            this.name = name;
            this.statement = statement;
            this.queryString = queryString;
            this.prepareTime = prepareTime;
            this.fromSql = fromSql;
        }

        /**
         * Counts one execution as plan_cache_mode decides (plancache.c's choose_custom_plan):
         * a statement without parameters always uses its generic plan; with parameters,
         * auto mode builds custom plans five times before settling on the generic one
         * (Tusk has no cost model to compare them, so it always settles).
         */
        void countExecution(String planCacheMode) {
            boolean custom;
            if (statement.parameterTypes().length == 0 || "force_generic_plan".equals(planCacheMode)) {
                custom = false;
            } else if ("force_custom_plan".equals(planCacheMode)) {
                custom = true;
            } else {
                custom = customPlans < CUSTOM_PLANS_BEFORE_GENERIC;
            }
            if (custom) {
                customPlans++;
            } else {
                genericPlans++;
            }
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** StorePreparedStatement: 42P05 if the name is taken. */
    Entry store(String name, TuskPreparedStatement statement, String queryString, boolean fromSql) {
        if (entries.containsKey(name)) {
            throw Ereport.error(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + name + "\" already exists");
        }
        Entry e = new Entry(name, statement, queryString, DateTimes.toPgMicros(Instant.now()), fromSql);
        entries.put(name, e);
        return e;
    }

    /** FetchPreparedStatement: 26000 if there is none of that name. */
    Entry fetch(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw Ereport.error(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
        }
        return e;
    }

    /** DropPreparedStatement (DEALLOCATE name). */
    void drop(String name) {
        fetch(name);
        entries.remove(name);
    }

    /** DropAllPreparedStatements (DEALLOCATE ALL, DISCARD ALL). */
    void dropAll() {
        entries.clear();
    }

    Collection<Entry> all() {
        return new ArrayList<>(entries.values());
    }

    List<String> names() {
        return new ArrayList<>(entries.keySet());
    }
}
