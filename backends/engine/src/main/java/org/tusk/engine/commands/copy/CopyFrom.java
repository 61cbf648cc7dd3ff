package org.tusk.engine.commands.copy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.executor.modify.ResultColumn;
import org.tusk.engine.executor.modify.TableModifier;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/**
 * COPY table [(columns)] FROM (copyfrom.c's CopyFrom with NextCopyFrom): each
 * record's fields go through the columns' input functions, the columns not
 * listed get their defaults, and the row is checked and inserted through the
 * {@link TableModifier} (constraints, indexes), a batch at a time
 * ({@link CopyMultiInsertBuffer}) unless rows are routed to partitions or a
 * default is volatile. Errors carry PostgreSQL's
 * context: {@code COPY t, line 3, column a: "x"} for a bad value,
 * {@code COPY t, line 3: "raw line"} otherwise. The caller's transaction
 * makes a failed COPY roll back as a whole.
 */
public final class CopyFrom {

    private final TableModifier modifier;
    private final int[] attnums;
    private final Expr[] defaults;
    private final CopyOptions options;
    private final EvalContext ctx;

    /**
     * @param attnums  the table columns (0-based) the input's fields fill, in input order
     * @param defaults per table column, its default expression (null = NULL) for columns not in {@code attnums}
     */
    public CopyFrom(TableModifier modifier, int[] attnums, Expr[] defaults, CopyOptions options, EvalContext ctx) {
        this.modifier = modifier;
        this.attnums = attnums;
        this.defaults = defaults;
        this.options = options;
        this.ctx = ctx;
    }

    /** Per table column, the OID of the user enum type it has (0 for the others): its fields become EnumValues. */
    private int[] enumTypes;

    /** Names the table columns of user enum types (per column the type's OID, else 0). */
    public CopyFrom withEnumColumns(int[] enumTypeOids) {
        this.enumTypes = enumTypeOids;
        return this;
    }

    /** enum_in: the label must be one of the type's. */
    private static Object enumValue(int typeOid, String label) {
        org.tusk.engine.types.UserTypes.UserType t = org.tusk.engine.types.UserTypes.byOid(typeOid);
        return t == null ? new org.tusk.engine.types.EnumValue(typeOid, label) : org.tusk.engine.types.EnumValue.input(t, label);
    }

    /** COPY FREEZE's checks, run once the client is sending (copyfrom.c runs them in CopyFrom). */
    private Runnable freezeCheck;

    /** COPY ... (FREEZE): {@code check} throws unless the table may take frozen rows. */
    public CopyFrom withFreeze(Runnable check) {
        this.freezeCheck = check;
        return this;
    }

