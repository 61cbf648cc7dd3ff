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
        if (stmt instanceof org.tusk.engine.nodes.ExplainStmt) {
            return List.of(textColumn("QUERY PLAN"));
        }
        if (stmt instanceof org.tusk.engine.nodes.FetchStmt fetch && !fetch.ismove()) {
            Cursor c = session.cursors().find(fetch.portalname());
            return c == null ? null : c.columns;
        }
        return null;
    }

    private static Column textColumn(String name) {
        return new Column(name, 0, (short) 0, PgType.TEXT.oid(), PgType.TEXT.typlen(), -1, (short) 0);
    }

    UtilityResult execute(ParsedStatement parsed) {
        RawStmt stmt = parsed.stmt();
        if (stmt instanceof org.tusk.engine.nodes.ExplainStmt e) {
            return new UtilityResult("EXPLAIN", session.explain(e));
        }
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
            return SessionUtilityCommands.discard(session, d);
        }
        UtilityResult session = SessionUtilityCommands.execute(this.session, parsed);
        if (session != null) {
            return session;
        }
        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, stmt.commandName() + " is not supported yet");
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
