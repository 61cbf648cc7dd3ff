package org.tusk.engine.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.error.SqlState;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.SystemCatalogs.Catalog;
import org.tusk.engine.commands.sequence.SequenceParameters;
import org.tusk.engine.commands.sequence.SequenceStorage;
import org.tusk.engine.commands.sequence.SequenceValue;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.AlterSeqStmt;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.CreateSeqStmt;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.TypeName;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.types.PgType;
import org.tusk.lmgr.LockMode;

/**
 * CREATE SEQUENCE and ALTER SEQUENCE (sequence.c DefineSequence /
 * AlterSequence): the pg_class row (relkind 'S', no access method, no
 * rowtype, as PostgreSQL 15), its three columns (last_value, log_cnt,
 * is_called), the pg_sequence row, the one-row relation in the heap
 * ({@link SequenceStorage}) and OWNED BY's automatic pg_depend edge to a
 * table column. SERIAL columns come through {@link #createOwned}.
 */
public final class SequenceCommands {

    /** pg_sequence. */
    public static final int PG_SEQUENCE = 2224;

    private SequenceCommands() {
    }

    public static String create(DdlContext ctx, CreateSeqStmt stmt) {
        String name = stmt.sequence().relname();
        int ns = Naming.creationNamespace(ctx, stmt.sequence());
        if (Naming.relationIn(ctx, name, ns) != null) {
            if (stmt.ifNotExists()) {
                ctx.notice(Naming.skippingNotice(DdlStates.DUPLICATE_TABLE,
                        "relation \"" + name + "\" already exists, skipping"));
                return "CREATE SEQUENCE";
            }
            throw Naming.alreadyExists("relation", name, -1);
        }
        SequenceParameters p = SequenceParameters.from(options(stmt.options()), null);
        int seqOid = define(ctx, name, ns, p);
        AnyName owner = ownedBy(stmt.options());
        if (owner != null) {
            setOwner(ctx, seqOid, owner);
        }
        return "CREATE SEQUENCE";
    }

    /**
     * A SERIAL column's sequence {@code name} in {@code ns} of type {@code type}, owned by
     * column {@code attnum} of table {@code tableOid} (which must exist by now).
     */
    public static void createOwned(DdlContext ctx, String name, int ns, PgType type, int tableOid, int attnum) {
        createOwned(ctx, name, ns, type, tableOid, attnum, null);
    }

