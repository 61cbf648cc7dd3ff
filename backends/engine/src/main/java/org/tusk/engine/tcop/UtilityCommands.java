package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.api.engine.Column;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.guc.GucSettings;
import org.tusk.engine.guc.GucVariable;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.ConstKind;
import org.tusk.engine.nodes.DiscardStmt;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.TransactionStmt;
import org.tusk.engine.nodes.UnsupportedStmt;
import org.tusk.engine.nodes.VariableSetKind;
import org.tusk.engine.nodes.VariableSetStmt;
import org.tusk.engine.nodes.VariableShowStmt;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.commands.CommentCommand;
import org.tusk.engine.commands.CreateTable;
import org.tusk.engine.commands.DdlContext;
import org.tusk.engine.commands.DefineIndex;
import org.tusk.engine.commands.DropObjects;
import org.tusk.engine.commands.SchemaCommands;
import org.tusk.engine.commands.TruncateTable;
import org.tusk.engine.nodes.CommentStmt;
import org.tusk.engine.nodes.CreateSchemaStmt;
import org.tusk.engine.nodes.CreateStmt;
import org.tusk.engine.nodes.DropStmt;
import org.tusk.engine.nodes.IndexStmt;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.TruncateStmt;
import org.tusk.engine.types.PgType;

/** ProcessUtility for the commands the engine runs: SET, RESET, SHOW, transaction control, DISCARD. */
final class UtilityCommands {
    private final TuskSession session;

    UtilityCommands(TuskSession session) {
        this.session = session;
    }

