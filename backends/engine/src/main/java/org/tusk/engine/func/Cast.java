package org.tusk.engine.func;

/** A pg_cast entry: the context it may be used in and how it converts. */
public record Cast(CastContext context, CastFunction function) {}
