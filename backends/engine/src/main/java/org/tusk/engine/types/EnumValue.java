package org.tusk.engine.types;

import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * A value of a user enum type: the type's OID and the label. Values order by
 * the label's place in pg_enum's enumsortorder order (enum_cmp), read from the
 * session's type cache ({@link UserTypes}) when compared, so labels added by
 * ALTER TYPE ... ADD VALUE BEFORE/AFTER sort where they belong; equality is
 * the label's within one type. A label string (an untyped literal compared
 * with an enum column) is placed among the labels of the enum it meets.
 * Text and binary output are the label.
 */
public record EnumValue(int typeOid, String label) implements Comparable<EnumValue> {

    /** The label's place among its type's labels; labels unknown to the type cache place after them, by text. */
    public int position() {
        return position(typeOid, label);
    }

    private static int position(int typeOid, String label) {
        UserTypes.UserType t = UserTypes.byOid(typeOid);
        if (t == null) {
            return -1;
        }
        return t.enumLabels().indexOf(label);
    }

    @Override
    public int compareTo(EnumValue o) {
        if (typeOid == o.typeOid && label.equals(o.label)) {
            return 0;
        }
        int a = position();
        int b = o.position();
        if (a < 0 || b < 0 || typeOid != o.typeOid) {
            return label.compareTo(o.label);        // no type cache here (a background worker): label order
        }
        return Integer.compare(a, b);
    }

    /** enum_cmp of an enum value and a label of (supposedly) the same type: 22P02 for a label it does not have. */
    public int compareToLabel(String other) {
        UserTypes.UserType t = UserTypes.byOid(typeOid);
        if (t == null) {
            return label.compareTo(other);
        }
        List<String> labels = t.enumLabels();
        int b = labels.indexOf(other);
        if (b < 0) {
            throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input value for enum " + t.name()
                    + ": \"" + other + "\"");
        }
        return Integer.compare(labels.indexOf(label), b);
    }

    /** Orders two values that may each be an {@code EnumValue} or a bare label, as enum_cmp does. */
    public static int compare(Object a, Object b) {
        if (a instanceof EnumValue x && b instanceof EnumValue y) {
            return x.compareTo(y);
        }
        if (a instanceof EnumValue x) {
            return x.compareToLabel(b.toString());
        }
        if (b instanceof EnumValue y) {
            return -y.compareToLabel(a.toString());
        }
        return a.toString().compareTo(b.toString());
    }

    /**
     * enum_in: {@code label} as a value of the enum {@code type}, checked against the labels the type
     * cache has now (ALTER TYPE ... ADD VALUE may have added some since {@code type} was read).
     */
    public static EnumValue input(UserTypes.UserType type, String label) {
        UserTypes.UserType now = UserTypes.byOid(type.oid());
        if (!(now != null ? now : type).enumLabels().contains(label)) {
            throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input value for enum " + type.name()
                    + ": \"" + label + "\"");
        }
        return new EnumValue(type.oid(), label);
    }

    /** The label's pg_enum OID in the session's type cache, 0 when not known there. */
    public long labelOid() {
        UserTypes.UserType t = UserTypes.byOid(typeOid);
        return t == null ? 0 : t.enumOid(label);
    }

    /** A stored value: the label its pg_enum row has now (renamed since?), else the stored one. */
    public static EnumValue stored(int typeOid, long labelOid, String label) {
        if (labelOid != 0) {
            UserTypes.UserType t = UserTypes.byOid(typeOid);
            String now = t == null ? null : t.enumLabelOf(labelOid);
            if (now != null) {
                return new EnumValue(typeOid, now);
            }
        }
        return new EnumValue(typeOid, label);
    }

    @Override
    public String toString() {
        return label;
    }
}
