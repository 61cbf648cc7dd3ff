package org.tusk.engine.acl;

/**
 * Privilege bits (PostgreSQL's AclMode, parsenodes.h): the low 16 bits are the
 * privileges, the high 16 the matching grant options. The letters are
 * aclitem's text form, in bit order: {@code arwdDxtXUCTcsA}.
 */
public final class AclMode {
    public static final int INSERT = 1;
    public static final int SELECT = 1 << 1;
    public static final int UPDATE = 1 << 2;
    public static final int DELETE = 1 << 3;
    public static final int TRUNCATE = 1 << 4;
    public static final int REFERENCES = 1 << 5;
    public static final int TRIGGER = 1 << 6;
    public static final int EXECUTE = 1 << 7;
    public static final int USAGE = 1 << 8;
    public static final int CREATE = 1 << 9;
    public static final int CREATE_TEMP = 1 << 10;
    public static final int CONNECT = 1 << 11;
    public static final int SET = 1 << 12;
    public static final int ALTER_SYSTEM = 1 << 13;
    public static final int N_ACL_RIGHTS = 14;
    public static final int NO_RIGHTS = 0;
    /** ACL_ALL_RIGHTS_STR. */
    public static final String LETTERS = "arwdDxtXUCTcsA";
    static final String[] NAMES = {"INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "EXECUTE",
            "USAGE", "CREATE", "TEMPORARY", "CONNECT", "SET", "ALTER SYSTEM"};

    private AclMode() {}

    /** ACL_GRANT_OPTION_FOR. */
    public static int grantOptionFor(int privileges) {
        return (privileges & 0xffff) << 16;
    }

    /** ACL_OPTION_TO_PRIVS: the privileges whose grant options are set. */
    public static int optionsToPrivileges(int bits) {
        return (bits >>> 16) & 0xffff;
    }

    public static int privileges(int bits) {
        return bits & 0xffff;
    }

    /** The privilege's keyword as GRANT spells it ("TEMPORARY" for CREATE_TEMP), for one single bit. */
    public static String name(int bit) {
        return NAMES[Integer.numberOfTrailingZeros(bit)];
    }

    /** The bit of a privilege keyword (any case, "TEMP" and "TEMPORARY" alike), or -1. */
    public static int fromName(String keyword) {
        String k = keyword.toUpperCase(java.util.Locale.ROOT);
        if (k.equals("TEMP")) {
            return CREATE_TEMP;
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(k)) {
                return 1 << i;
            }
        }
        return -1;
    }
}
