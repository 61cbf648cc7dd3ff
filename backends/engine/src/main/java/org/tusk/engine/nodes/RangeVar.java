package org.tusk.engine.nodes;

/** RangeVar: a relation name in FROM, DML or DDL. {@code inh} false for ONLY; {@code relpersistence} 'p' permanent, 'u' unlogged, 't' temp. */
public record RangeVar(String catalogname, String schemaname, String relname, boolean inh, char relpersistence,
        Alias alias, int location) implements RawNode {}
