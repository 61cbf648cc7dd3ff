package org.tusk.protocol.internal.pqformat;

import java.util.List;
import java.util.Map;

import org.tusk.api.engine.Column;
import org.tusk.api.error.PgException;

/** Builders for the backend messages of protocol 3.0 (protocol-message-formats.html), written into a send buffer. */
public final class BackendMessages {
    /** PG_PROTOCOL_LATEST as PostgreSQL 15 puts it in NegotiateProtocolVersion: the whole 3.0 code, not just the minor. */
    public static final int PROTOCOL_LATEST = 3 << 16;

    private BackendMessages() {}

    public static void authenticationOk(PqSendBuffer b) {
        b.begin('R').int32(0).end();
    }

    public static void negotiateProtocolVersion(PqSendBuffer b, List<String> unrecognizedOptions) {
        b.begin('v').int32(PROTOCOL_LATEST).int32(unrecognizedOptions.size());
        for (String option : unrecognizedOptions) {
            b.cstring(option);
        }
        b.end();
    }

    public static void parameterStatus(PqSendBuffer b, String name, String value) {
        b.begin('S').cstring(name).cstring(value == null ? "" : value).end();
    }

    public static void parameterStatuses(PqSendBuffer b, Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            parameterStatus(b, e.getKey(), e.getValue());
        }
    }

    /** NotificationResponse: a NOTIFY committed by backend {@code pid} on a channel this session listens on. */
    public static void notificationResponse(PqSendBuffer b, int pid, String channel, String payload) {
        b.begin('A').int32(pid).cstring(channel).cstring(payload == null ? "" : payload).end();
    }

    public static void backendKeyData(PqSendBuffer b, int pid, int key) {
        b.begin('K').int32(pid).int32(key).end();
    }

    public static void readyForQuery(PqSendBuffer b, char transactionStatus) {
        b.begin('Z').int8(transactionStatus).end();
    }

    public static void parseComplete(PqSendBuffer b) { b.begin('1').end(); }

    public static void bindComplete(PqSendBuffer b) { b.begin('2').end(); }

    public static void closeComplete(PqSendBuffer b) { b.begin('3').end(); }

    public static void noData(PqSendBuffer b) { b.begin('n').end(); }

    public static void portalSuspended(PqSendBuffer b) { b.begin('s').end(); }

    public static void emptyQueryResponse(PqSendBuffer b) { b.begin('I').end(); }

    public static void commandComplete(PqSendBuffer b, String tag) {
        b.begin('C').cstring(tag).end();
    }

    public static void parameterDescription(PqSendBuffer b, int[] typeOids) {
        b.begin('t').int16(typeOids.length);
        for (int oid : typeOids) {
            b.int32(oid);
        }
        b.end();
    }

    /** RowDescription; {@code textOnly} describes a statement, whose output formats are not known yet (all 0). */
    public static void rowDescription(PqSendBuffer b, List<Column> columns, boolean textOnly) {
        b.begin('T').int16(columns.size());
        for (Column c : columns) {
            b.cstring(c.name()).int32(c.tableOid()).int16(c.attnum()).int32(c.typeOid())
                    .int16(c.typlen()).int32(c.typmod()).int16(textOnly ? 0 : c.format());
        }
        b.end();
    }

    /** One DataRow; a null element is SQL NULL (length -1). */
    public static void dataRow(PqSendBuffer b, byte[][] values) {
        b.begin('D').int16(values.length);
        for (byte[] v : values) {
            if (v == null) {
                b.int32(-1);
            } else {
                b.int32(v.length).bytes(v);
            }
        }
        b.end();
    }

    /** ErrorResponse ('E') or NoticeResponse ('N') with the fields PostgreSQL's send_message_to_frontend emits. */
    public static void errorOrNotice(PqSendBuffer b, char type, PgException e) {
        String severity = e.severity().name();
        b.begin(type);
        b.int8('S').cstring(severity);
        b.int8('V').cstring(severity);
        b.int8('C').cstring(e.sqlState() == null ? "XX000" : e.sqlState());
        b.int8('M').cstring(e.getMessage() == null ? "" : e.getMessage());
        if (e.detail() != null) {
            b.int8('D').cstring(e.detail());
        }
        if (e.hint() != null) {
            b.int8('H').cstring(e.hint());
        }
        if (e.position() > 0) {
            b.int8('P').cstring(Integer.toString(e.position()));
        }
        if (e.context() != null) {
            b.int8('W').cstring(e.context());
        }
        b.int8(0);
        b.end();
    }
}
