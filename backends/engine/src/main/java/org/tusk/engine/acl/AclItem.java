package org.tusk.engine.acl;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * One aclitem: {@code grantee} (0 = PUBLIC) holds the privileges in
 * {@code bits} (low 16 bits) and the grant options (high 16 bits), granted by
 * {@code grantor}. Text form {@code grantee=privs/grantor}, a {@code *} after
 * each privilege held with grant option, an empty grantee for PUBLIC.
 */
public record AclItem(long grantee, long grantor, int bits) {
    /** ACL_ID_PUBLIC. */
    public static final long PUBLIC = 0;

    public int privileges() {
        return AclMode.privileges(bits);
    }

    public int grantOptions() {
        return AclMode.optionsToPrivileges(bits);
    }

    public AclItem withBits(int newBits) {
        return new AclItem(grantee, grantor, newBits);
    }

    /** aclitemout. */
    public String format(RoleNames names) {
        StringBuilder b = new StringBuilder();
        if (grantee != PUBLIC) {
            putId(b, names.name(grantee));
        }
        b.append('=');
        for (int i = 0; i < AclMode.N_ACL_RIGHTS; i++) {
            if ((bits & (1 << i)) != 0) {
                b.append(AclMode.LETTERS.charAt(i));
                if ((bits & (1 << (i + 16))) != 0) {
                    b.append('*');
                }
            }
        }
        b.append('/');
        putId(b, names.name(grantor));
        return b.toString();
    }

    /** putid: double quotes unless every character is alphanumeric or '_'; quotes inside are doubled. */
    private static void putId(StringBuilder b, String name) {
        boolean safe = !name.isEmpty();
        for (int i = 0; i < name.length() && safe; i++) {
            char c = name.charAt(i);
            safe = Character.isLetterOrDigit(c) || c == '_';
        }
        if (safe) {
            b.append(name);
            return;
        }
        b.append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                b.append('"');
            }
            b.append(c);
        }
        b.append('"');
    }

    /**
     * aclitemin: parses the text form. A missing {@code /grantor} defaults to the
     * bootstrap superuser (OID 10) with PostgreSQL's warning, sent through
     * {@code warnings} (null to drop it).
     */
    public static AclItem parse(String text, RoleNames names, java.util.function.Consumer<PgException> warnings) {
        Cursor c = new Cursor(text);
        c.skipSpaces();
        String granteeName = c.id();
        c.skipSpaces();
        if (c.peek() != '=') {
            if (c.atEnd() && granteeName.isEmpty()) {
                throw syntax("missing name");
            }
            throw syntax("missing \"=\" sign");
        }
        c.pos++;
        int bits = 0;
        int last = -1;
        while (!c.atEnd() && (Character.isLetter(c.peek()) || c.peek() == '*')) {
            char ch = c.peek();
            if (ch == '*') {
                if (last < 0) {
                    throw syntax("invalid mode character: must be one of \"" + AclMode.LETTERS + "\"");
                }
                bits |= AclMode.grantOptionFor(last);
            } else {
                int i = AclMode.LETTERS.indexOf(ch);
                if (i < 0) {
                    throw syntax("invalid mode character: must be one of \"" + AclMode.LETTERS + "\"");
                }
                last = 1 << i;
                bits |= last;
            }
            c.pos++;
        }
        long grantee = granteeName.isEmpty() ? PUBLIC : names.oid(granteeName);
        c.skipSpaces();
        long grantor;
        if (c.peek() == '/') {
            c.pos++;
            c.skipSpaces();
            String grantorName = c.id();
            if (grantorName.isEmpty()) {
                throw syntax("a name must follow the \"/\" sign");
            }
            grantor = names.oid(grantorName);
        } else {
            grantor = 10;
            if (warnings != null) {
                warnings.accept(new PgException(org.tusk.api.error.Severity.WARNING, SqlState.INVALID_GRANTOR,
                        "defaulting grantor to user ID 10", null, null, 0, null));
            }
        }
        c.skipSpaces();
        if (!c.atEnd()) {
            throw syntax("extra garbage at the end of the ACL specification");
        }
        return new AclItem(grantee, grantor, bits);
    }

    private static PgException syntax(String message) {
        return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, message);
    }

    /** Resolves role OIDs to names and back for the text form (0 is never asked for). */
    public interface RoleNames {
        String name(long oid);

        /** The role's OID; throws 42704 {@code role "x" does not exist}. */
        long oid(String name);
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(pos);
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        /** getid: letters, digits, '_' and any non-ASCII, or a double-quoted name ("" for a quote). */
        String id() {
            StringBuilder b = new StringBuilder();
            boolean inQuotes = false;
            while (!atEnd()) {
                char ch = peek();
                if (ch == '"') {
                    if (inQuotes && pos + 1 < s.length() && s.charAt(pos + 1) == '"') {
                        b.append('"');
                        pos += 2;
                        continue;
                    }
                    inQuotes = !inQuotes;
                    pos++;
                    continue;
                }
                if (!inQuotes && !(Character.isLetterOrDigit(ch) || ch == '_' || ch >= 0x80)) {
                    break;
                }
                b.append(ch);
                pos++;
            }
            return b.toString();
        }
    }
}
