package org.tusk.engine.commands.copy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * COPY's options after ProcessCopyOptions (copy.c): format, delimiter, NULL
 * string, header, CSV quote and escape, and the per-column FORCE_* lists,
 * with PostgreSQL's defaults and validation errors.
 */
public final class CopyOptions {

    public enum Format {
        TEXT, CSV, BINARY
    }

    /** One option as written: {@code name [value | (col, ...)]}. */
    public record Option(String name, String value, List<String> columns) {
        public static Option of(String name, String value) {
            return new Option(name, value, null);
        }
    }

    public Format format = Format.TEXT;
    public char delimiter;
    public String nullString;
    public boolean header;
    public char quote;
    public char escape;
    public boolean forceQuoteAll;
    public List<String> forceQuote = List.of();
    public List<String> forceNotNull = List.of();
    public List<String> forceNull = List.of();
    public boolean freeze;
    public String encoding;

    public boolean csv() {
        return format == Format.CSV;
    }

    /** ProcessCopyOptions. {@code from}: COPY FROM (some options are direction-specific). */
    public static CopyOptions parse(List<Option> options, boolean from) {
        CopyOptions o = new CopyOptions();
        Set<String> seen = new HashSet<>();
        String delimiter = null;
        String quote = null;
        String escape = null;
        for (Option opt : options) {
            String name = opt.name().toLowerCase();
            if (!seen.add(name)) {
                throw PgException.error(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
            }
            switch (name) {
                case "format" -> {
                    String f = opt.value() == null ? "" : opt.value().toLowerCase();
                    o.format = switch (f) {
                        case "text" -> Format.TEXT;
                        case "csv" -> Format.CSV;
                        case "binary" -> Format.BINARY;
                        default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                                "COPY format \"" + opt.value() + "\" not recognized");
                    };
                }
                case "freeze" -> o.freeze = bool(opt);
                case "delimiter" -> delimiter = opt.value();
                case "null" -> o.nullString = opt.value();
                case "header" -> {
                    if (opt.value() != null && opt.value().equalsIgnoreCase("match")) {
                        if (!from) {
                            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                                    "cannot use \"match\" with HEADER in COPY TO");
                        }
                        o.header = true;
                    } else {
                        o.header = bool(opt);
                    }
                }
                case "quote" -> quote = opt.value();
                case "escape" -> escape = opt.value();
                case "force_quote" -> {
                    if (opt.columns() == null) {
                        o.forceQuoteAll = true;
                    } else {
                        o.forceQuote = opt.columns();
                    }
                }
                case "force_not_null" -> o.forceNotNull = columns(opt);
                case "force_null" -> o.forceNull = columns(opt);
                case "encoding" -> o.encoding = opt.value();
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "option \"" + name + "\" not recognized");
            }
        }
        if (o.format == Format.BINARY && delimiter != null) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "cannot specify DELIMITER in BINARY mode");
        }
        if (o.format == Format.BINARY && o.nullString != null) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "cannot specify NULL in BINARY mode");
        }
        if (delimiter != null && delimiter.length() != 1) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY delimiter must be a single one-byte character");
        }
        o.delimiter = delimiter != null ? delimiter.charAt(0) : o.csv() ? ',' : '\t';
        if (o.nullString == null) {
            o.nullString = o.csv() ? "" : "\\N";
        }
        if (o.delimiter == '\r' || o.delimiter == '\n') {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "COPY delimiter cannot be newline or carriage return");
        }
        if (o.nullString.indexOf('\r') >= 0 || o.nullString.indexOf('\n') >= 0) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "COPY null representation cannot use newline or carriage return");
        }
        if (!o.csv() && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf(o.delimiter) >= 0) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "COPY delimiter cannot be \"" + o.delimiter + "\"");
        }
        if (o.format == Format.BINARY && o.header) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot specify HEADER in BINARY mode");
        }
        if (!o.csv() && quote != null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote available only in CSV mode");
        }
        if (quote != null && quote.length() != 1) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote must be a single one-byte character");
        }
        o.quote = quote != null ? quote.charAt(0) : '"';
        if (o.csv() && o.delimiter == o.quote) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter and quote must be different");
        }
        if (!o.csv() && escape != null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY escape available only in CSV mode");
        }
        if (escape != null && escape.length() != 1) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY escape must be a single one-byte character");
        }
        o.escape = escape != null ? escape.charAt(0) : o.quote;
        if (!o.csv() && (o.forceQuoteAll || !o.forceQuote.isEmpty())) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY force quote available only in CSV mode");
        }
        if ((o.forceQuoteAll || !o.forceQuote.isEmpty()) && from) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY force quote only available using COPY TO");
        }
        if (!o.csv() && !o.forceNotNull.isEmpty()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY force not null available only in CSV mode");
        }
        if (!o.forceNotNull.isEmpty() && !from) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY force not null only available using COPY FROM");
        }
        if (!o.csv() && !o.forceNull.isEmpty()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY force null available only in CSV mode");
        }
        if (!o.forceNull.isEmpty() && !from) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY force null only available using COPY FROM");
        }
        if (o.csv() && o.nullString.indexOf(o.delimiter) >= 0) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY delimiter must not appear in the NULL specification");
        }
        if (o.csv() && o.nullString.indexOf(o.quote) >= 0) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "CSV quote character must not appear in the NULL specification");
        }
        return o;
    }

    private static List<String> columns(Option opt) {
        return opt.columns() == null ? List.of() : new ArrayList<>(opt.columns());
    }

    private static boolean bool(Option opt) {
        if (opt.value() == null) {
            return true;
        }
        return switch (opt.value().toLowerCase()) {
            case "true", "on", "1", "yes" -> true;
            case "false", "off", "0", "no" -> false;
            default -> throw PgException.error(SqlState.SYNTAX_ERROR,
                    opt.name() + " requires a Boolean value");
        };
    }
}
