package org.tusk.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a configuration file in postgresql.conf syntax: {@code name = value}
 * or {@code name value}, {@code #} comments, values optionally in single
 * quotes with {@code ''} or backslash escapes. Later lines override earlier ones.
 */
final class ConfigFile {

    private ConfigFile() {}

    static Map<String, String> parse(Path file) throws IOException, ConfigException {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            parseLine(lines.get(i), settings, file.getFileName() + ":" + (i + 1));
        }
        return settings;
    }

    static void parseLine(String line, Map<String, String> into, String where) throws ConfigException {
        int pos = 0;
        int n = line.length();
        while (pos < n && Character.isWhitespace(line.charAt(pos))) pos++;
        if (pos == n || line.charAt(pos) == '#') {
            return;
        }
        int nameStart = pos;
        while (pos < n && (Character.isLetterOrDigit(line.charAt(pos)) || line.charAt(pos) == '_' || line.charAt(pos) == '.')) pos++;
        if (pos == nameStart) {
            throw new ConfigException("syntax error in file \"" + where + "\", near token \"" + line.substring(pos).strip() + "\"");
        }
        String name = line.substring(nameStart, pos).toLowerCase(java.util.Locale.ROOT);
        while (pos < n && Character.isWhitespace(line.charAt(pos))) pos++;
        if (pos < n && line.charAt(pos) == '=') {
            pos++;
            while (pos < n && Character.isWhitespace(line.charAt(pos))) pos++;
        }
        String value;
        if (pos < n && line.charAt(pos) == '\'') {
            StringBuilder sb = new StringBuilder();
            pos++;
            boolean closed = false;
            while (pos < n) {
                char c = line.charAt(pos);
                if (c == '\'' && pos + 1 < n && line.charAt(pos + 1) == '\'') {
                    sb.append('\'');
                    pos += 2;
                } else if (c == '\\' && pos + 1 < n) {
                    sb.append(line.charAt(pos + 1));
                    pos += 2;
                } else if (c == '\'') {
                    pos++;
                    closed = true;
                    break;
                } else {
                    sb.append(c);
                    pos++;
                }
            }
            if (!closed) {
                throw new ConfigException("syntax error in file \"" + where + "\": unterminated quoted string");
            }
            value = sb.toString();
        } else {
            int valueStart = pos;
            while (pos < n && !Character.isWhitespace(line.charAt(pos)) && line.charAt(pos) != '#') pos++;
            value = line.substring(valueStart, pos);
            if (value.isEmpty()) {
                throw new ConfigException("syntax error in file \"" + where + "\", near end of line");
            }
        }
        while (pos < n && Character.isWhitespace(line.charAt(pos))) pos++;
        if (pos < n && line.charAt(pos) != '#') {
            throw new ConfigException("syntax error in file \"" + where + "\", near token \"" + line.substring(pos).strip() + "\"");
        }
        into.put(name, value);
    }
}
