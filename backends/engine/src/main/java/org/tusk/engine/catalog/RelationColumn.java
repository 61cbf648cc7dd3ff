package org.tusk.engine.catalog;

import org.tusk.engine.types.PgType;

/** One attribute of a relation (pg_attribute): name, type, typmod. */
public record RelationColumn(String name, PgType type, int typmod) {}
