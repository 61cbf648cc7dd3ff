package org.tusk.engine.catalog.sysviews;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.api.setting.GucUnit;
import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.guc.GucContext;
import org.tusk.engine.guc.GucTable;
import org.tusk.engine.guc.GucType;
import org.tusk.engine.guc.GucVariable;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * pg_settings (pg_show_all_settings()) as a computed relation until views
 * and set-returning functions in FROM run: one row per setting of the GUC
 * table, with PostgreSQL 15's columns. {@code setting} is in the
 * variable's base unit ("4096" with unit "kB" where SHOW says 4MB), as in
 * PostgreSQL; {@code source} is "default" when the value is the boot value
 * and "session" otherwise (Tusk does not track where a value came from yet).
 */
public final class PgSettings implements VirtualRelation {

    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("name", PgType.TEXT, -1),
            new RelationColumn("setting", PgType.TEXT, -1),
            new RelationColumn("unit", PgType.TEXT, -1),
            new RelationColumn("category", PgType.TEXT, -1),
            new RelationColumn("short_desc", PgType.TEXT, -1),
            new RelationColumn("extra_desc", PgType.TEXT, -1),
            new RelationColumn("context", PgType.TEXT, -1),
            new RelationColumn("vartype", PgType.TEXT, -1),
            new RelationColumn("source", PgType.TEXT, -1),
            new RelationColumn("min_val", PgType.TEXT, -1),
            new RelationColumn("max_val", PgType.TEXT, -1),
            new RelationColumn("enumvals", PgType.TEXT_ARRAY, -1),
            new RelationColumn("boot_val", PgType.TEXT, -1),
            new RelationColumn("reset_val", PgType.TEXT, -1),
            new RelationColumn("sourcefile", PgType.TEXT, -1),
            new RelationColumn("sourceline", PgType.INT4, -1),
            new RelationColumn("pending_restart", PgType.BOOL, -1));

    @Override
    public String name() {
        return "pg_settings";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        List<Object[]> rows = new ArrayList<>();
        for (GucVariable v : GucTable.INSTANCE.all()) {
            String shown = session.currentSetting(v.name(), true);
            if (shown == null) {
                continue;
            }
            Object[] r = new Object[COLUMNS.size()];
            r[0] = v.name();
            r[1] = raw(v, shown);
            r[2] = unitName(v);
            r[3] = "Ungrouped";
            r[4] = v.description();
            r[6] = contextName(v.context());
            r[7] = v.type().name().toLowerCase(Locale.ROOT).replace("int", "integer");
            String boot = raw(v, v.bootValue());
            r[8] = java.util.Objects.equals(r[1], boot) ? "default" : "session";
            if (v.type() == GucType.INT || v.type() == GucType.REAL) {
                r[9] = Long.toString(v.min());
                r[10] = Long.toString(v.max());
            }
            if (v.type() == GucType.ENUM) {
                r[11] = ArrayValue.of(PgType.TEXT, v.enumValues().toArray());
            }
            r[12] = boot;
            r[13] = r[1];
            r[16] = false;
            rows.add(r);
        }
        return rows;
    }

    /** The value in the variable's base unit, as pg_settings.setting shows it. */
    private static String raw(GucVariable v, String shown) {
        if (shown == null || v.type() != GucType.INT || v.unit() == null || v.unit() == GucUnit.NONE) {
            return shown;
        }
        Long base = v.unit().parse(shown);
        return base == null ? shown : base.toString();
    }

    private static String unitName(GucVariable v) {
        if (v.unit() == null) {
            return null;
        }
        switch (v.unit()) {
            case KB: return "kB";
            case BLOCKS_8KB: return "8kB";
            case MS: return "ms";
            case S: return "s";
            case MIN: return "min";
            default: return null;
        }
    }

    private static String contextName(GucContext c) {
        switch (c) {
            case INTERNAL: return "internal";
            case POSTMASTER: return "postmaster";
            case SIGHUP: return "sighup";
            case SUPERUSER: return "superuser";
            default: return "user";
        }
    }
}
