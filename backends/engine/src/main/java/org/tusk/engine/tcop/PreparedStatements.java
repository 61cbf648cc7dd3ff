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
 * one created in a transaction that rolls back stays. The plan cache itself
 * is the statement's ({@link TuskPreparedStatement}).
 */
final class PreparedStatements {
    /** One stored statement (PreparedStatement in prepare.c) with its plan cache counters. */
    static final class Entry {
        final String name;
        final TuskPreparedStatement statement;
        /** The whole query string the statement came in (pg_prepared_statements.statement). */
        final String queryString;
        final long prepareTime;
        final boolean fromSql;

        Entry(String name, TuskPreparedStatement statement, String queryString, long prepareTime, boolean fromSql) {
            this.name = name;
            this.statement = statement;
            this.queryString = queryString;
            this.prepareTime = prepareTime;
            this.fromSql = fromSql;
        }

        /** pg_prepared_statements.generic_plans / custom_plans: the statement's plan cache counts them. */
        long genericPlans() {
            return statement.genericPlans();
        }

        long customPlans() {
            return statement.customPlans();
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
        fetch(name).statement.release();
        entries.remove(name);
    }

    /** DropAllPreparedStatements (DEALLOCATE ALL, DISCARD ALL). */
    void dropAll() {
        entries.values().forEach(e -> e.statement.release());
        entries.clear();
    }

    Collection<Entry> all() {
        return new ArrayList<>(entries.values());
    }

    List<String> names() {
        return new ArrayList<>(entries.keySet());
    }
}
