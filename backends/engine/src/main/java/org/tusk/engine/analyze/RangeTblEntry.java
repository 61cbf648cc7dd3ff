package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.executor.FunctionScan;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.planner.BaseRelation;
import org.tusk.engine.types.PgType;

/**
 * A range table entry (parsenodes.h's RangeTblEntry): something in FROM that
 * produces columns. Every kind except JOIN owns the slots
 * {@code [offset, offset + width)} of its query level's row, so a column of it
 * is a {@code VarExpr} at a fixed position wherever it is read; a JOIN entry
 * owns no slots and its columns are expressions over its inputs' columns (the
 * merged USING columns, COALESCE(l, r) for FULL joins).
 */
public final class RangeTblEntry {
    public enum Kind { RELATION, SUBQUERY, JOIN, FUNCTION, VALUES, CTE, WORKTABLE, SETOP }

    /** One output column of the entry. */
    public record Column(String name, PgType type, int typmod, Expr expr) {}

    public final Kind kind;
    /** The name it is referenced by (alias or relation/CTE/function name), null when it has none. */
    public final String refname;
    public final List<Column> columns = new ArrayList<>();
    public int offset;

    public BaseRelation relation;
    public Query subquery;
    /** For a SUBQUERY entry that is a view's expansion: the view (ruleutils prints its name, not its query). */
    public BaseRelation view;
    /** For a JOIN entry of USING/NATURAL: the merged column names (ruleutils prints USING (...)), else null. */
    public List<String> usingColumns;
    public List<FunctionScan.Call> functions;
    public boolean ordinality;
    public List<List<Expr>> values;
    public CteDef cte;
    public SetOpTree setOp;
    /** Executor params this entry needs from the rows to its left (LATERAL) or from outer levels. */
    public final List<ParamBinding> params = new ArrayList<>();
    public boolean lateral;
    /** A subquery pulled up from a WHERE sublink (SubLinkPullUp): EXPLAIN shows its plan without a Subquery Scan. */
    public boolean pulledUpSubLink;
    /**
     * SELECT ... FOR UPDATE/SHARE on this relation (PlanRowMark): the lock strength, or null when
     * the entry is not locked. A locked relation's scan emits the version's TupleId in the hidden
     * column {@link #ctidColumn}, which SELECT * leaves out.
     */
    public org.tusk.api.storage.RowLockMode rowMark;
    public org.tusk.engine.nodes.LockWaitPolicy rowMarkWait;
    /**
     * Row-level security quals on a RELATION's rows (rte->securityQuals): boolean expressions over its
     * slots that every row the scan returns must pass, before any other clause; empty when none apply.
     */
    public final List<org.tusk.engine.expr.Expr> securityQuals = new ArrayList<>();
    public int ctidColumn = -1;
    /**
     * An inheritance set's scan (an Append over several tables) carries each row's source
     * table OID in this hidden column, what the system column tableoid reads; SELECT * leaves
     * it out. -1 for every other entry (a plain table's tableoid is a constant).
     */
    public int tableoidColumn = -1;
    /**
     * When the statement reads system columns (ParseState's SystemColumnRefs check), a plain
     * table's scan carries xmin, cmin, xmax, cmax in the four hidden columns from this one on
     * (after {@link #ctidColumn}); -1 otherwise.
     */
    public int systemColumn = -1;

    /** Appends the hidden xmin, cmin, xmax, cmax columns (the tuple header's) and marks where they start. */
    public void addHeaderColumns() {
        systemColumn = columns.size();
        columns.add(new Column("xmin", org.tusk.engine.types.PgType.XID, -1, null));
        columns.add(new Column("cmin", org.tusk.engine.types.PgType.CID, -1, null));
        columns.add(new Column("xmax", org.tusk.engine.types.PgType.XID, -1, null));
        columns.add(new Column("cmax", org.tusk.engine.types.PgType.CID, -1, null));
    }

    public RangeTblEntry(Kind kind, String refname) {
        this.kind = kind;
        this.refname = refname;
    }

    public int width() {
        return kind == Kind.JOIN ? 0 : columns.size();
    }

    /** An executor param set from an expression of the enclosing level before this entry (or subquery) runs. */
    public record ParamBinding(int slot, Expr value) {}

    @Override
    public String toString() {
        return kind + " " + refname;
    }

    /** Whether column {@code i} is a hidden system column (SELECT *, NATURAL and USING skip it). */
    public boolean isHidden(int i) {
        return i == ctidColumn || i == tableoidColumn || systemColumn >= 0 && i >= systemColumn && i < systemColumn + 4;
    }

    /** Whether a column of this entry is called {@code name}. */
    boolean hasColumn(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
