package org.tusk.api.setting;

import java.util.Locale;

/**
 * GUC_UNIT_*: integer settings with memory or time units, parsed from "4MB" or
 * "1s" and shown in the largest unit that divides the value exactly, as
 * PostgreSQL's convert_to_base_unit / convert_int_from_base_unit do.
 */
public enum GucUnit {
    NONE(null, new String[0], new long[0]),
    KB("kB", new String[] {"TB", "GB", "MB", "kB", "B"}, new long[] {1L << 30, 1L << 20, 1L << 10, 1, -1}),
    BLOCKS_8KB("8kB", new String[] {"TB", "GB", "MB", "kB", "B"}, new long[] {1L << 30, 1L << 20, 1L << 10, 1, -1}),
    MS("ms", new String[] {"d", "h", "min", "s", "ms", "us"}, new long[] {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L, -1}),
    S("s", new String[] {"d", "h", "min", "s", "ms", "us"}, new long[] {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L, -1}),
    MIN("min", new String[] {"d", "h", "min", "s", "ms", "us"}, new long[] {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L, -1});

    private final String baseName;
    private final String[] names;
    /** Multipliers to kB (memory) or ms (time); -1 marks the sub-unit (B, us). */
    private final long[] factors;

    GucUnit(String baseName, String[] names, long[] factors) {
        this.baseName = baseName;
        this.names = names;
        this.factors = factors;
    }

    private boolean isMemory() {
        return this == KB || this == BLOCKS_8KB;
    }

    /** Size of one base unit in kB or ms. */
    private long baseFactor() {
        switch (this) {
            case KB: return 1;
            case BLOCKS_8KB: return 8;
            case MS: return 1;
            case S: return 1000;
            case MIN: return 60_000;
            default: return 1;
        }
    }

    /**
     * Parses "4MB", "1500", "1.5s" into the base unit; null when malformed.
     * Every process that reads a setting (engine, storage) parses it here, so
     * they agree on what "128MB" means.
     */
    public Long parse(String text) {
        String s = text.trim();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '-'
                || s.charAt(i) == '+')) {
            i++;
        }
        String number = s.substring(0, i);
        String unit = s.substring(i).trim();
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return null;
        }
        if (unit.isEmpty()) {
            return Math.round(value);
        }
        if (this == NONE) {
            return null;
        }
        for (int k = 0; k < names.length; k++) {
            if (names[k].equals(unit)) {
                double inUnits;
                if (factors[k] == -1) {
                    inUnits = isMemory() ? value / 1024.0 : value / 1000.0;
                } else {
                    inUnits = value * factors[k];
                }
                return Math.round(inUnits / baseFactor());
            }
        }
        return null;
    }

    public String hint() {
        if (isMemory()) {
            return "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";
        }
        return "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";
    }

    /** The value in the largest unit that divides it, e.g. 4096 kB shows as "4MB". */
    public String format(long baseValue) {
        if (this == NONE) {
            return Long.toString(baseValue);
        }
        if (baseValue == 0 || baseValue == -1) {
            return baseValue + (isMemory() ? "" : "");
        }
        long inSmallest = baseValue * baseFactor();
        for (int k = 0; k < names.length; k++) {
            if (factors[k] <= 0) {
                continue;
            }
            if (inSmallest % factors[k] == 0) {
                return (inSmallest / factors[k]) + names[k];
            }
        }
        return baseValue + (baseName == null ? "" : baseName);
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
