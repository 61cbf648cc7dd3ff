package org.tusk.engine.commands.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.RowReceiver;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.ModifyAnalyzer;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.commands.DmlCommand;
import org.tusk.engine.executor.Executor;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.executor.modify.ResultRelation;
import org.tusk.engine.executor.modify.TableModifier;
import org.tusk.engine.executor.scan.SeqScanNode;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.AStar;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.CopyStmt;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.NodeList;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.relcache.AttributeDesc;
import org.tusk.engine.relcache.RelationDesc;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.tcop.SearchPathProvider;
import org.tusk.engine.types.PgType;
import org.tusk.lmgr.LockMode;

/**
 * COPY (copy.c's DoCopy): table FROM STDIN / a server file, table or
 * (query) TO STDOUT / a server file, in text or CSV. Options are checked at
 * prepare time; the data moves at execute time through the client
 * connection's {@link org.tusk.api.engine.CopyChannel}.
 */
public final class CopyCommand implements DmlCommand {

    private final StorageSession session;
    private final CopyStmt stmt;
    private final CopyOptions options;
    private final ModifyAnalyzer analyzer;
    private RelationDesc desc;
    private int[] attnums;
    private Query query;

    public CopyCommand(StorageSession session, CopyStmt stmt, ModifyAnalyzer analyzer) {
        this.session = session;
        this.stmt = stmt;
        this.analyzer = analyzer;
        this.options = CopyOptions.parse(options(stmt.options()), stmt.isFrom());
        if (stmt.isProgram()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY TO/FROM PROGRAM is not supported");
        }
        if (stmt.whereClause() != null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM ... WHERE is not supported yet");
        }
        if (stmt.relation() != null) {
            if (stmt.isFrom()) {
                desc = analyzer.openTarget(stmt.relation(), org.tusk.engine.acl.AclMode.INSERT);
                if (org.tusk.engine.rewrite.RowSecurity.forRelation(session, desc) != null) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "COPY FROM not supported with row-level security").withHint("Use INSERT statements instead.");
                }
            } else {
                List<String> path = session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
                desc = session.relcache().open(stmt.relation().schemaname(), stmt.relation().relname(), path,
                        LockMode.ACCESS_SHARE, stmt.relation().location() + 1);
                org.tusk.engine.acl.AccessChecks.checkRelation(session, desc, org.tusk.engine.acl.AclMode.SELECT);
                if (org.tusk.engine.rewrite.RowSecurity.forRelation(session, desc) != null) {
                    // PostgreSQL copies through a SELECT that applies the policies; refuse rather than bypass them
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "COPY TO of a table with row-level security is not supported yet")
                            .withHint("Try the COPY (SELECT ...) TO variant.");
                }
                if (desc.kind() != 'r') {
                    throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot copy from "
                            + (desc.kind() == 'v' ? "view" : desc.kind() == 'S' ? "sequence" : "non-table relation")
                            + " \"" + desc.name() + "\"").withHint(desc.kind() == 'v'
                                    ? "Try the COPY (SELECT ...) TO variant." : null);
                }
            }
            attnums = columns(desc, stmt.attlist());
        } else {
            if (!(stmt.query() instanceof SelectStmt select)) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY (query) TO supports SELECT only");
            }
            query = analyzer.analyzeQuery(select);
        }
    }

    private static List<CopyOptions.Option> options(List<DefElem> elems) {
        List<CopyOptions.Option> out = new ArrayList<>();
        if (elems == null) {
            return out;
        }
        for (DefElem d : elems) {
            RawNode arg = d.arg();
            if (arg instanceof NodeList list) {
                List<String> names = new ArrayList<>();
                for (RawNode item : list.items()) {
                    names.add(text(item));
                }
                out.add(new CopyOptions.Option(d.defname(), null, names));
            } else if (arg instanceof AStar) {
                out.add(new CopyOptions.Option(d.defname(), null, null));
            } else {
                out.add(new CopyOptions.Option(d.defname(), arg == null ? null : text(arg),
                        d.defname().startsWith("force_") && arg != null ? List.of(text(arg)) : null));
            }
        }
        return out;
    }

    private static String text(RawNode node) {
        if (node instanceof AConst c) {
            // a Boolean node (old-style "CSV HEADER") reads as defGetBoolean's true/false
            if (c.kind() == org.tusk.engine.nodes.ConstKind.BOOLEAN) {
                return "t".equals(c.val()) || "true".equals(c.val()) ? "true" : "false";
            }
            return c.val();
        }
        if (node instanceof ColumnRef c && !c.fields().isEmpty()) {
            return c.fields().get(c.fields().size() - 1);
        }
        return String.valueOf(node);
    }

    /** CopyGetAttnums: the listed columns (0-based live positions), or all. */
    private static int[] columns(RelationDesc desc, List<String> names) {
        List<AttributeDesc> live = desc.liveAttributes();
        if (names == null || names.isEmpty()) {
            int[] all = new int[live.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[names.size()];
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < out.length; k++) {
            int found = -1;
            for (int i = 0; i < live.size(); i++) {
                if (live.get(i).name().equals(names.get(k))) {
                    found = i;
                }
            }
            if (found < 0) {
                throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + names.get(k) + "\" of relation \""
                        + desc.name() + "\" does not exist");
            }
            if (!seen.add(found)) {
                throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + names.get(k)
                        + "\" specified more than once");
            }
            out[k] = found;
        }
        return out;
    }

    @Override
    public List<Column> resultColumns() {
        return null;
    }

    @Override
    public Result execute(EvalContext ctx, RowReceiver receiver) {
        try {
            long rows = stmt.isFrom() ? copyFrom(ctx, receiver) : copyTo(ctx, receiver);
            return new Result("COPY " + rows, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long copyFrom(EvalContext ctx, RowReceiver receiver) throws IOException {
        ResultRelation result = analyzer.resultRelation(desc);
        Expr[] defaults = analyzer.columnDefaults(desc);
        TableModifier modifier = new TableModifier(result, session.transactionContext(), session.snapshot(), ctx)
                .routeThrough(analyzer.router(desc, ctx));
        List<AttributeDesc> live = desc.liveAttributes();
        int[] enumTypes = new int[live.size()];
        for (int i = 0; i < enumTypes.length; i++) {
            org.tusk.engine.types.UserTypes.UserType u = org.tusk.engine.types.UserTypes.byOid(live.get(i).typeOid());
            enumTypes[i] = u != null && u.typtype() == 'e' ? u.oid() : 0;
        }
        CopyFrom copy = new CopyFrom(modifier, attnums, defaults, options, ctx).withEnumColumns(enumTypes);
        if (options.freeze) {
            copy.withFreeze(this::checkFreeze);
        }
        if (stmt.filename() == null) {
            InputStream in = receiver.copyChannel().copyIn(options.format == CopyOptions.Format.BINARY,
                    attnums.length);
            return finishRouted(modifier, copy.run(in));
        }
        try (InputStream in = Files.newInputStream(serverFile(stmt.filename()))) {
            return finishRouted(modifier, copy.run(in));
        } catch (NoSuchFileException e) {
            throw PgException.error(SqlState.UNDEFINED_FILE, "could not open file \"" + stmt.filename()
                    + "\" for reading: No such file or directory");
        }
    }

    /**
     * copyfrom.c's conditions for TABLE_INSERT_FROZEN: not a partitioned table, no cursor that
     * could look at the rows, and storage created (CREATE TABLE, TRUNCATE, a rewrite) in the
     * current subtransaction, so no other transaction can see the rows before this one commits
     * and they vanish with the storage if it aborts.
     */
    private void checkFreeze() {
        if (desc.kind() == 'p') {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot perform COPY FREEZE on a partitioned table");
        }
        if (session.hasOpenCursors()) {
            throw PgException.error(SqlState.INVALID_TRANSACTION_STATE,
                    "cannot perform COPY FREEZE because of prior transaction activity");
        }
        session.transactionContext();                   // the storage transaction has begun
        if (session.storage() == null || !session.storage().isNewInCurrentSubtransaction(desc.locator())) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot perform COPY FREEZE because the "
                    + "table was not created or truncated in the current subtransaction");
        }
    }

    /** The AFTER ROW events queued on the partitions rows were routed to fire at the end of COPY. */
    private static long finishRouted(TableModifier modifier, long rows) {
        if (modifier.router() != null) {
            modifier.router().fireAfter();
        }
        return rows;
    }

    private long copyTo(EvalContext ctx, RowReceiver receiver) throws IOException {
        PlanState plan;
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        if (desc != null) {
            List<AttributeDesc> live = desc.liveAttributes();
            org.tusk.engine.executor.scan.ScanRelation rel = new org.tusk.engine.executor.scan.StorageBaseRelation(
                    desc, session).scanRelation();
            SeqScanNode scan = new SeqScanNode(rel, session.snapshot(), session.transactionContext(), ctx, false);
            for (int a : attnums) {
                names.add(live.get(a).name());
                PgType t = org.tusk.engine.types.UserTypes.columnType(live.get(a).typeOid());
                types.add(t == null ? PgType.TEXT : t);
            }
            plan = () -> {
                Object[] row = scan.next();
                if (row == null) {
                    return null;
                }
                Object[] out = new Object[attnums.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = row[attnums[i]];
                }
                return out;
            };
        } else {
            for (TargetEntry t : query.targets()) {
                names.add(t.name());
                types.add(t.expr().type());
            }
            plan = Executor.start(query, ctx);
        }
        if (stmt.filename() == null) {
            try (OutputStream out = receiver.copyChannel().copyOut(options.format == CopyOptions.Format.BINARY,
                    names.size())) {
                return CopyTo.run(plan, names, types, options, ctx, out);
            }
        }
        Path file = serverFile(stmt.filename());
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            return CopyTo.run(plan, names, types, options, ctx, out);
        }
    }

    /** A server-side file: absolute, or relative to the data directory, as PostgreSQL resolves it. */
    private Path serverFile(String name) {
        Path p = Path.of(name);
        if (!p.isAbsolute()) {
            if (!stmt.isFrom()) {
                throw PgException.error(SqlState.INVALID_NAME, "relative path not allowed for COPY to file");
            }
            p = session.storage().storage().dataDirectory().resolve(p);
        }
        return p;
    }
}