    /** The result columns a utility statement will return (UtilityTupleDescriptor), or null. */
    List<Column> describe(RawStmt stmt) {
        if (stmt instanceof VariableShowStmt show) {
            if (show.name().equals("all")) {
                return List.of(textColumn("name"), textColumn("setting"), textColumn("description"));
            }
            GucVariable v = session.guc().find(show.name());
            if (v == null) {
                throw GucSettings.unrecognized(show.name());
            }
            return List.of(textColumn(v.name()));
        }
        if (stmt instanceof UnsupportedStmt u) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, u.commandName() + " is not supported yet", u.location());
        }
        return null;
    }

    private static Column textColumn(String name) {
        return new Column(name, 0, (short) 0, PgType.TEXT.oid(), PgType.TEXT.typlen(), -1, (short) 0);
    }

    UtilityResult execute(ParsedStatement parsed) {
        RawStmt stmt = parsed.stmt();
        if (stmt instanceof VariableSetStmt set) {
            UtilityResult r = set(set);
            for (VariableSetStmt more : set.more()) {
                set(more);
            }
            return r;
        }
        if (stmt instanceof VariableShowStmt show) {
            if (show.name().equals("all")) {
                List<Object[]> rows = new ArrayList<>();
                for (String[] r : session.guc().showAll()) {
                    rows.add(new Object[] {r[0], r[1], r[2]});
                }
                return new UtilityResult("SHOW", rows);
            }
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {session.guc().show(show.name())});
            return new UtilityResult("SHOW", rows);
        }
        if (stmt instanceof TransactionStmt t) {
            return UtilityResult.of(session.transactionCommand(t));
        }
        if (stmt instanceof DiscardStmt d) {
            if (d.target() == org.tusk.engine.nodes.DiscardMode.ALL) {
                if (session.inTransactionBlock()) {
                    throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION, "DISCARD ALL cannot run inside a transaction block");
                }
                session.discardAll();
            }
            return UtilityResult.of(d.commandName());
        }
        String ddl = ddl(parsed);
        if (ddl != null) {
            return UtilityResult.of(ddl);
        }
        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, stmt.commandName() + " is not supported yet");
    }

    /** The catalog-changing commands (ProcessUtilitySlow), run by {@code commands}; null if {@code parsed} is none. */
    private String ddl(ParsedStatement parsed) {
        RawStmt stmt = parsed.stmt();
        boolean isDdl = stmt instanceof CreateStmt || stmt instanceof IndexStmt || stmt instanceof TruncateStmt
                || stmt instanceof CreateSchemaStmt || stmt instanceof CommentStmt
                || stmt instanceof DropStmt d && (d.removeType() == ObjectType.TABLE || d.removeType() == ObjectType.INDEX
                        || d.removeType() == ObjectType.SCHEMA || d.removeType() == ObjectType.VIEW
                        || d.removeType() == ObjectType.SEQUENCE)
                || org.tusk.engine.commands.AlterTableAddConstraint.handles(stmt);
        if (!isDdl) {
            return null;
        }
        if (session.storage() == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, stmt.commandName() + " needs storage");
        }
        DdlContext ctx = new DdlContext(session.storage(),
                new CatalogAccess(session.storage(), session.isolationLevel()), session.relcache(),
                session.searchPath(), parsed.queryString(), session.currentUser(), session.host()::notice);
        if (stmt instanceof CreateStmt c) {
            return CreateTable.execute(ctx, c);
        }
        if (stmt instanceof IndexStmt i) {
            return DefineIndex.execute(ctx, i);
        }
        if (stmt instanceof TruncateStmt t) {
            return TruncateTable.execute(ctx, t);
        }
        if (stmt instanceof CreateSchemaStmt s) {
            return SchemaCommands.create(ctx, s);
        }
        if (stmt instanceof CommentStmt c) {
            return CommentCommand.execute(ctx, c);
        }
        if (stmt instanceof org.tusk.engine.nodes.AlterTableStmt a) {
            return org.tusk.engine.commands.AlterTableAddConstraint.execute(ctx, a);
        }
        return DropObjects.execute(ctx, (DropStmt) stmt);
    }

    private UtilityResult set(VariableSetStmt set) {
        GucSettings guc = session.guc();
        switch (set.kind()) {
            case RESET_ALL:
                guc.resetAll();
                return UtilityResult.of("RESET");
            case RESET:
                guc.reset(set.name());
                return UtilityResult.of("RESET");
            default:
                break;
        }
        String name = set.name();
        if (name.equals("transaction_isolation") && session.storage() != null && session.storage().snapshotTaken()) {
            throw Ereport.error(SqlState.ACTIVE_SQL_TRANSACTION,
                    "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        }
        boolean local = set.isLocal() || name.equals("transaction_isolation") || name.equals("transaction_read_only")
                || name.equals("transaction_deferrable");
        if (set.isLocal() && !session.inTransactionBlock()) {
            session.host().notice(Ereport.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "SET LOCAL can only be used in transaction blocks"));
        }
        String value = null;
        if (set.kind() == VariableSetKind.VALUE) {
            value = flatten(name, set.args());
        }
        guc.set(name, value, local);
        return UtilityResult.of("SET");
    }

    /** flatten_set_variable_args: one value, or a comma-separated list for list variables. */
    private String flatten(String name, List<AConst> args) {
        GucVariable v = session.guc().find(name);
        boolean list = v != null && v.isListQuote();
        if (args.size() > 1 && !list) {
            throw Ereport.error(SqlState.SYNTAX_ERROR, "SET " + (v == null ? name : v.name()) + " takes only one argument",
                    args.get(1).location());
        }
        StringBuilder sb = new StringBuilder();
        for (AConst a : args) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            if (list && a.kind() == ConstKind.STRING) {
                sb.append(quoteIdentifier(a.val()));
            } else {
                sb.append(a.val());
            }
        }
        return sb.toString();
    }

    static String quoteIdentifier(String ident) {
        boolean safe = !ident.isEmpty() && (Character.isLowerCase(ident.charAt(0)) || ident.charAt(0) == '_');
        for (int i = 0; i < ident.length() && safe; i++) {
            char c = ident.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                safe = false;
            }
        }
        if (safe && !org.tusk.engine.parser.Keywords.RESERVED.contains(ident.toLowerCase(Locale.ROOT))) {
            return ident;
        }
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