    /** The same with an identity column's sequence options (GENERATED ... AS IDENTITY (START WITH ...)). */
    public static void createOwned(DdlContext ctx, String name, int ns, PgType type, int tableOid, int attnum,
            List<DefElem> identityOptions) {
        List<SequenceParameters.Option> opts = new java.util.ArrayList<>();
        opts.add(new SequenceParameters.Option("as", type));
        if (identityOptions != null) {
            opts.addAll(options(identityOptions));
        }
        SequenceParameters p = SequenceParameters.from(opts, null);
        int seqOid = define(ctx, name, ns, p);
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, seqOid, 0, SystemCatalogs.PG_CLASS, tableOid,
                attnum, "a");
    }

    /** Catalog rows and storage of a new sequence; its OID. */
    private static int define(DdlContext ctx, String name, int ns, SequenceParameters p) {
        int relOid = ctx.newRelationOid();
        Map<String, Object> cls = new HashMap<>();
        cls.put("oid", (long) relOid);
        cls.put("relname", name);
        cls.put("relnamespace", (long) ns);
        cls.put("reltype", 0L);
        cls.put("relowner", ctx.userOid() == 0 ? 10L : ctx.userOid());
        cls.put("relam", 0L);
        cls.put("relfilenode", (long) relOid);
        cls.put("reltuples", -1f);
        char persistence = ns != 0 && ns == ctx.relcache().tempNamespace() ? RelFileLocator.RELPERSISTENCE_TEMP : 'p';
        cls.put("relpersistence", String.valueOf(persistence));
        cls.put("relkind", "S");
        cls.put("relnatts", (short) 3);
        cls.put("relispopulated", true);
        cls.put("relreplident", "n");
        cls.put("relfrozenxid", 0L);
        cls.put("relminmxid", 0L);
        ctx.insert(SystemCatalogs.PG_CLASS, cls);
        CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, relOid, 0, SystemCatalogs.PG_NAMESPACE, ns, 0, "n");
        CreateTable.insertAttribute(ctx, relOid, 1, "last_value", PgType.INT8.oid(), -1, true);
        CreateTable.insertAttribute(ctx, relOid, 2, "log_cnt", PgType.INT8.oid(), -1, true);
        CreateTable.insertAttribute(ctx, relOid, 3, "is_called", PgType.BOOL.oid(), -1, true);
        ctx.insert(PG_SEQUENCE, sequenceRow(relOid, p));

        TableAccessMethod am = ctx.storage().tableAm("heap");
        RelFileLocator locator = RelFileLocator.of(ctx.txn().databaseOid(), relOid, persistence);
        am.createStorage(locator);
        ctx.txn().onAbort(() -> am.dropStorage(locator));
        SequenceStorage.initialize(am, locator, p, ctx.txn().context(ctx.access().level()));
        ctx.commandCounterIncrement();
        return relOid;
    }

    private static Map<String, Object> sequenceRow(int relOid, SequenceParameters p) {
        Map<String, Object> s = new HashMap<>();
        s.put("seqrelid", (long) relOid);
        s.put("seqtypid", (long) p.type().oid());
        s.put("seqstart", p.start());
        s.put("seqincrement", p.increment());
        s.put("seqmax", p.max());
        s.put("seqmin", p.min());
        s.put("seqcache", p.cache());
        s.put("seqcycle", p.cycle());
        return s;
    }

    public static String alter(DdlContext ctx, AlterSeqStmt stmt) {
        Integer oid = ctx.relcache().relationOid(stmt.sequence().schemaname(), stmt.sequence().relname(),
                ctx.searchPath());
        if (oid == null) {
            if (stmt.missingOk()) {
                ctx.notice(Naming.skippingNotice("00000",
                        "relation \"" + stmt.sequence().relname() + "\" does not exist, skipping"));
                return "ALTER SEQUENCE";
            }
            throw Ereport.error(SqlState.UNDEFINED_TABLE, "relation \"" + stmt.sequence().relname()
                    + "\" does not exist", stmt.sequence().location());
        }
        RelationDesc rel = ctx.relcache().open(oid, LockMode.SHARE_ROW_EXCLUSIVE);
        if (rel.kind() != 'S') {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a sequence");
        }
        CatalogTuple row = sequenceTuple(ctx, oid);
        SequenceParameters old = parameters(row.values());
        SequenceParameters p = SequenceParameters.from(options(stmt.options()), old);
        Catalog seq = SystemCatalogs.require(PG_SEQUENCE);
        Object[] values = row.values().clone();
        Map<String, Object> changed = sequenceRow(oid, p);
        for (Map.Entry<String, Object> e : changed.entrySet()) {
            values[seq.columnIndex(e.getKey())] = e.getValue();
        }
        ctx.access().update(PG_SEQUENCE, row.tid(), values);
        TableAccessMethod am = ctx.storage().tableAm("heap");
        for (DefElem d : stmt.options()) {
            if (d.defname().equals("restart")) {
                long restart = d.arg() == null ? p.start() : Long.parseLong(((AConst) d.arg()).val());
                if (restart < p.min()) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + restart
                            + ") cannot be less than MINVALUE (" + p.min() + ")");
                }
                if (restart > p.max()) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + restart
                            + ") cannot be greater than MAXVALUE (" + p.max() + ")");
                }
                SequenceStorage.set(am, rel.locator(), SequenceValue.initial(restart));
            }
        }
        AnyName owner = ownedBy(stmt.options());
        if (owner != null) {
            Catalog dep = SystemCatalogs.require(SystemCatalogs.PG_DEPEND);
            int cls = dep.columnIndex("classid");
            int obj = dep.columnIndex("objid");
            int type = dep.columnIndex("deptype");
            long o = oid;
            ctx.deleteWhere(SystemCatalogs.PG_DEPEND, r -> (Long) r[cls] == SystemCatalogs.PG_CLASS
                    && (Long) r[obj] == o && "a".equals(r[type]));
            setOwner(ctx, oid, owner);
        }
        ctx.commandCounterIncrement();
        ctx.relcache().invalidate(oid);
        return "ALTER SEQUENCE";
    }

    /** The pg_sequence row of sequence {@code oid}. */
    public static CatalogTuple sequenceTuple(DdlContext ctx, int oid) {
        List<CatalogTuple> rows = ctx.rowsWhere(PG_SEQUENCE, "seqrelid", Integer.toUnsignedLong(oid));
        if (rows.isEmpty()) {
            throw Ereport.error(SqlState.INTERNAL_ERROR, "cache lookup failed for sequence " + oid);
        }
        return rows.get(0);
    }

    /** A pg_sequence row as parameters. */
    public static SequenceParameters parameters(Object[] row) {
        Catalog seq = SystemCatalogs.require(PG_SEQUENCE);
        return new SequenceParameters(PgType.byOid(((Long) row[seq.columnIndex("seqtypid")]).intValue()),
                (Long) row[seq.columnIndex("seqstart")], (Long) row[seq.columnIndex("seqincrement")],
                (Long) row[seq.columnIndex("seqmax")], (Long) row[seq.columnIndex("seqmin")],
                (Long) row[seq.columnIndex("seqcache")], (Boolean) row[seq.columnIndex("seqcycle")]);
    }

    private static List<SequenceParameters.Option> options(List<DefElem> elems) {
        List<SequenceParameters.Option> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (DefElem d : elems) {
            if (!seen.add(d.defname())) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "conflicting or redundant options", d.location());
            }
            Object value;
            if (d.arg() == null) {
                value = null;
            } else if (d.arg() instanceof TypeName tn) {
                value = PgType.byOid(TypeLookup.resolve(tn, 0).oid());
            } else if (d.arg() instanceof AConst c) {
                value = switch (c.kind()) {
                    case BOOLEAN -> "t".equals(c.val());
                    case INTEGER -> Long.parseLong(c.val());
                    default -> c.val();
                };
            } else {
                value = d.arg();
            }
            out.add(new SequenceParameters.Option(d.defname(), value));
        }
        return out;
    }

    private static AnyName ownedBy(List<DefElem> elems) {
        for (DefElem d : elems) {
            if (d.defname().equals("owned_by")) {
                return (AnyName) d.arg();
            }
        }
        return null;
    }

    /** process_owned_by: OWNED BY NONE or table.column in the sequence's schema. */
    private static void setOwner(DdlContext ctx, int seqOid, AnyName owner) {
        List<String> names = owner.names();
        if (names.size() == 1) {
            if (!names.get(0).equals("none")) {
                throw Ereport.error(SqlState.SYNTAX_ERROR, "invalid OWNED BY option")
                        .withHint("Specify OWNED BY table.column or OWNED BY NONE.");
            }
            return;
        }
        String column = names.get(names.size() - 1);
        String schema = names.size() > 2 ? names.get(names.size() - 3) : null;
        String table = names.get(names.size() - 2);
        RelationDesc rel = ctx.relcache().open(schema, table, ctx.searchPath(), LockMode.ACCESS_SHARE, owner.location());
        if (rel.kind() != 'r' && rel.kind() != 'p' && rel.kind() != 'v' && rel.kind() != 'f') {
            throw Ereport.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "sequence cannot be owned by relation \"" + rel.name() + "\"")
                    .withDetail(relkindNotSupported(rel.kind()));
        }
        RelationDesc seq = ctx.relcache().byOid(seqOid);
        if (seq != null && seq.namespaceOid() != rel.namespaceOid()) {
            throw Ereport.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "sequence must be in same schema as table it is linked to");
        }
        for (AttributeDesc a : rel.liveAttributes()) {
            if (a.name().equals(column)) {
                CreateTable.recordDependency(ctx, SystemCatalogs.PG_CLASS, seqOid, 0, SystemCatalogs.PG_CLASS,
                        rel.oid(), a.attnum(), "a");
                return;
            }
        }
        throw Ereport.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + rel.name()
                + "\" does not exist");
    }

    /** errdetail_relkind_not_supported's text for a relkind. */
    static String relkindNotSupported(char relkind) {
        String what = switch (relkind) {
            case 'r' -> "tables";
            case 'i' -> "indexes";
            case 'S' -> "sequences";
            case 't' -> "TOAST tables";
            case 'v' -> "views";
            case 'm' -> "materialized views";
            case 'c' -> "composite types";
            case 'f' -> "foreign tables";
            case 'p' -> "partitioned tables";
            case 'I' -> "partitioned indexes";
            default -> "relations of this kind";
        };
        return "This operation is not supported for " + what + ".";
    }

    /** The integer type of a SERIAL type name (smallserial/serial2, serial/serial4, bigserial/serial8), else null. */
    public static PgType serialType(TypeName tn) {
        if (tn == null || tn.isArray() || tn.pctType() || tn.names().size() > 2
                || tn.names().size() == 2 && !tn.names().get(0).equals("pg_catalog")) {
            return null;
        }
        return switch (tn.lastName()) {
            case "smallserial", "serial2" -> PgType.INT2;
            case "serial", "serial4" -> PgType.INT4;
            case "bigserial", "serial8" -> PgType.INT8;
            default -> null;
        };
    }

    /** A SERIAL column's default expression text, as pg_get_expr prints it. */
    public static String nextvalDefault(String schema, String sequence) {
        String name = (schema != null ? quoteIdent(schema) + "." : "") + quoteIdent(sequence);
        return "nextval('" + name.replace("'", "''") + "'::regclass)";
    }

    private static String quoteIdent(String ident) {
        boolean plain = !ident.isEmpty() && (Character.isLowerCase(ident.charAt(0)) || ident.charAt(0) == '_');
        for (int i = 0; plain && i < ident.length(); i++) {
            char ch = ident.charAt(i);
            plain = ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '_';
        }
        return plain ? ident : "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    /** Whether {@code e} is one of ours (for the utility dispatcher). */
    public static boolean handles(Object stmt) {
        return stmt instanceof CreateSeqStmt || stmt instanceof AlterSeqStmt;
    }
}
