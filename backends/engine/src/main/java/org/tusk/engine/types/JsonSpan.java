package org.tusk.engine.types;

/**
 * One value of a json (not jsonb) document with the exact text it was written as, so the json
 * operators can return sub-documents verbatim (json keeps its input text). {@code node} is a
 * {@code List<Map.Entry<String, JsonSpan>>} for an object (input order, duplicates kept), a
 * {@code List<JsonSpan>} for an array, a String, a BigDecimal, a Boolean or {@link Jsonb#NULL}.
 */
public record JsonSpan(Object node, String text) {
}
