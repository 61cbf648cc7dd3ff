package org.tusk.engine.catalog.sysviews;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.types.Interval;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.Zones;

/**
 * pg_timezone_abbrevs (PostgreSQL 15's columns): the time zone abbreviations datetime input recognizes,
 * upper-cased as PostgreSQL shows them, with their UTC offset and whether they name daylight-saving
 * time. Tusk recognizes the common part of PostgreSQL's Default set ({@link Zones}), so the list is
 * shorter than PostgreSQL's (which follows timezone_abbreviations).
 */
public final class PgTimezoneAbbrevs implements VirtualRelation {

    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("abbrev", PgType.TEXT, -1),
            new RelationColumn("utc_offset", PgType.INTERVAL, -1),
            new RelationColumn("is_dst", PgType.BOOL, -1));

    @Override
    public String name() {
        return "pg_timezone_abbrevs";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, ZoneOffset> e : Zones.abbreviations().entrySet()) {
            rows.add(new Object[] {e.getKey().toUpperCase(Locale.ROOT),
                new Interval(0, 0, e.getValue().getTotalSeconds() * 1_000_000L), Zones.isDaylight(e.getKey())});
        }
        return rows;
    }
}
