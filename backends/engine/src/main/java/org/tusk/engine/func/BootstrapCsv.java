package org.tusk.engine.func;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one of the bootstrap catalog CSV files (RFC 4180 quoting, header
 * row) shipped in org/tusk/engine/catalog/bootstrap.
 */
public final class BootstrapCsv {
    private BootstrapCsv() {}

    public static List<Map<String, String>> read(String file) {
        String path = "/org/tusk/engine/catalog/bootstrap/" + file;
        try (InputStream in = BootstrapCsv.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing bootstrap file " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = null;
            List<Map<String, String>> rows = new ArrayList<>();
            String line;
            StringBuilder pending = null;
            while ((line = r.readLine()) != null) {
                if (pending != null) {
                    pending.append('\n').append(line);
                    line = pending.toString();
                }
                List<String> fields = split(line);
                if (fields == null) {
                    // a quoted field continues on the next line
                    pending = new StringBuilder(line);
                    continue;
                }
                pending = null;
                if (header == null) {
                    header = fields;
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < fields.size() ? fields.get(i) : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields of one record, or null if a quoted field is not closed. */
    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(f.toString());
        return out;
    }

    /** A space-separated oidvector ("23 23"), empty for "". */
    static int[] oids(String s) {
        if (s == null || s.isBlank()) {
            return new int[0];
        }
        String[] parts = s.trim().split(" +");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }
}
