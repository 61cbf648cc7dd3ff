package org.tusk.engine.types;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A jsonb value: a normalised JSON tree. Nodes are {@link #NULL} (JSON null),
 * {@code Boolean}, {@code java.math.BigDecimal} (numbers), {@code String},
 * {@code java.util.List<Object>} (arrays) and {@code java.util.SortedMap<String,Object>}
 * (objects) whose keys are unique and ordered as jsonb orders them ({@link #KEY_ORDER}).
 * Trees are never modified after construction. Equality, hashing and ordering are
 * jsonb's ({@link JsonbOrdering}): numbers by value, so {@code 1.0} equals {@code 1}.
 */
public final class Jsonb {
    /** JSON's null, distinct from SQL NULL (which is Java null for the whole value). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** lengthCompareJsonbStringValue: shorter keys (in UTF-8 bytes) first, then bytewise. */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return x.length != y.length ? Integer.compare(x.length, y.length) : java.util.Arrays.compareUnsigned(x, y);
    };

    private final Object root;

    public Jsonb(Object root) {
        this.root = Objects.requireNonNull(root);
    }

    /** jsonb_in. */
    public static Jsonb parse(String text) {
        return new Jsonb(JsonParser.parseJsonb(text));
    }

    public Object root() {
        return root;
    }

    /** The JSON type name as jsonb_typeof reports it. */
    public static String typeOf(Object node) {
        if (node == NULL) {
            return "null";
        }
        if (node instanceof Boolean) {
            return "boolean";
        }
        if (node instanceof BigDecimal) {
            return "number";
        }
        if (node instanceof String) {
            return "string";
        }
        return node instanceof List ? "array" : "object";
    }

    static boolean isContainer(Object node) {
        return node instanceof List || node instanceof Map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jsonb j && JsonbOrdering.compare(root, j.root) == 0;
    }

    @Override
    public int hashCode() {
        return JsonbOrdering.hash(root);
    }

    /** jsonb_out: {@code {"a": 1, "b": [1, 2]}}. */
    @Override
    public String toString() {
        return JsonbText.output(root);
    }
}
