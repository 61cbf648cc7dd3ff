package org.tusk.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The role store of a cluster whose shared catalogs are still initdb's text
 * files, {@code global/pg_authid} and {@code global/pg_auth_members}.
 *
 * <p>pg_authid has one role a line: {@code oid name super [key=value ...]}.
 * The first three fields are what older readers (the engine's ClusterCatalog,
 * the backend's warm-up) parse; the keys carry the rest: {@code inherit},
 * {@code createrole}, {@code createdb}, {@code login}, {@code replication},
 * {@code bypassrls} (t/f), {@code connlimit}, {@code password} (the verifier) and
 * {@code validuntil} (microseconds since 2000-01-01 UTC). A missing key means
 * what initdb's bootstrap superuser has: login, inherit, and the other flags
 * equal to {@code super}. Names are written with %XX escapes for whitespace and
 * '%', so a line always splits on blanks. The bootstrap superuser stays the
 * first line.
 *
 * <p>pg_auth_members has {@code roleid member grantor admin} a line.
 *
 * <p>Every read parses the files again (they are small and change rarely), so a
 * new connection sees roles another backend just created. Changes hold an
 * exclusive lock on {@code global/pg_authid.lock}, re-read, and replace each
 * file atomically (write a temporary file, then rename).
 */
public final class FileRoleStore implements RoleStore {
    /** FirstNormalObjectId: the first OID of an object created after initdb. */
    public static final long FIRST_NORMAL_OBJECT_ID = 16384;

    private final Path authid;
    private final Path members;
    private final Path lockFile;

    public FileRoleStore(Path dataDirectory) {
        Path global = dataDirectory.resolve("global");
        this.authid = global.resolve("pg_authid");
        this.members = global.resolve("pg_auth_members");
        this.lockFile = global.resolve("pg_authid.lock");
    }

    @Override
    public RoleRecord byName(String name) {
        for (RoleRecord r : roles()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public RoleRecord byOid(long oid) {
        for (RoleRecord r : roles()) {
            if (r.oid() == oid) {
                return r;
            }
        }
        return null;
    }

    @Override
    public List<RoleRecord> roles() {
        List<String> lines = readLines(authid);
        ParsedRoles parsed = parsedRoles;
        if (parsed != null && parsed.lines() == lines) {
            return new ArrayList<>(parsed.roles());
        }
        List<RoleRecord> out = new ArrayList<>();
        for (String line : lines) {
            RoleRecord r = parseRole(line);
            if (r != null) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingLong(RoleRecord::oid));
        parsedRoles = new ParsedRoles(lines, List.copyOf(out));
        return out;
    }

    /** The roles parsed from one version of the file's lines (the same list object while the file is unchanged). */
    private record ParsedRoles(List<String> lines, List<RoleRecord> roles) {
    }

    private volatile ParsedRoles parsedRoles;

    @Override
    public List<RoleMembership> memberships() {
        List<RoleMembership> out = new ArrayList<>();
        for (String line : readLines(members)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && !f[0].startsWith("#")) {
                try {
                    out.add(new RoleMembership(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), f[3].equals("t")));
                } catch (NumberFormatException e) {
                    // not a membership row
                }
            }
        }
        return out;
    }

    @Override
    public void create(RoleRecord role) {
        changeRoles(list -> {
            for (RoleRecord r : list) {
                if (r.oid() == role.oid() || r.name().equals(role.name())) {
                    throw new IllegalStateException("role " + role.name() + " or OID " + role.oid() + " exists");
                }
            }
            list.add(role);
        });
    }

    @Override
    public void update(RoleRecord role) {
        changeRoles(list -> list.replaceAll(r -> r.oid() == role.oid() ? role : r));
    }

    @Override
    public void drop(long oid) {
        changeRoles(list -> list.removeIf(r -> r.oid() == oid));
        changeMembers(list -> list.removeIf(m -> m.role() == oid || m.member() == oid));
    }

    @Override
    public void grantMembership(RoleMembership membership) {
        changeMembers(list -> {
            list.removeIf(m -> m.role() == membership.role() && m.member() == membership.member());
            list.add(membership);
        });
    }

    @Override
    public boolean revokeMembership(long role, long member) {
        boolean[] removed = new boolean[1];
        changeMembers(list -> removed[0] = list.removeIf(m -> m.role() == role && m.member() == member));
        return removed[0];
    }

    @Override
    public long newOid() {
        long max = FIRST_NORMAL_OBJECT_ID - 1;
        for (RoleRecord r : roles()) {
            max = Math.max(max, r.oid());
        }
        return max + 1;
    }

    /** Formats one pg_authid line; initdb writes the bootstrap superuser's line the same way. */
    public static String formatRole(RoleRecord r) {
        StringBuilder b = new StringBuilder();
        b.append(r.oid()).append(' ').append(escape(r.name())).append(' ').append(tf(r.superuser()));
        b.append(" inherit=").append(tf(r.inherit()));
        b.append(" createrole=").append(tf(r.createRole()));
        b.append(" createdb=").append(tf(r.createDb()));
        b.append(" login=").append(tf(r.canLogin()));
        b.append(" replication=").append(tf(r.replication()));
        b.append(" bypassrls=").append(tf(r.bypassRls()));
        b.append(" connlimit=").append(r.connectionLimit());
        if (r.password() != null) {
            b.append(" password=").append(escape(r.password()));
        }
        if (r.validUntil() != null) {
            b.append(" validuntil=").append(r.validUntil());
        }
        return b.toString();
    }

    /** Parses one pg_authid line, or returns null for a comment or a line that is not a role. */
    public static RoleRecord parseRole(String line) {
        String t = line.trim();
        if (t.isEmpty() || t.startsWith("#")) {
            return null;
        }
        String[] f = t.split("\\s+");
        if (f.length < 2) {
            return null;
        }
        long oid;
        try {
            oid = Long.parseLong(f[0]);
        } catch (NumberFormatException e) {
            return null;
        }
        String name = unescape(f[1]);
        boolean sup = f.length > 2 && f[2].equals("t");
        boolean inherit = true, createRole = sup, createDb = sup, login = true, replication = sup, bypassRls = sup;
        int connLimit = -1;
        String password = null;
        Long validUntil = null;
        for (int i = 3; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = f[i].substring(0, eq);
            String value = f[i].substring(eq + 1);
            switch (key) {
                case "inherit" -> inherit = value.equals("t");
                case "createrole" -> createRole = value.equals("t");
                case "createdb" -> createDb = value.equals("t");
                case "login" -> login = value.equals("t");
                case "replication" -> replication = value.equals("t");
                case "bypassrls" -> bypassRls = value.equals("t");
                case "connlimit" -> connLimit = Integer.parseInt(value);
                case "password" -> password = unescape(value);
                case "validuntil" -> validUntil = Long.parseLong(value);
                default -> { } // a later version's key: ignored
            }
        }
        return new RoleRecord(oid, name, sup, inherit, createRole, createDb, login, replication, bypassRls, connLimit,
                password, validUntil);
    }

    private void changeRoles(Consumer<List<RoleRecord>> change) {
        withLock(() -> {
            // Keep the file's order (the bootstrap superuser first), not OID order.
            List<RoleRecord> list = new ArrayList<>();
            for (String line : readLines(authid)) {
                RoleRecord r = parseRole(line);
                if (r != null) {
                    list.add(r);
                }
            }
            change.accept(list);
            StringBuilder b = new StringBuilder();
            for (RoleRecord r : list) {
                b.append(formatRole(r)).append('\n');
            }
            replace(authid, b.toString());
        });
    }

    private void changeMembers(Consumer<List<RoleMembership>> change) {
        withLock(() -> {
            List<RoleMembership> list = memberships();
            change.accept(list);
            StringBuilder b = new StringBuilder();
            for (RoleMembership m : list) {
                b.append(m.role()).append(' ').append(m.member()).append(' ').append(m.grantor()).append(' ')
                        .append(tf(m.adminOption())).append('\n');
            }
            replace(members, b.toString());
        });
    }

    private void withLock(Runnable action) {
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = ch.lock()) {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void replace(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file's lines, read again only when the file changed: sessions ask for roles at every
     * transaction end and privilege check, and a stat is far cheaper than reading and parsing.
     * Writers replace the file by an atomic rename, so the inode (file key) changes with every
     * write; modification time and size are checked as well.
     */
    private static List<String> readLines(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes attrs =
                    Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            Object version = List.of(String.valueOf(attrs.fileKey()), attrs.lastModifiedTime(), attrs.size());
            CachedLines cached = LINES.get(file);
            if (cached != null && cached.version().equals(version)) {
                return cached.lines();
            }
            List<String> lines = List.copyOf(Files.readAllLines(file, StandardCharsets.UTF_8));
            LINES.put(file, new CachedLines(version, lines));
            return lines;
        } catch (NoSuchFileException e) {
            LINES.remove(file);
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record CachedLines(Object version, List<String> lines) {
    }

    private static final java.util.concurrent.ConcurrentMap<Path, CachedLines> LINES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String tf(boolean b) {
        return b ? "t" : "f";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' || c <= ' ' || c == 0x7f) {
                b.append('%').append(String.format("%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
