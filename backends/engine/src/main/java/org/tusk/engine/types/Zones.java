package org.tusk.engine.types;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Time zone names as PostgreSQL accepts them in input and AT TIME ZONE: IANA
 * names matched without regard to case (java.time's rules stand in for the
 * tz database), and the common abbreviations of PostgreSQL's Default set as
 * fixed offsets.
 */
public final class Zones {
    private Zones() {}

    private static final Map<String, ZoneId> BY_LOWER_NAME = new HashMap<>();
    private static final Map<String, ZoneId> ABBREVIATIONS = new HashMap<>();

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            BY_LOWER_NAME.put(id.toLowerCase(Locale.ROOT), ZoneId.of(id));
        }
        abbrev("utc", 0);
        abbrev("gmt", 0);
        abbrev("z", 0);
        abbrev("zulu", 0);
        abbrev("ut", 0);
        abbrev("pst", -8 * 60);
        abbrev("pdt", -7 * 60);
        abbrev("mst", -7 * 60);
        abbrev("mdt", -6 * 60);
        abbrev("cst", -6 * 60);
        abbrev("cdt", -5 * 60);
        abbrev("est", -5 * 60);
        abbrev("edt", -4 * 60);
        abbrev("akst", -9 * 60);
        abbrev("akdt", -8 * 60);
        abbrev("hst", -10 * 60);
        abbrev("ast", -4 * 60);
        abbrev("adt", -3 * 60);
        abbrev("nst", -(3 * 60 + 30));
        abbrev("ndt", -(2 * 60 + 30));
        abbrev("wet", 0);
        abbrev("west", 60);
        abbrev("bst", 60);
        abbrev("cet", 60);
        abbrev("cest", 2 * 60);
        abbrev("met", 60);
        abbrev("mest", 2 * 60);
        abbrev("eet", 2 * 60);
        abbrev("eest", 3 * 60);
        abbrev("msk", 3 * 60);
        abbrev("ist", 2 * 60);
        abbrev("jst", 9 * 60);
        abbrev("kst", 9 * 60);
        abbrev("hkt", 8 * 60);
        abbrev("awst", 8 * 60);
        abbrev("acst", 9 * 60 + 30);
        abbrev("aest", 10 * 60);
        abbrev("aedt", 11 * 60);
        abbrev("nzst", 12 * 60);
        abbrev("nzdt", 13 * 60);
    }

    /** The abbreviations above that name daylight-saving time (PostgreSQL's Default set marks them D). */
    private static final java.util.Set<String> DAYLIGHT = java.util.Set.of("pdt", "mdt", "cdt", "edt", "akdt", "adt",
            "ndt", "west", "bst", "cest", "mest", "eest", "aedt", "nzdt");

    /** Every abbreviation recognized in datetime input, lower-cased, sorted, with its offset (pg_timezone_abbrevs). */
    public static java.util.SortedMap<String, ZoneOffset> abbreviations() {
        java.util.SortedMap<String, ZoneOffset> out = new java.util.TreeMap<>();
        ABBREVIATIONS.forEach((name, zone) -> out.put(name, (ZoneOffset) zone));
        return out;
    }

    /** Whether the abbreviation {@code name} (lower-cased) names daylight-saving time. */
    public static boolean isDaylight(String name) {
        return DAYLIGHT.contains(name);
    }

    private static void abbrev(String name, int minutesEast) {
        ABBREVIATIONS.put(name, ZoneOffset.ofTotalSeconds(minutesEast * 60));
    }

    /** The zone for a name or abbreviation, or null if PostgreSQL would not recognise it. */
    public static ZoneId lookup(String name) {
        String k = name.toLowerCase(Locale.ROOT);
        ZoneId z = ABBREVIATIONS.get(k);
        if (z != null) {
            return z;
        }
        return BY_LOWER_NAME.get(k);
    }

    /** Whether {@code name} is an abbreviation (a fixed offset, no daylight-saving rules). */
    public static boolean isAbbreviation(String name) {
        return ABBREVIATIONS.containsKey(name.toLowerCase(Locale.ROOT));
    }
}
