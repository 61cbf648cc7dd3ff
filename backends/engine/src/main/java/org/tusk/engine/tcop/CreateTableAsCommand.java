package org.tusk.engine.tcop;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.RowReceiver;
import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.ModifyAnalyzer;
import org.tusk.engine.analyze.ParseState;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.SelectAnalyzer;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.catalog.SystemRelations;
import org.tusk.engine.commands.CreateTableAs;
import org.tusk.engine.commands.DdlContext;
import org.tusk.engine.commands.DmlCommand;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.nodes.CreateTableAsStmt;
import org.tusk.engine.nodes.InsertStmt;
import org.tusk.engine.nodes.IntoClause;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.SelectStmt;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.types.PgType;

/**
 * CREATE TABLE ... AS SELECT [WITH [NO] DATA] and SELECT ... INTO [TABLE] t
 * (createas.c's ExecCreateTableAs). The query is analyzed at prepare time for
 * its output columns; at execution the table is created from them through
 * {@link CreateTableAs} and, unless WITH NO DATA, filled by an INSERT of the
 * same query through the DML code, so rows take the ordinary insert path
 * (indexes, WAL). The tag is {@code SELECT n} as in PostgreSQL; WITH NO DATA
 * and a skipped IF NOT EXISTS give {@code CREATE TABLE AS}.
 */
final class CreateTableAsCommand implements DmlCommand {
    private final TuskSession session;
    private final SystemRelations relations;
    private final ParsedStatement parsed;
    private final SelectStmt query;
    private final IntoClause into;
    private final boolean ifNotExists;
    private final List<CreateTableAs.OutputColumn> output = new ArrayList<>();
    private final int[] paramTypes;
    /** CREATE TABLE AS EXECUTE name(args): the arguments, evaluated as the named statement's parameters; else null. */
    private List<org.tusk.engine.expr.Expr> executeArguments;
    /** CREATE MATERIALIZED VIEW: the table filled as for CREATE TABLE AS, then made relkind 'm'. */
    private boolean materialized;

    private CreateTableAsCommand(TuskSession session, SystemRelations relations, ParsedStatement parsed,
            SelectStmt query, IntoClause into, boolean ifNotExists, ParseState pstate) {
        this.session = session;
        this.relations = relations;
        this.parsed = parsed;
        this.query = query;
        this.into = into;
        this.ifNotExists = ifNotExists;
        Query analyzed = new SelectAnalyzer(relations, session.typeContext()).analyze(query, pstate);
        for (TargetEntry t : analyzed.targets()) {
            PgType type = t.expr().type();
            // an unknown-typed output column (a bare literal or NULL) becomes text, as PostgreSQL resolves it
            int oid = type == PgType.UNKNOWN ? PgType.TEXT.oid() : type.oid();
            output.add(new CreateTableAs.OutputColumn(t.name(), oid, type == PgType.UNKNOWN ? -1 : t.expr().typmod()));
        }
        this.paramTypes = pstate.resolvedParamTypes();
    }

