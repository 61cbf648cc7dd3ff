package org.tusk.protocol.internal.secure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads attributes out of a distinguished name in RFC 2253 form (what
 * {@code X500Principal.getName("RFC2253")} returns), for cert authentication
 * (the CN must equal the user name) without javax.naming.
 */
public final class DistinguishedNames {

    private DistinguishedNames() {
    }

    /**
     * The value of the CN attribute that comes first in the certificate
     * (RFC 2253 lists the most specific attribute first, so the last CN in the
     * text), unescaped; null when there is none or it is hex-encoded BER.
     */
    public static String commonName(String rfc2253) {
        if (rfc2253 == null) {
            return null;
        }
        String found = null;
        int i = 0;
        int n = rfc2253.length();
        while (i < n) {
            int eq = rfc2253.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String type = rfc2253.substring(i, eq).trim();
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            boolean ber = eq + 1 < n && rfc2253.charAt(eq + 1) == '#';
            int j = eq + 1;
            for (; j < n; j++) {
                char c = rfc2253.charAt(j);
                if (c == ',' || c == '+' || c == ';') {
                    break;
                }
                if (c == '\\' && j + 1 < n) {
                    char next = rfc2253.charAt(j + 1);
                    if (isHex(next) && j + 2 < n && isHex(rfc2253.charAt(j + 2))) {
                        value.write(Integer.parseInt(rfc2253.substring(j + 1, j + 3), 16));
                        j += 2;
                    } else {
                        value.writeBytes(String.valueOf(next).getBytes(StandardCharsets.UTF_8));
                        j++;
                    }
                    continue;
                }
                value.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
            if (!ber && (type.equalsIgnoreCase("CN") || type.equals("2.5.4.3"))) {
                found = value.toString(StandardCharsets.UTF_8);
            }
            i = j + 1;
        }
        return found;
    }

    /**
     * A name as PostgreSQL 15 shows it in pg_stat_ssl (X509_NAME_to_cstring):
     * each attribute as {@code /TYPE=value} in the certificate's order, values
     * escaped as in RFC 2253. RFC 2253 text lists them the other way round.
     */
    public static String slashForm(String rfc2253) {
        if (rfc2253 == null) {
            return null;
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < rfc2253.length(); i++) {
            char c = rfc2253.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',' || c == '+') {
                parts.add(rfc2253.substring(start, i));
                start = i + 1;
            }
        }
        if (start < rfc2253.length()) {
            parts.add(rfc2253.substring(start));
        }
        StringBuilder out = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            out.append('/').append(parts.get(i));
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
