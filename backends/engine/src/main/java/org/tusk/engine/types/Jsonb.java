package org.tusk.engine.types;

import java.util.Objects;

/**
 * A jsonb value: a normalised JSON tree. Nodes are {@link #NULL} (JSON null),
 * {@code Boolean}, {@code java.math.BigDecimal} (numbers), {@code String},
 * {@code java.util.List<Object>} (arrays) and {@code java.util.SortedMap<String,Object>}
 * (objects) whose keys are unique and ordered as jsonb orders them: shorter keys
 * first, then bytewise. Trees are never modified after construction.
 */
public final class Jsonb {
    /** JSON's null, distinct from SQL NULL (which is Java null for the whole value). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final Object root;

    public Jsonb(Object root) {
        this.root = Objects.requireNonNull(root);
    }

    public Object root() {
        return root;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jsonb j && j.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }
}
