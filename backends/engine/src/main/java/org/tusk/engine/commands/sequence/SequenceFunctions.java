package org.tusk.engine.commands.sequence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;

import org.tusk.api.error.SqlState;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.engine.acl.AccessChecks;
import org.tusk.engine.acl.AclMode;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.CatalogAccess.CatalogTuple;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.commands.SequenceCommands;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.storage.StorageTransaction;
import org.tusk.engine.tcop.SearchPathProvider;
import org.tusk.engine.types.RegclassIo;
import org.tusk.lmgr.LockMode;

/**
 * nextval, currval, setval and lastval as SQL functions (bound by prosrc:
 * nextval_oid, currval_oid, setval_oid, setval3_oid, lastval), and the
 * session's regclass name lookups ({@link #resolver}) that turn
 * {@code nextval('s')}'s literal into the sequence's OID.
 */
public final class SequenceFunctions {

    /** Each session's currval/lastval memory (not transactional, dropped with the session object). */
    private static final Map<Object, SessionSequences> SESSIONS = Collections.synchronizedMap(new WeakHashMap<>());

    private SequenceFunctions() {
    }

    public static void register(BiConsumer<String, FunctionBody> bind) {
        bind.accept("nextval_oid", (a, c) -> nextval(c, (Long) a[0]));
        bind.accept("currval_oid", (a, c) -> {
            RelationDesc rel = openSequence(c, (Long) a[0], LockMode.ACCESS_SHARE);
            AccessChecks.checkSequenceAny(c.session(), rel, AclMode.SELECT | AclMode.USAGE);
            return sequences(c.session()).currval(rel.oid(), rel.name());
        });
        bind.accept("setval_oid", (a, c) -> setval(c, (Long) a[0], (Long) a[1], true));
        bind.accept("setval3_oid", (a, c) -> setval(c, (Long) a[0], (Long) a[1], (Boolean) a[2]));
        // pg_sequence_last_value(regclass) (the pg_sequences view's last_value): NULL until the first nextval
        bind.accept("pg_sequence_last_value", (a, c) -> {
            RelationDesc rel = openSequence(c, (Long) a[0], LockMode.ACCESS_SHARE);
            AccessChecks.checkSequenceAny(c.session(), rel, AclMode.SELECT | AclMode.USAGE);
            StorageSession s = storage(c);
            SequenceValue v = SequenceStorage.read(heap(c), rel.locator(), s.snapshot(), s.transactionContext());
            return v.isCalled() ? v.lastValue() : null;
        });
        bind.accept("lastval", (a, c) -> {
            StorageSession s = storage(c);
            return sequences(c.session()).lastval(oid -> {
                RelationDesc rel = s.relcache().byOid((int) oid);
                if (rel == null) {
                    return false;
                }
                AccessChecks.checkSequenceAny(c.session(), rel, AclMode.SELECT | AclMode.USAGE);
                return true;
            });
        });
    }

    /** The session's currval/lastval state. */
    public static SessionSequences sequences(Object session) {
        return SESSIONS.computeIfAbsent(session, k -> new SessionSequences());
    }

    /** DISCARD SEQUENCES / DISCARD ALL. */
    public static void discard(Object session) {
        SESSIONS.remove(session);
    }

    private static long nextval(EvalContext c, long oid) {
        RelationDesc rel = openSequence(c, oid, LockMode.ROW_EXCLUSIVE);
        AccessChecks.checkSequenceAny(c.session(), rel, AclMode.USAGE | AclMode.UPDATE);
        preventIfReadOnly(c, rel, "nextval()");
        SequenceParameters p = parameters(c, rel.oid());
        long v = SequenceStorage.nextval(heap(c), rel.locator(), p, rel.name());
        sequences(c.session()).remember(rel.oid(), v);
        return v;
    }

    private static long setval(EvalContext c, long oid, long value, boolean isCalled) {
        RelationDesc rel = openSequence(c, oid, LockMode.ROW_EXCLUSIVE);
        AccessChecks.checkSequenceAny(c.session(), rel, AclMode.UPDATE);
        preventIfReadOnly(c, rel, "setval()");
        SequenceParameters p = parameters(c, rel.oid());
        SequenceStorage.set(heap(c), rel.locator(), SequenceValue.set(p, rel.name(), value, isCalled));
        if (isCalled) {
            sequences(c.session()).remember(rel.oid(), value);
        }
        return value;
    }

    /** PreventCommandIfReadOnly for a sequence that is not the session's temporary one. */
    private static void preventIfReadOnly(EvalContext c, RelationDesc rel, String function) {
        boolean temp = rel.namespaceName() != null && rel.namespaceName().startsWith("pg_temp");
        if (!temp && "on".equals(c.session().currentSetting("transaction_read_only", true))) {
            throw Ereport.error(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + function
                    + " in a read-only transaction");
        }
    }

