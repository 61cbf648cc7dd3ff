package org.tusk.engine.nodes;

import java.util.List;

/** Alias: AS name (column names). */
public record Alias(String aliasname, List<String> colnames) {}
