package org.tusk.engine.catalog.sysviews;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * pg_hba_file_rules (PostgreSQL 15's columns): the rules of the data directory's {@code tusk_hba.conf}
 * (Tusk's pg_hba.conf), read now, as fill_hba_view shows pg_hba.conf: one row per rule line with its
 * type, database and user lists, address and netmask (a CIDR address split into both, IPv6 in its
 * compressed form), method and {@code name=value} options; a line that does not parse has only its
 * line number and the error.
 */
public final class PgHbaFileRules implements VirtualRelation {

    /** The client authentication file in the data directory (the protocol bundle's HbaFile reads the same one). */
    public static final String HBA_FILE = "tusk_hba.conf";

    private static final Set<String> TYPES = Set.of("local", "host", "hostssl", "hostnossl", "hostgssenc",
            "hostnogssenc");
    private static final Set<String> ADDRESS_KEYWORDS = Set.of("all", "samehost", "samenet");

    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("line_number", PgType.INT4, -1),
            new RelationColumn("type", PgType.TEXT, -1),
            new RelationColumn("database", PgType.TEXT_ARRAY, -1),
            new RelationColumn("user_name", PgType.TEXT_ARRAY, -1),
            new RelationColumn("address", PgType.TEXT, -1),
            new RelationColumn("netmask", PgType.TEXT, -1),
            new RelationColumn("auth_method", PgType.TEXT, -1),
            new RelationColumn("options", PgType.TEXT_ARRAY, -1),
            new RelationColumn("error", PgType.TEXT, -1));

    @Override
    public String name() {
        return "pg_hba_file_rules";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        List<Object[]> rows = new ArrayList<>();
        List<String> lines = SystemFiles.readLines(session, HBA_FILE, name());
        for (int i = 0; i < lines.size(); i++) {
            List<String> fields = fields(lines.get(i));
            if (!fields.isEmpty()) {
                rows.add(rule(i + 1, fields));
            }
        }
        return rows;
    }

    /** One rule line's row, or the line number and the error. */
    static Object[] rule(int lineNumber, List<String> fields) {
        Object[] r = new Object[COLUMNS.size()];
        r[0] = lineNumber;
        String type = fields.get(0);
        if (!TYPES.contains(type)) {
            r[8] = "invalid connection type \"" + type + "\"";
            return r;
        }
        boolean local = type.equals("local");
        int methodAt = local ? 3 : 4;
        if (fields.size() < methodAt) {
            r[8] = fields.size() < 3 ? "end-of-line before role specification"
                    : "end-of-line before IP address specification";
            return r;
        }
        r[1] = type;
        r[2] = list(fields.get(1));
        r[3] = list(fields.get(2));
        if (!local) {
            String address = fields.get(3);
            int slash = address.indexOf('/');
            if (slash >= 0) {
                try {
                    InetAddress ip = InetAddress.getByName(address.substring(0, slash));
                    int bits = Integer.parseInt(address.substring(slash + 1));
                    r[4] = text(ip);
                    r[5] = text(mask(ip.getAddress().length, bits));
                } catch (UnknownHostException | NumberFormatException e) {
                    r[8] = "invalid IP address \"" + address + "\"";
                    return r;
                }
            } else if (ADDRESS_KEYWORDS.contains(address) || !looksNumeric(address)) {
                r[4] = address;          // a keyword or a host name
            } else {
                // an address with its mask in the next field
                if (fields.size() < 6) {
                    r[8] = "end-of-line before netmask specification";
                    return r;
                }
                try {
                    r[4] = text(InetAddress.getByName(address));
                    r[5] = text(InetAddress.getByName(fields.get(4)));
                } catch (UnknownHostException e) {
                    r[8] = "invalid IP address \"" + address + "\"";
                    return r;
                }
                methodAt++;
            }
        }
        if (fields.size() <= methodAt) {
            r[8] = "end-of-line before authentication method";
            return r;
        }
        r[6] = fields.get(methodAt);
        if (fields.size() > methodAt + 1) {
            r[7] = ArrayValue.of(PgType.TEXT, fields.subList(methodAt + 1, fields.size()).toArray());
        }
        return r;
    }

    /** A comma-separated field as text[] (keywords and names as written, without their quotes). */
    private static ArrayValue list(String field) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (char c : field.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                items.add(item.toString());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        items.add(item.toString());
        return ArrayValue.of(PgType.TEXT, items.toArray());
    }

    /** The line's whitespace-separated fields (double quotes keep spaces and '#'), up to a comment. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#' && !quoted) {
                break;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (field.length() > 0) {
                    out.add(field.toString());
                    field.setLength(0);
                }
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            field.append(c);
        }
        if (field.length() > 0) {
            out.add(field.toString());
        }
        return out;
    }

    private static boolean looksNumeric(String address) {
        return address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }

    private static InetAddress mask(int bytes, int bits) throws UnknownHostException {
        byte[] m = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            int left = Math.max(0, Math.min(8, bits - 8 * i));
            m[i] = (byte) (0xFF << (8 - left));
        }
        return InetAddress.getByAddress(m);
    }

    /** An address as getnameinfo prints it numerically: IPv6 with its longest run of zero groups as "::". */
    static String text(InetAddress ip) {
        if (!(ip instanceof Inet6Address)) {
            return ip.getHostAddress();
        }
        byte[] b = ip.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xFF) << 8 | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
