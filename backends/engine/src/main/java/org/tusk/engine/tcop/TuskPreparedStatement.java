package org.tusk.engine.tcop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.parser.ParsedStatement;
import org.tusk.engine.types.BinaryFormat;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;

/** A CachedPlanSource: the analyzed statement with its parameter and result types. */
final class TuskPreparedStatement implements PreparedStatement {
    private final TuskSession session;
    private final ParsedStatement parsed;
    private final Query query;
    private final int[] parameterTypes;
    private final List<Column> columns;
    /** INSERT/UPDATE/DELETE/COPY, analyzed (DmlStatements); null for queries and utility commands. */
    private final org.tusk.engine.commands.DmlCommand dml;

    TuskPreparedStatement(TuskSession session, ParsedStatement parsed, Query query, int[] parameterTypes,
            List<Column> columns) {
        this(session, parsed, query, parameterTypes, columns, null);
    }

    TuskPreparedStatement(TuskSession session, ParsedStatement parsed, Query query, int[] parameterTypes,
            List<Column> columns, org.tusk.engine.commands.DmlCommand dml) {
        this.dml = dml;
        this.session = session;
        this.parsed = parsed;
        this.query = query;
        this.parameterTypes = parameterTypes;
        this.columns = columns;
    }

    ParsedStatement parsed() { return parsed; }
    Query query() { return query; }
    org.tusk.engine.commands.DmlCommand dml() { return dml; }

    @Override
    public int[] parameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public List<Column> resultColumns() {
        return columns;
    }

    @Override
    public Portal bind(List<byte[]> parameterValues, short[] parameterFormats, short[] resultFormats) {
        return session.guarded(() -> {
            session.beginStatement();
            int n = parameterValues == null ? 0 : parameterValues.size();
            if (n != parameterTypes.length) {
                throw Ereport.error(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + n
                        + " parameters, but prepared statement \"\" requires " + parameterTypes.length);
            }
            short[] pf = parameterFormats == null ? new short[0] : parameterFormats;
            if (pf.length > 1 && pf.length != n) {
                throw Ereport.error(SqlState.PROTOCOL_VIOLATION, "bind message has " + pf.length
                        + " parameter formats but " + n + " parameters");
            }
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                byte[] raw = parameterValues.get(i);
                if (raw == null) {
                    continue;
                }
                int format = pf.length == 0 ? 0 : pf.length == 1 ? pf[0] : pf[i];
                PgType type = PgType.byOid(parameterTypes[i]);
                values[i] = decode(type, format, raw, i + 1);
            }
            List<Column> out = null;
            if (columns != null) {
                short[] rf = resultFormats == null ? new short[0] : resultFormats;
                if (rf.length > 1 && rf.length != columns.size()) {
                    throw Ereport.error(SqlState.PROTOCOL_VIOLATION, "bind message has " + rf.length
                            + " result formats but query has " + columns.size() + " columns");
                }
                out = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    short f = rf.length == 0 ? 0 : rf.length == 1 ? rf[0] : rf[i];
                    if (f != 0 && f != 1) {
                        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + f);
                    }
                    out.add(columns.get(i).withFormat(f));
                }
            }
            return new TuskPortal(session, this, values, out);
        });
    }

    private Object decode(PgType type, int format, byte[] raw, int number) {
        if (format == 0) {
            return TextFormat.input(type, -1, new String(raw, StandardCharsets.UTF_8), session.typeContext());
        }
        if (format != 1) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + format);
        }
        try {
            return BinaryFormat.receive(type, -1, raw, session.typeContext());
        } catch (PgException e) {
            if (e.sqlState().equals(SqlState.INVALID_BINARY_REPRESENTATION)) {
                throw Ereport.error(SqlState.INVALID_BINARY_REPRESENTATION,
                        "incorrect binary data format in bind parameter " + number);
            }
            throw e;
        }
    }
}
