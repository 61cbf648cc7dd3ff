package org.tusk.protocol.internal.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an hba-style file into lines of fields of tokens, as hba.c's
 * tokenize_auth_file does: blanks separate fields, commas separate the tokens
 * of one field (blanks after a comma are allowed), double quotes protect
 * blanks, commas and keywords ({@code ""} is a quote), {@code #} starts a
 * comment, a backslash at the end of a line continues it. An unquoted
 * {@code @file} token is replaced by the tokens of that file (relative to the
 * including file's directory), whose lines all become part of the one field.
 */
final class HbaTokenizer {

    /** One non-empty line: its number (for messages) and its fields. */
    record Line(int number, List<List<HbaToken>> fields) {}

    private static final int MAX_INCLUDE_DEPTH = 10;

    private HbaTokenizer() {}

    static List<Line> tokenize(Path file) throws IOException, HbaException {
        return tokenize(Files.readAllLines(file, StandardCharsets.UTF_8), file.getParent(), 0);
    }

    static List<Line> tokenize(List<String> rawLines, Path dir, int depth) throws HbaException {
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < rawLines.size(); i++) {
            int number = i + 1;
            StringBuilder line = new StringBuilder(rawLines.get(i));
            while (endsWithContinuation(line) && i + 1 < rawLines.size()) {
                line.setLength(line.length() - 1);
                line.append(rawLines.get(++i));
            }
            List<List<HbaToken>> fields = splitFields(line.toString(), number, dir, depth);
            if (!fields.isEmpty()) {
                out.add(new Line(number, fields));
            }
        }
        return out;
    }

    private static boolean endsWithContinuation(CharSequence line) {
        return line.length() > 0 && line.charAt(line.length() - 1) == '\\';
    }

    private static List<List<HbaToken>> splitFields(String s, int number, Path dir, int depth) throws HbaException {
        List<List<HbaToken>> fields = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && isBlank(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) == '#') {
                return fields;
            }
            List<HbaToken> field = new ArrayList<>();
            boolean more = true;
            while (more) {
                while (i < n && isBlank(s.charAt(i))) {
                    i++;
                }
                StringBuilder text = new StringBuilder();
                boolean quoted = false;
                boolean inQuote = false;
                while (i < n) {
                    char c = s.charAt(i);
                    if (inQuote) {
                        if (c == '"') {
                            if (i + 1 < n && s.charAt(i + 1) == '"') {
                                text.append('"');
                                i += 2;
                                continue;
                            }
                            inQuote = false;
                        } else {
                            text.append(c);
                        }
                        i++;
                        continue;
                    }
                    if (c == '"') {
                        inQuote = true;
                        quoted = true;
                        i++;
                    } else if (isBlank(c) || c == ',' || c == '#') {
                        break;
                    } else {
                        text.append(c);
                        i++;
                    }
                }
                if (inQuote) {
                    throw new HbaException(number, "unterminated quoted string");
                }
                more = i < n && s.charAt(i) == ',';
                if (more) {
                    i++;
                }
                if (text.length() == 0 && !quoted) {
                    if (more) {
                        continue;
                    }
                    break;
                }
                if (!quoted && text.charAt(0) == '@' && text.length() > 1) {
                    field.addAll(include(dir, text.substring(1), number, depth));
                } else {
                    field.add(new HbaToken(text.toString(), quoted));
                }
            }
            fields.add(field);
        }
    }

    private static List<HbaToken> include(Path dir, String name, int number, int depth) throws HbaException {
        if (depth >= MAX_INCLUDE_DEPTH) {
            throw new HbaException(number, "could not open secondary authentication file \"@" + name
                    + "\": too many levels of inclusion");
        }
        Path file = dir == null ? Path.of(name) : dir.resolve(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HbaException(number, "could not open secondary authentication file \"@" + name + "\" as \""
                    + file + "\": " + e.getMessage());
        }
        List<HbaToken> tokens = new ArrayList<>();
        for (Line l : tokenize(lines, file.getParent(), depth + 1)) {
            for (List<HbaToken> f : l.fields()) {
                tokens.addAll(f);
            }
        }
        return tokens;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    }
}
