package org.tusk.engine.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.tusk.api.backend.BackendActivity;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.CreatedbStmt;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.DropdbStmt;
import org.tusk.lmgr.LockMode;

/**
 * dbcommands.c: CREATE DATABASE with the file-copy strategy (the template's
 * dirty buffers are written first, then its directory is copied and synced
 * before the pg_database row commits; the copy is removed at abort), DROP
 * DATABASE (row at once, files and buffers at commit), and ALTER DATABASE
 * ... SET/RESET in pg_db_role_setting, which session start applies
 * ({@link #settingsFor}).
 */
public final class DatabaseCommands {

    /** pg_db_role_setting. */
    public static final int PG_DB_ROLE_SETTING = 2964;
    /** DatabaseRelationId, for locks on databases. */
    private static final int DATABASE_RELATION_ID = SystemCatalogs.PG_DATABASE;

    private DatabaseCommands() {
    }

    /** A pg_database row: oid, name, whether it is a template, whether it accepts connections. */
    public record DatabaseRow(int oid, String name, boolean isTemplate, boolean allowConnections, CatalogTuple tuple) {
    }

    /** The pg_database row named {@code name}, or null. */
    public static DatabaseRow find(org.tusk.engine.catalog.CatalogAccess access, String name) {
        Catalog db = SystemCatalogs.require(SystemCatalogs.PG_DATABASE);
        int nameCol = db.columnIndex("datname");
        for (CatalogTuple t : access.scan(SystemCatalogs.PG_DATABASE, r -> name.equals(r[nameCol]))) {
            return new DatabaseRow(((Long) t.get(db, "oid")).intValue(), name,
                    Boolean.TRUE.equals(t.get(db, "datistemplate")), Boolean.TRUE.equals(t.get(db, "datallowconn")), t);
        }
        return null;
    }

    /** CREATE DATABASE name [WITH] [TEMPLATE x] [OWNER r] [ENCODING e] ...; outside transaction blocks only. */
    public static String create(DdlContext ctx, CreatedbStmt stmt, int myDatabaseOid, int myPid,
            List<BackendActivity> sessions) {
        String templateName = "template1";
        for (DefElem opt : stmt.options()) {
            switch (opt.defname()) {
                case "template" -> templateName = optionText(opt);
                case "owner", "encoding", "lc_collate", "lc_ctype", "locale", "locale_provider", "icu_locale",
                        "collation_version", "connection_limit", "allow_connections", "is_template", "tablespace",
                        "strategy", "oid" -> {
                }
                default -> throw Ereport.error(SqlState.SYNTAX_ERROR, "option \"" + opt.defname() + "\" not recognized",
                        opt.location() + 1);
            }
        }
        // serialize database creation and dropping (PostgreSQL locks pg_database's rows; one lock is enough here)
        ctx.txn().lockRelation(SystemCatalogs.PG_DATABASE, true, LockMode.SHARE_UPDATE_EXCLUSIVE, ctx.access().level());
        if (find(ctx.access(), stmt.dbname()) != null) {
            throw Ereport.error("42P04", "database \"" + stmt.dbname() + "\" already exists");
        }
        DatabaseRow template = find(ctx.access(), templateName);
        if (template == null) {
            throw Ereport.error(SqlState.INVALID_CATALOG_NAME, "template database \"" + templateName + "\" does not exist");
        }
        ctx.txn().lockObject(DATABASE_RELATION_ID, template.oid(), true, LockMode.SHARE, ctx.access().level());
        int others = otherSessions(sessions, templateName, template.oid() == myDatabaseOid ? myPid : -1);
        if (others > 0 || template.oid() == myDatabaseOid) {
            throw PgException.error(SqlState.OBJECT_IN_USE,
                    "source database \"" + templateName + "\" is being accessed by other users")
                    .withDetail(sessionsDetail(Math.max(others, 1)));
        }

        int oid = (int) ctx.newOid();
        Catalog db = SystemCatalogs.require(SystemCatalogs.PG_DATABASE);
        Object[] row = template.tuple().values().clone();
        row[db.columnIndex("oid")] = Integer.toUnsignedLong(oid);
        row[db.columnIndex("datname")] = stmt.dbname();
        row[db.columnIndex("datdba")] = ownerOid(ctx);
        row[db.columnIndex("datistemplate")] = false;
        row[db.columnIndex("datallowconn")] = true;
        row[db.columnIndex("datacl")] = null;
        ctx.access().insert(SystemCatalogs.PG_DATABASE, row);

        // the file-copy strategy: the template's pages on disk, then its directory copied and synced
        ctx.storage().flushBuffers();
        Path base = ctx.storage().dataDirectory().resolve("base");
        Path source = base.resolve(Integer.toUnsignedString(template.oid()));
        Path target = base.resolve(Integer.toUnsignedString(oid));
        ctx.txn().onAbort(() -> removeDirectory(target));
        copyDirectory(source, target);
        ctx.commandCounterIncrement();
        return "CREATE DATABASE";
    }

