package org.tusk.engine.catalog.bootstrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the bootstrap CSV facts (COPY ... CSV HEADER format): an unquoted
 * empty field is NULL, a quoted one ("") the empty string.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /** The rows of bootstrap/{@code name}.csv as column name → text (null = NULL), or empty if absent. */
    public static List<Map<String, String>> read(String name) {
        InputStream in = CsvReader.class.getResourceAsStream(name + ".csv");
        if (in == null) {
            return List.of();
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = fields(r.readLine());
            List<Map<String, String>> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> f = fields(line);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < f.size() ? f.get(i) : null);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(c);
                    i++;
                }
                out.add(sb.toString());
            } else {
                int start = i;
                while (i < n && line.charAt(i) != ',') {
                    i++;
                }
                out.add(i == start ? null : line.substring(start, i));
            }
            if (i >= n) {
                break;
            }
            i++;   // the comma
            if (i == n) {
                out.add(null);
                break;
            }
        }
        return out;
    }
}
