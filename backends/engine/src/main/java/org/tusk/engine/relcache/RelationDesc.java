package org.tusk.engine.relcache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.api.storage.RelFileLocator;

/**
 * A relation as a backend caches it (PostgreSQL's RelationData): identity,
 * kind, access method, files, columns (including dropped ones, by attnum),
 * indexes, column defaults (expression source, pg_attrdef.adbin's text here)
 * and CHECK constraints (their source text, pg_constraint.conbin, and names in
 * {@code checkNames}, parallel) and triggers (pg_trigger, by name as they fire).
 *
 * <p>Stored rows ({@code TupleFormat}) have one slot per attribute,
 * dropped ones included, so {@code attributes().size()} is the natts to
 * deform with; {@link #liveAttributes()} is what SELECT * shows.
 *
 * @param kind pg_class.relkind: 'r' table, 'i' index, 'S' sequence, 'v' view
 * @param shared whether the relation is a shared catalog (in global/)
 * @param toastRelid pg_class.reltoastrelid: the relation's TOAST table, 0 for none
 */
public record RelationDesc(int oid, String name, int namespaceOid, String namespaceName, char kind, String amName,
        RelFileLocator locator, boolean shared, List<AttributeDesc> attributes, List<IndexDesc> indexes,
        Map<Integer, String> defaults, List<String> checks, List<String> options, List<String> checkNames,
        int toastRelid, List<TriggerDesc> triggers) {

    /** A relation without a TOAST table or triggers. */
    public RelationDesc(int oid, String name, int namespaceOid, String namespaceName, char kind, String amName,
            RelFileLocator locator, boolean shared, List<AttributeDesc> attributes, List<IndexDesc> indexes,
            Map<Integer, String> defaults, List<String> checks, List<String> options, List<String> checkNames) {
        this(oid, name, namespaceOid, namespaceName, kind, amName, locator, shared, attributes, indexes, defaults,
                checks, options, checkNames, 0, List.of());
    }

    /** The columns a query sees (not dropped), in attnum order. */
    public List<AttributeDesc> liveAttributes() {
        List<AttributeDesc> out = new ArrayList<>();
        for (AttributeDesc a : attributes) {
            if (!a.dropped()) {
                out.add(a);
            }
        }
        return out;
    }

    /** The column named {@code name}, or null. */
    public AttributeDesc attribute(String name) {
        for (AttributeDesc a : attributes) {
            if (!a.dropped() && a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** The number of attribute slots in stored rows. */
    public int natts() {
        return attributes.size();
    }

    public boolean isSystemCatalog() {
        return oid < 16384 && "pg_catalog".equals(namespaceName);
    }
}
