package org.tusk.engine.acl;

import static org.tusk.engine.acl.AclMode.*;

/**
 * The kinds of objects with an ACL: the rights GRANT ALL gives on each
 * (ACL_ALL_RIGHTS_*), acldefault's rights for the owner and PUBLIC, the code
 * {@code acldefault()} takes, and the word error messages use.
 */
public enum AclObjectKind {
    COLUMN('c', "column", INSERT | SELECT | UPDATE | REFERENCES, 0, 0),
    TABLE('r', "table", INSERT | SELECT | UPDATE | DELETE | TRUNCATE | REFERENCES | TRIGGER,
            INSERT | SELECT | UPDATE | DELETE | TRUNCATE | REFERENCES | TRIGGER, 0),
    SEQUENCE('s', "sequence", USAGE | SELECT | UPDATE, USAGE | SELECT | UPDATE, 0),
    DATABASE('d', "database", CREATE | CREATE_TEMP | CONNECT, CREATE | CREATE_TEMP | CONNECT, CREATE_TEMP | CONNECT),
    FUNCTION('f', "function", EXECUTE, EXECUTE, EXECUTE),
    LANGUAGE('l', "language", USAGE, USAGE, USAGE),
    LARGE_OBJECT('L', "large object", SELECT | UPDATE, SELECT | UPDATE, 0),
    SCHEMA('n', "schema", USAGE | CREATE, USAGE | CREATE, 0),
    TABLESPACE('t', "tablespace", CREATE, CREATE, 0),
    FOREIGN_DATA_WRAPPER('F', "foreign-data wrapper", USAGE, USAGE, 0),
    FOREIGN_SERVER('S', "foreign server", USAGE, USAGE, 0),
    TYPE('T', "type", USAGE, USAGE, USAGE),
    PARAMETER('p', "parameter", SET | ALTER_SYSTEM, SET | ALTER_SYSTEM, 0);

    /** acldefault()'s objtype code. */
    public final char code;
    /** The word in "permission denied for table t" and "must be owner of table t". */
    public final String word;
    /** ACL_ALL_RIGHTS_x: what GRANT ALL means. */
    public final int allRights;
    final int ownerDefault;
    final int publicDefault;

    AclObjectKind(char code, String word, int allRights, int ownerDefault, int publicDefault) {
        this.code = code;
        this.word = word;
        this.allRights = allRights;
        this.ownerDefault = ownerDefault;
        this.publicDefault = publicDefault;
    }

    public static AclObjectKind ofCode(char code) {
        for (AclObjectKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw org.tusk.api.error.PgException.error(org.tusk.api.error.SqlState.INTERNAL_ERROR,
                "unrecognized object type abbreviation: " + code);
    }
}
