package org.tusk.engine.catalog.sysviews;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.types.DateStyle;
import org.tusk.engine.types.Interval;
import org.tusk.engine.types.PgType;

/**
 * pg_timezone_names (PostgreSQL 15's columns): every time zone name the server accepts, with its
 * abbreviation, UTC offset and whether daylight saving time is in effect now (pg_timezone_names()
 * walks the tz database's directory the same way). java.time's zone rules stand in for the tz
 * database (as in {@code types.Zones}), so the list is the JDK's, without its legacy SystemV names.
 */
public final class PgTimezoneNames implements VirtualRelation {

    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("name", PgType.TEXT, -1),
            new RelationColumn("abbrev", PgType.TEXT, -1),
            new RelationColumn("utc_offset", PgType.INTERVAL, -1),
            new RelationColumn("is_dst", PgType.BOOL, -1));

    @Override
    public String name() {
        return "pg_timezone_names";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>();
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            if (id.startsWith("SystemV/")) {
                continue;
            }
            ZonedDateTime z = now.atZone(ZoneId.of(id));
            rows.add(new Object[] {id, DateStyle.abbreviation(z),
                new Interval(0, 0, z.getOffset().getTotalSeconds() * 1_000_000L),
                z.getZone().getRules().isDaylightSavings(now)});
        }
        return rows;
    }
}
