package org.tusk.protocol.internal.tcop;

import org.tusk.api.engine.PreparedStatement;

/**
 * A statement created by Parse (PostgreSQL's CachedPlanSource in the
 * prepared-statement hash, or the unnamed statement). An empty query string
 * has no engine statement: it binds to a portal that answers EmptyQueryResponse.
 *
 * @param name          statement name, "" for the unnamed one
 * @param sourceText    the query string as the client sent it
 * @param prepared      the engine's statement, or null for an empty query
 * @param emptyParamOids parameter types given with an empty query (Describe reports them)
 */
record PreparedStatementEntry(String name, String sourceText, PreparedStatement prepared, int[] emptyParamOids) {

    boolean isEmpty() {
        return prepared == null;
    }

    int[] parameterTypes() {
        return prepared == null ? emptyParamOids : prepared.parameterTypes();
    }
}