    /** The command for {@code stmt} if it is CREATE TABLE AS or SELECT INTO, else null. */
    static CreateTableAsCommand prepare(TuskSession session, SystemRelations relations, ParsedStatement parsed,
            ParseState pstate) {
        RawStmt stmt = parsed.stmt();
        if (stmt instanceof CreateTableAsStmt ctas && (ctas.objtype() == ObjectType.TABLE
                || ctas.objtype() == ObjectType.MATVIEW && ctas.query() instanceof SelectStmt)) {
            if (ctas.query() instanceof org.tusk.engine.nodes.ExecuteStmt exec) {
                return executing(session, relations, parsed, ctas, exec, pstate);
            }
            if (!(ctas.query() instanceof SelectStmt select)) {
                throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "CREATE TABLE AS EXECUTE is not supported yet");
            }
            CreateTableAsCommand command = new CreateTableAsCommand(session, relations, parsed, select, ctas.into(),
                    ctas.ifNotExists(), pstate);
            command.materialized = ctas.objtype() == ObjectType.MATVIEW;
            return command;
        }
        if (stmt instanceof SelectStmt select) {
            IntoClause into = intoClause(select);
            if (into != null) {
                return new CreateTableAsCommand(session, relations, parsed, withoutInto(select), into, false, pstate);
            }
        }
        return null;
    }

    /**
     * CREATE TABLE AS EXECUTE (ExecCreateTableAs with an EXECUTE query): the named statement, which must
     * be a SELECT (42809 otherwise), fills the table with the EXECUTE's arguments as its parameters.
     */
    private static CreateTableAsCommand executing(TuskSession session, SystemRelations relations,
            ParsedStatement parsed, CreateTableAsStmt ctas, org.tusk.engine.nodes.ExecuteStmt exec, ParseState pstate) {
        PreparedStatements.Entry entry = session.preparedStatements().fetch(exec.name());
        if (!(entry.statement.parsed().stmt() instanceof SelectStmt select) || intoClause(select) != null) {
            throw Ereport.error(SqlState.WRONG_OBJECT_TYPE, "prepared statement is not a SELECT");
        }
        List<org.tusk.engine.expr.Expr> args = org.tusk.engine.analyze.ExecuteParams.transform(exec.name(),
                exec.params(), entry.statement.parameterTypes(), pstate, session.typeContext());
        CreateTableAsCommand command = new CreateTableAsCommand(session, relations, parsed, select, ctas.into(),
                ctas.ifNotExists(), new ParseState(entry.statement.parameterTypes()));
        command.executeArguments = args;
        return command;
    }

    /** The INTO clause of a SELECT: on the statement itself, or on the leftmost leaf of a set operation. */
    private static IntoClause intoClause(SelectStmt s) {
        while (s != null) {
            if (s.intoClause() != null) {
                return s.intoClause();
            }
            s = s.larg();
        }
        return null;
    }

    private static SelectStmt withoutInto(SelectStmt s) {
        if (s == null) {
            return null;
        }
        return new SelectStmt(s.distinctClause(), null, s.targetList(), s.fromClause(), s.whereClause(),
                s.groupClause(), s.groupDistinct(), s.havingClause(), s.windowClause(), s.valuesLists(),
                s.sortClause(), s.limitOffset(), s.limitCount(), s.limitOption(), s.lockingClause(), s.withClause(),
                s.op(), s.all(), withoutInto(s.larg()), s.rarg(), s.location());
    }

    @Override
    public List<Column> resultColumns() {
        return null;
    }

    @Override
    public Result execute(EvalContext ctx, RowReceiver receiver) {
        if (session.storage() == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "CREATE TABLE AS needs storage");
        }
        session.preventCommandIfReadOnly("CREATE TABLE AS");
        DdlContext ddl = session.utility().ddlContext(parsed);
        if (CreateTableAs.skip(ddl, into, ifNotExists)) {
            return new Result("CREATE TABLE AS", List.of());
        }
        session.utility().checkCreateIn(into.rel().schemaname());
        // the query reads with the statement's snapshot, taken before the table exists (intorel_startup
        // creates it after ExecutorStart's snapshot): a SELECT from pg_class does not list the new table
        org.tusk.api.storage.Snapshot before = session.snapshot();
        RangeVar target = CreateTableAs.create(ddl, into, output);
        if (into.skipData()) {
            if (materialized) {
                CreateTableAs.markMaterializedView(ddl, target, false);
            }
            return new Result(materialized ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE AS", List.of());
        }
        session.storage().commandCounterIncrement();
        if (executeArguments != null) {
            Object[] values = new Object[executeArguments.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = executeArguments.get(i).eval(ctx);
            }
            ctx = new EvalContext(session, values);
        }
        InsertStmt insert = new InsertStmt(target, List.of(), query, null, List.of(), null, null, query.location());
        DmlCommand fill = new ModifyAnalyzer(session, relations, session.typeContext())
                .analyze(insert, new ParseState(paramTypes));
        String tag;
        int depth = session.pushActiveSnapshot(before);
        try {
            tag = fill.execute(ctx, receiver).tag();
        } finally {
            session.popActiveSnapshots(depth);
        }
        if (materialized) {
            session.storage().commandCounterIncrement();
            CreateTableAs.markMaterializedView(session.utility().ddlContext(parsed), target, true);
        }
        // "INSERT 0 n" -> "SELECT n"
        return new Result("SELECT " + tag.substring(tag.lastIndexOf(' ') + 1), List.of());
    }
}
