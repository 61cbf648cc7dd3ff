package org.tusk.engine.commands.sequence;

import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.types.PgType;

/**
 * A sequence's pg_sequence row (seqtypid, seqstart, seqincrement, seqmax,
 * seqmin, seqcache, seqcycle), built from CREATE/ALTER SEQUENCE options with
 * sequence.c's init_params defaults and checks.
 */
public record SequenceParameters(PgType type, long start, long increment, long max, long min, long cache,
        boolean cycle) {

    /** One option: {@code name} with its value (null for NO MINVALUE / NO MAXVALUE / a bare CYCLE). */
    public record Option(String name, Object value) {
    }

    /** CREATE SEQUENCE's parameters (existing == null) or ALTER SEQUENCE's changes to {@code existing}. */
    public static SequenceParameters from(List<Option> options, SequenceParameters existing) {
        PgType type = existing != null ? existing.type : PgType.INT8;
        Long increment = null;
        Long min = null;
        Long max = null;
        Long start = null;
        Long cache = null;
        Boolean cycle = null;
        boolean noMin = false;
        boolean noMax = false;
        boolean typeChanged = false;
        for (Option o : options) {
            switch (o.name().toLowerCase()) {
                case "as" -> {
                    PgType t = o.value() instanceof PgType p ? p : null;
                    if (t != PgType.INT2 && t != PgType.INT4 && t != PgType.INT8) {
                        throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                                "sequence type must be smallint, integer, or bigint");
                    }
                    typeChanged = existing == null || t != existing.type;
                    type = t;
                }
                case "increment" -> increment = asLong(o.value());
                case "minvalue" -> {
                    if (o.value() == null) {
                        noMin = true;
                    } else {
                        min = asLong(o.value());
                    }
                }
                case "maxvalue" -> {
                    if (o.value() == null) {
                        noMax = true;
                    } else {
                        max = asLong(o.value());
                    }
                }
                case "start" -> start = asLong(o.value());
                case "cache" -> cache = asLong(o.value());
                case "cycle" -> cycle = o.value() == null || Boolean.TRUE.equals(o.value());
                case "restart", "owned_by", "sequence_name" -> {
                    // handled by the command
                }
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "option \"" + o.name() + "\" not recognized");
            }
        }
        long inc = increment != null ? increment : existing != null ? existing.increment : 1;
        if (inc == 0) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        }
        long typeMax = switch (type) {
            case INT2 -> Short.MAX_VALUE;
            case INT4 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        long typeMin = switch (type) {
            case INT2 -> Short.MIN_VALUE;
            case INT4 -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        // init_params: changing the type moves a bound that was the old type's limit to the new type's
        boolean resetMax = false;
        boolean resetMin = false;
        if (existing != null && typeChanged) {
            resetMax = existing.max == typeMax(existing.type);
            resetMin = existing.min == typeMin(existing.type);
        }
        long maxValue;
        if (max != null) {
            maxValue = max;
        } else if (existing == null || noMax || resetMax) {
            maxValue = inc > 0 || resetMax ? typeMax : -1;
        } else {
            maxValue = existing.max;
        }
        long minValue;
        if (min != null) {
            minValue = min;
        } else if (existing == null || noMin || resetMin) {
            minValue = inc < 0 || resetMin ? typeMin : 1;
        } else {
            minValue = existing.min;
        }
        if (maxValue < typeMin || maxValue > typeMax) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "MAXVALUE (" + maxValue
                    + ") is out of range for sequence data type " + sqlName(type));
        }
        if (minValue < typeMin || minValue > typeMax) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + minValue
                    + ") is out of range for sequence data type " + sqlName(type));
        }
        if (minValue >= maxValue) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + minValue
                    + ") must be less than MAXVALUE (" + maxValue + ")");
        }
        long startValue = start != null ? start : existing != null ? existing.start : inc > 0 ? minValue : maxValue;
        if (startValue < minValue) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + startValue
                    + ") cannot be less than MINVALUE (" + minValue + ")");
        }
        if (startValue > maxValue) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + startValue
                    + ") cannot be greater than MAXVALUE (" + maxValue + ")");
        }
        long cacheValue = cache != null ? cache : existing != null ? existing.cache : 1;
        if (cacheValue <= 0) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "CACHE (" + cacheValue
                    + ") must be greater than zero");
        }
        boolean cycles = cycle != null ? cycle : existing != null && existing.cycle;
        return new SequenceParameters(type, startValue, inc, maxValue, minValue, cacheValue, cycles);
    }

    private static long typeMax(PgType type) {
        return switch (type) {
            case INT2 -> Short.MAX_VALUE;
            case INT4 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    private static long typeMin(PgType type) {
        return switch (type) {
            case INT2 -> Short.MIN_VALUE;
            case INT4 -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    /** format_type's name for the three sequence types. */
    static String sqlName(PgType type) {
        return switch (type) {
            case INT2 -> "smallint";
            case INT4 -> "integer";
            default -> "bigint";
        };
    }

    private static long asLong(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "invalid sequence option value \"" + v + "\"");
        }
    }
}