    private static StorageSession storage(EvalContext c) {
        if (!(c.session() instanceof StorageSession s) || s.storage() == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "sequences need storage");
        }
        return s;
    }

    private static TableAccessMethod heap(EvalContext c) {
        return storage(c).storage().storage().tableAm("heap");
    }

    /** init_sequence: the relation, locked, and 42809 unless it is a sequence. */
    private static RelationDesc openSequence(EvalContext c, long oid, LockMode mode) {
        StorageSession s = storage(c);
        s.transactionContext();
        RelationDesc rel = s.relcache().open((int) oid, mode);
        if (rel.kind() != 'S') {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a sequence");
        }
        return rel;
    }

    /**
     * pg_sequence_parameters(oid): start_value, minimum_value, maximum_value, increment,
     * cycle_option, cache_size, data_type (the type's OID) of the sequence; "cache lookup failed"
     * for a relation that is not one, as PostgreSQL (whose function psql's \\d used to call).
     */
    public static Object[] sequenceParametersRow(EvalContext c, long oid) {
        StorageSession s = storage(c);
        s.transactionContext();
        if (s.relcache().byOid((int) oid) == null) {
            throw Ereport.error(SqlState.UNDEFINED_TABLE, "relation with OID " + oid + " does not exist");
        }
        SequenceParameters p = parameters(c, (int) oid);
        return new Object[] {p.start(), p.min(), p.max(), p.increment(), p.cycle(), p.cache(), (long) p.type().oid()};
    }

    private static SequenceParameters parameters(EvalContext c, int oid) {
        StorageSession s = storage(c);
        String isolation = c.session().currentSetting("transaction_isolation", true);
        CatalogAccess access = new CatalogAccess(s.storage(),
                StorageTransaction.isolationLevel(isolation == null ? "read committed" : isolation));
        int col = SystemCatalogs.require(SequenceCommands.PG_SEQUENCE).columnIndex("seqrelid");
        long key = Integer.toUnsignedLong(oid);
        List<CatalogTuple> rows = access.scan(SequenceCommands.PG_SEQUENCE, r -> key == (Long) r[col]);
        if (rows.isEmpty()) {
            throw Ereport.error(SqlState.INTERNAL_ERROR, "cache lookup failed for sequence " + oid);
        }
        return SequenceCommands.parameters(rows.get(0).values());
    }

    /** The regclass lookups of {@code session} (installed by the session for its thread). */
    public static RegclassIo.Resolver resolver(SessionServices session) {
        return new RegclassIo.Resolver() {
            @Override
            public long relationOid(String text) {
                List<String> names = splitQualifiedName(text);
                String name = names.get(names.size() - 1);
                String schema = names.size() > 1 ? names.get(names.size() - 2) : null;
                Integer oid = null;
                if (session instanceof StorageSession s && s.storage() != null) {
                    List<String> path = session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
                    oid = s.relcache().relationOid(schema, name, path);
                }
                if (oid == null) {
                    throw Ereport.error(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", names)
                            + "\" does not exist");
                }
                return Integer.toUnsignedLong(oid);
            }

            @Override
            public String relationName(long oid) {
                if (!(session instanceof StorageSession s) || s.storage() == null) {
                    return null;
                }
                RelationDesc rel = s.relcache().byOid((int) oid);
                if (rel == null) {
                    return null;
                }
                List<String> path = session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
                Integer visible = s.relcache().relationOid(null, rel.name(), path);
                String name = quote(rel.name());
                return visible != null && visible == rel.oid() ? name : quote(rel.namespaceName()) + "." + name;
            }

            @Override
            public long namespaceOid(String text) {
                List<String> names = splitQualifiedName(text);
                if (names.size() != 1) {
                    throw Ereport.error(SqlState.INVALID_NAME, "invalid name syntax");
                }
                Integer oid = null;
                if (session instanceof StorageSession s && s.storage() != null) {
                    oid = s.relcache().namespaceOid(names.get(0));
                }
                if (oid == null) {
                    throw Ereport.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + names.get(0) + "\" does not exist");
                }
                return Integer.toUnsignedLong(oid);
            }

            @Override
            public String namespaceName(long oid) {
                if (!(session instanceof StorageSession s) || s.storage() == null) {
                    return null;
                }
                String name = s.relcache().namespaceName((int) oid);
                return name == null ? null : quote(name);
            }
        };
    }

    /** stringToQualifiedNameList: dotted parts, unquoted ones folded to lower case. */
    public static List<String> splitQualifiedName(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == '.') {
                out.add(cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else if (!Character.isWhitespace(ch) || wasQuoted) {
                cur.append(Character.toLowerCase(ch));
            }
        }
        if (quoted || cur.length() == 0 && !wasQuoted) {
            throw Ereport.error(SqlState.INVALID_NAME, "invalid name syntax");
        }
        out.add(cur.toString());
        return out;
    }

    /** quote_identifier for names that need it. */
    static String quote(String ident) {
        boolean plain = !ident.isEmpty() && (Character.isLowerCase(ident.charAt(0)) || ident.charAt(0) == '_');
        for (int i = 0; plain && i < ident.length(); i++) {
            char ch = ident.charAt(i);
            plain = ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '_';
        }
        return plain ? ident : "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
