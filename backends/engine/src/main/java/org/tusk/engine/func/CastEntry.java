package org.tusk.engine.func;

import org.tusk.engine.types.PgType;

/**
 * One pg_cast row. method: f (function), b (binary coercible: relabel),
 * i (I/O conversion). {@code function} is null unless method is f.
 */
public record CastEntry(PgType source, PgType target, ProcEntry function, CastContext context, char method) {}
