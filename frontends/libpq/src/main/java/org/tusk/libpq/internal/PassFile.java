package org.tusk.libpq.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** ~/.pgpass lookup: lines "hostname:port:database:username:password", '*' matches anything, '\' escapes. */
public final class PassFile {
    private PassFile() {}

    public static String lookup(Path file, String host, String port, String db, String user) {
        if (file == null || !Files.isReadable(file)) return null;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        String hostKey = host.startsWith("/") ? "localhost" : host;
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            List<String> f = split(line);
            if (f.size() < 5) continue;
            if (matches(f.get(0), hostKey) && matches(f.get(1), port) && matches(f.get(2), db) && matches(f.get(3), user)) {
                return f.get(4);
            }
        }
        return null;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':' && out.size() < 4) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
