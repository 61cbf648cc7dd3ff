package org.tusk.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.RawStatement;
import org.tusk.api.error.PgException;
import org.tusk.engine.tcop.TuskQueryEngine;

/** A cluster directory with initdb's catalog files, and a simple-query driver like exec_simple_query. */
public final class EngineFixture {
    public final Path dataDir;
    public final FakeBackend backend;
    public final FakeHost host;
    public final EngineSession session;

    public EngineFixture(Path tmp, Map<String, String> startup) throws IOException {
        dataDir = tmp;
        Files.createDirectories(tmp.resolve("global"));
        Files.writeString(tmp.resolve("global/pg_database"), "5 postgres\n1 template1\n4 template0\n");
        Files.writeString(tmp.resolve("global/pg_authid"), "10 postgres t\n16384 alice f\n");
        backend = new FakeBackend(tmp);
        host = new FakeHost(backend);
        session = new TuskQueryEngine().openSession(host, "postgres", "postgres", startup);
    }

    /** Runs one Query message; renders it in the format of generate.py. */
    public String simpleQuery(String sql) {
        StringBuilder out = new StringBuilder();
        host.transcript = out;
        try {
            List<RawStatement> stmts = session.parse(sql);
            if (stmts.isEmpty()) {
                out.append("T: EMPTY\n");
            }
            for (RawStatement st : stmts) {
                PreparedStatement ps = session.prepare(st, new int[0]);
                Portal portal = ps.bind(List.of(), new short[0], new short[0]);
                List<Column> cols = portal.columns();
                if (cols != null) {
                    List<String> parts = new ArrayList<>();
                    for (Column c : cols) {
                        parts.add(c.name() + ":" + c.typeOid() + ":" + c.typmod());
                    }
                    out.append("C: ").append(String.join(" ", parts)).append('\n');
                }
                String tag = portal.execute(0, values -> {
                    List<String> vals = new ArrayList<>();
                    for (byte[] v : values) {
                        vals.add(v == null ? "\\N" : new String(v, StandardCharsets.UTF_8));
                    }
                    out.append("R: ").append(String.join("|", vals)).append('\n');
                });
                out.append("T: ").append(tag).append('\n');
            }
        } catch (PgException e) {
            out.append("E: ").append(e.sqlState()).append('|').append(e.getMessage()).append('|').append(e.position())
                    .append('\n');
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        session.sync();
        out.append("Z: ").append(session.transactionStatus()).append('\n');
        host.transcript = null;
        return out.toString();
    }
}