    /** Reads {@code in} to its end, inserting every record; returns the number of rows. */
    public long run(InputStream in) {
        if (options.format == CopyOptions.Format.BINARY) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM in BINARY format is not supported yet");
        }
        CopyReader reader = new CopyReader(in, options);
        List<ResultColumn> columns = modifier.table().columns();
        String table = modifier.table().name();
        boolean[] forceNotNull = new boolean[attnums.length];
        boolean[] forceNull = new boolean[attnums.length];
        for (int i = 0; i < attnums.length; i++) {
            String name = columns.get(attnums[i]).name();
            forceNotNull[i] = options.forceNotNull.contains(name);
            forceNull[i] = options.forceNull.contains(name);
        }
        checkForcedColumns(options.forceNotNull, "FORCE_NOT_NULL", columns);
        checkForcedColumns(options.forceNull, "FORCE_NULL", columns);
        reader.setForced(forceNotNull, forceNull);
        TypeContext types = ctx.session() != null ? ctx.session().typeContext() : TypeContext.DEFAULT;
        CopyMultiInsertBuffer batch = modifier.canInsertInBatches() && !volatileDefaults()
                ? new CopyMultiInsertBuffer(modifier, table) : null;
        long rows = 0;
        // A row the batch does not keep (no indexes to insert after the flush) is formed and done with
        // before the next is read: one array serves them all (a new one per row was 45 MB per pgbench -i).
        Object[] reusedRow = batch != null && !batch.keepsRows() ? new Object[columns.size()] : null;
        boolean[] given = new boolean[columns.size()];
        try {
            if (freezeCheck != null) {
                freezeCheck.run();
                modifier.storeBatchesFrozen();
            }
            if (options.header) {
                reader.next();
            }
            while (true) {
                String[] fields;
                try {
                    fields = reader.next();
                } catch (PgException e) {
                    throw e.withContext(lineContext(table, reader));
                }
                if (fields == null) {
                    break;
                }
                ctx.checkForInterrupts();
                if (fields.length > attnums.length) {
                    if (attnums.length == 0 && fields.length == 1 && fields[0] != null && fields[0].isEmpty()) {
                        fields = new String[0];          // a zero-column table reads empty lines
                    } else {
                        throw PgException.error(SqlState.BAD_COPY_FILE_FORMAT,
                                "extra data after last expected column").withContext(lineContext(table, reader));
                    }
                }
                if (fields.length < attnums.length) {
                    throw PgException.error(SqlState.BAD_COPY_FILE_FORMAT, "missing data for column \""
                            + columns.get(attnums[fields.length]).name() + "\"")
                            .withContext(lineContext(table, reader));
                }
                Object[] row;
                if (reusedRow != null) {
                    row = reusedRow;
                    java.util.Arrays.fill(row, null);
                } else {
                    row = new Object[columns.size()];
                }
                java.util.Arrays.fill(given, false);
                for (int i = 0; i < attnums.length; i++) {
                    ResultColumn column = columns.get(attnums[i]);
                    given[attnums[i]] = true;
                    if (fields[i] == null) {
                        continue;
                    }
                    try {
                        row[attnums[i]] = TextFormat.input(column.type(), column.typmod(), fields[i], types);
                        if (enumTypes != null && attnums[i] < enumTypes.length && enumTypes[attnums[i]] != 0) {
                            row[attnums[i]] = enumValue(enumTypes[attnums[i]], fields[i]);
                        }
                    } catch (PgException e) {
                        throw e.withContext("COPY " + table + ", line " + reader.lineNumber() + ", column "
                                + column.name() + ": \"" + limit(fields[i]) + "\"");
                    }
                }
                for (int c = 0; c < row.length; c++) {
                    if (!given[c] && defaults != null && defaults[c] != null) {
                        row[c] = defaults[c].eval(ctx);
                    }
                }
                if (batch != null) {
                    byte[] tuple;
                    try {
                        tuple = modifier.prepareBatchedInsert(row);
                    } catch (PgException e) {
                        throw e.withContext(lineContext(table, reader));
                    }
                    batch.add(row, tuple, reader.lineNumber());
                    rows++;
                    continue;
                }
                try {
                    modifier.insert(row);
                } catch (PgException e) {
                    throw e.withContext(lineContext(table, reader));
                }
                if (modifier.lastInsertSkipped()) {
                    continue;                           // a BEFORE ROW trigger of the partition skipped it
                }
                rows++;
            }
            if (batch != null) {
                batch.flush();
            }
        } catch (RuntimeException e) {
            reader.drain();
            throw e;
        }
        return rows;
    }

    /**
     * CopyFrom's CIM_SINGLE condition: a volatile default (other than nextval)
     * may look at the table, so rows are stored one at a time for it to see the
     * earlier ones.
     */
    private boolean volatileDefaults() {
        if (defaults == null) {
            return false;
        }
        boolean[] given = new boolean[defaults.length];
        for (int a : attnums) {
            given[a] = true;
        }
        for (int c = 0; c < defaults.length; c++) {
            if (!given[c] && defaults[c] != null && volatileIn(defaults[c])) {
                return true;
            }
        }
        return false;
    }

    private static boolean volatileIn(Expr e) {
        if (e instanceof org.tusk.engine.expr.FuncExpr f && f.volatility() == 'v' && !"nextval".equals(f.name())) {
            return true;
        }
        for (Expr c : e.children()) {
            if (volatileIn(c)) {
                return true;
            }
        }
        return false;
    }

    private static void checkForcedColumns(List<String> names, String option, List<ResultColumn> columns) {
        for (String name : names) {
            if (columns.stream().noneMatch(c -> c.name().equals(name))) {
                throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist");
            }
        }
    }

    private static String lineContext(String table, CopyReader reader) {
        return "COPY " + table + ", line " + reader.lineNumber() + ": \"" + limit(reader.rawRecord()) + "\"";
    }

    /** limit_printout_length: at most 100 bytes, then "...". */
    static String limit(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 100) {
            return s;
        }
        int len = 100;
        while (len > 0 && (bytes[len] & 0xC0) == 0x80) {
            len--;                                       // do not cut a character in half
        }
        return new String(bytes, 0, len, StandardCharsets.UTF_8) + "...";
    }
}
