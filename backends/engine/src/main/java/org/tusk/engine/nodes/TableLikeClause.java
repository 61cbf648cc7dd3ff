package org.tusk.engine.nodes;

/** TableLikeClause: LIKE relation [INCLUDING|EXCLUDING ...]; {@code options} are CREATE_TABLE_LIKE_ bits. */
public record TableLikeClause(RangeVar relation, int options, int location) implements RawNode {
    public static final int CREATE_TABLE_LIKE_COMMENTS = 1 << 0;
    public static final int CREATE_TABLE_LIKE_COMPRESSION = 1 << 1;
    public static final int CREATE_TABLE_LIKE_CONSTRAINTS = 1 << 2;
    public static final int CREATE_TABLE_LIKE_DEFAULTS = 1 << 3;
    public static final int CREATE_TABLE_LIKE_GENERATED = 1 << 4;
    public static final int CREATE_TABLE_LIKE_IDENTITY = 1 << 5;
    public static final int CREATE_TABLE_LIKE_INDEXES = 1 << 6;
    public static final int CREATE_TABLE_LIKE_STATISTICS = 1 << 7;
    public static final int CREATE_TABLE_LIKE_STORAGE = 1 << 8;
    public static final int CREATE_TABLE_LIKE_ALL = 0x7FFFFFFF;
}
