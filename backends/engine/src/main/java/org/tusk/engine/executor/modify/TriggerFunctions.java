package org.tusk.engine.executor.modify;

import org.tusk.engine.pl.TriggerData;

/**
 * How the executor calls a trigger's function (ExecCallTriggerFunc); the
 * session implements it (the function's language is the session's business).
 */
public interface TriggerFunctions {

    /**
     * Calls trigger function {@code funcOid} with {@code data}; returns the row it returned (in the table's
     * column order and types) or null when it returned NULL.
     */
    Object[] callTrigger(long funcOid, TriggerData data);

    /** Makes the statement's changes visible to the AFTER triggers' queries (CommandCounterIncrement). */
    void commandCounterIncrement();
}