    private static long ownerOid(DdlContext ctx) {
        Catalog authid = SystemCatalogs.require(SystemCatalogs.PG_AUTHID);
        int nameCol = authid.columnIndex("rolname");
        for (CatalogTuple t : ctx.access().scan(SystemCatalogs.PG_AUTHID, r -> ctx.user() != null
                && ctx.user().equals(r[nameCol]))) {
            return (Long) t.get(authid, "oid");
        }
        return 10L;
    }

    /** DROP DATABASE [IF EXISTS] name; outside transaction blocks only. */
    public static String drop(DdlContext ctx, DropdbStmt stmt, int myDatabaseOid, List<BackendActivity> sessions,
            int myPid) {
        ctx.txn().lockRelation(SystemCatalogs.PG_DATABASE, true, LockMode.SHARE_UPDATE_EXCLUSIVE, ctx.access().level());
        DatabaseRow target = find(ctx.access(), stmt.dbname());
        if (target == null) {
            if (stmt.missingOk()) {
                ctx.notice(Naming.skippingNotice(SqlState.SUCCESSFUL_COMPLETION,
                        "database \"" + stmt.dbname() + "\" does not exist, skipping"));
                return "DROP DATABASE";
            }
            throw Ereport.error(SqlState.INVALID_CATALOG_NAME, "database \"" + stmt.dbname() + "\" does not exist");
        }
        if (target.oid() == myDatabaseOid) {
            throw Ereport.error(SqlState.OBJECT_IN_USE, "cannot drop the currently open database");
        }
        if (target.isTemplate()) {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "cannot drop a template database");
        }
        ctx.txn().lockObject(DATABASE_RELATION_ID, target.oid(), true, LockMode.ACCESS_EXCLUSIVE, ctx.access().level());
        int others = otherSessions(sessions, stmt.dbname(), myPid);
        if (others > 0) {
            throw PgException.error(SqlState.OBJECT_IN_USE,
                    "database \"" + stmt.dbname() + "\" is being accessed by other users")
                    .withDetail(sessionsDetail(others));
        }
        ctx.access().delete(SystemCatalogs.PG_DATABASE, target.tuple().tid());
        Catalog settings = SystemCatalogs.require(PG_DB_ROLE_SETTING);
        int setdb = settings.columnIndex("setdatabase");
        long dbOid = Integer.toUnsignedLong(target.oid());
        ctx.deleteWhere(PG_DB_ROLE_SETTING, r -> dbOid == (Long) r[setdb]);
        Path dir = ctx.storage().dataDirectory().resolve("base").resolve(Integer.toUnsignedString(target.oid()));
        ctx.txn().onCommit(() -> {
            // DropDatabaseBuffers: nothing of it may be written back later, whichever fork or file it belongs
            // to (autovacuum cannot dirty more: it locks the database object and sees the drop committed)
            for (int relNumber : relationNumbers(dir)) {
                ctx.storage().dropBuffers(RelFileLocator.of(target.oid(), relNumber));
            }
            ctx.storage().dropDatabaseBuffers(target.oid());
            removeDirectory(dir);
        });
        ctx.commandCounterIncrement();
        return "DROP DATABASE";
    }

    /** ALTER DATABASE name SET var = value (flattened), or RESET var ({@code value} null), or RESET ALL ({@code name} null). */
    public static String alterSet(DdlContext ctx, String dbname, String name, String value) {
        DatabaseRow target = find(ctx.access(), dbname);
        if (target == null) {
            throw Ereport.error(SqlState.INVALID_CATALOG_NAME, "database \"" + dbname + "\" does not exist");
        }
        ctx.txn().lockObject(DATABASE_RELATION_ID, target.oid(), true, LockMode.ROW_EXCLUSIVE, ctx.access().level());
        Catalog settings = SystemCatalogs.require(PG_DB_ROLE_SETTING);
        int setdb = settings.columnIndex("setdatabase");
        int setrole = settings.columnIndex("setrole");
        int setconfig = settings.columnIndex("setconfig");
        long dbOid = Integer.toUnsignedLong(target.oid());
        List<CatalogTuple> rows = ctx.rows(PG_DB_ROLE_SETTING, r -> dbOid == (Long) r[setdb] && 0L == (Long) r[setrole]);
        List<String> config = new ArrayList<>();
        if (!rows.isEmpty() && rows.get(0).values()[setconfig] != null) {
            for (Object o : (Object[]) rows.get(0).values()[setconfig]) {
                config.add((String) o);
            }
        }
        if (name == null) {
            config.clear();
        } else {
            config.removeIf(s -> s.substring(0, s.indexOf('=')).equalsIgnoreCase(name));
            if (value != null) {
                config.add(name + "=" + value);
            }
        }
        for (CatalogTuple t : rows) {
            ctx.access().delete(PG_DB_ROLE_SETTING, t.tid());
        }
        if (!config.isEmpty()) {
            Map<String, Object> v = new HashMap<>();
            v.put("setdatabase", dbOid);
            v.put("setrole", 0L);
            v.put("setconfig", config.toArray());
            ctx.insert(PG_DB_ROLE_SETTING, v);
        }
        ctx.commandCounterIncrement();
        return "ALTER DATABASE";
    }

    /**
     * process_settings at session start: the {@code name=value} settings of
     * pg_db_role_setting that apply to this database and role, least
     * specific first (database, then role, then database and role).
     */
    public static List<String> settingsFor(org.tusk.engine.catalog.CatalogAccess access, int databaseOid,
            long roleOid) {
        Catalog settings = SystemCatalogs.require(PG_DB_ROLE_SETTING);
        int setdb = settings.columnIndex("setdatabase");
        int setrole = settings.columnIndex("setrole");
        int setconfig = settings.columnIndex("setconfig");
        long dbOid = Integer.toUnsignedLong(databaseOid);
        List<String> out = new ArrayList<>();
        long[][] order = {{dbOid, 0L}, {0L, roleOid}, {dbOid, roleOid}};
        List<CatalogTuple> all = access.scan(PG_DB_ROLE_SETTING);
        for (long[] key : order) {
            for (CatalogTuple t : all) {
                Object[] r = t.values();
                if ((Long) r[setdb] == key[0] && (Long) r[setrole] == key[1] && r[setconfig] != null) {
                    for (Object o : (Object[]) r[setconfig]) {
                        out.add((String) o);
                    }
                }
            }
        }
        return out;
    }

    private static int otherSessions(List<BackendActivity> sessions, String dbname, int myPid) {
        int n = 0;
        for (BackendActivity a : sessions) {
            if (dbname.equals(a.database()) && a.pid() != myPid
                    && (a.backendType() == null || a.backendType().equals("client backend"))) {
                n++;
            }
        }
        return n;
    }

    private static String sessionsDetail(int n) {
        return n == 1 ? "There is 1 other session using the database."
                : "There are " + n + " other sessions using the database.";
    }

    private static String optionText(DefElem opt) {
        Object arg = opt.arg();
        if (arg instanceof AConst c) {
            return c.val();
        }
        return String.valueOf(arg);
    }

    private static void copyDirectory(Path source, Path target) {
        try {
            Files.createDirectories(target);
            List<Path> files;
            try (Stream<Path> s = Files.list(source)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            for (Path f : files) {
                Path to = target.resolve(f.getFileName());
                Files.copy(f, to);
                try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            try (FileChannel dir = FileChannel.open(target, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException notSupported) {
                // directories cannot be opened for fsync on every platform
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy database directory " + source + " to " + target, e);
        }
    }

    private static List<Integer> relationNumbers(Path dir) {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                String name = p.getFileName().toString();
                int end = 0;
                while (end < name.length() && Character.isDigit(name.charAt(end))) {
                    end++;
                }
                if (end > 0 && end == name.length()) {
                    out.add(Integer.parseUnsignedInt(name));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void removeDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
