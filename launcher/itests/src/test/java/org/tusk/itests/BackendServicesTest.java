package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectService;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.error.PgException;
import org.tusk.api.protocol.ProtocolHandler;

/**
 * Runs inside Felix (bnd-testing): the backend's bundles resolve together, and
 * their Declarative Services components register the engine and the protocol
 * as services that work through the API alone.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.osgi.test.junit5.service.ServiceExtension.class)
class BackendServicesTest {

    @InjectService(timeout = 10_000)
    QueryEngine engine;

    @Test
    void theV3ProtocolHandlerIsRegisteredUnderItsName() throws Exception {
        BundleContext ctx = FrameworkUtil.getBundle(BackendServicesTest.class).getBundleContext();
        ServiceReference<?>[] refs = ctx.getAllServiceReferences(ProtocolHandler.class.getName(), "(tusk.protocol=postgresql-v3)");
        assertNotNull(refs, "protocol handler service");
        assertEquals(1, refs.length);
    }

    @Test
    void theEngineServiceRunsAStatementThroughTheApi() throws Exception {
        Path dataDir = Files.createTempDirectory("itest");
        Files.createDirectories(dataDir.resolve("global"));
        Files.writeString(dataDir.resolve("global/pg_database"), "1 template1\n4 template0\n5 postgres\n");
        Files.writeString(dataDir.resolve("global/pg_authid"), "10 tester t\n");
        FakeHost host = new FakeHost(dataDir);
        try (EngineSession session = engine.openSession(host, "tester", "postgres", Map.of())) {
            PreparedStatement ps = session.prepare(session.parse("select 20 + 22 as answer").get(0), new int[0]);
            assertEquals("answer", ps.resultColumns().get(0).name());
            assertEquals(23, ps.resultColumns().get(0).typeOid());
            Portal portal = ps.bind(List.of(), new short[0], new short[0]);
            List<byte[][]> rows = new ArrayList<>();
            assertEquals("SELECT 1", portal.execute(0, rows::add));
            assertArrayEquals("42".getBytes(StandardCharsets.UTF_8), rows.get(0)[0]);
            session.sync();

            PgException e = assertThrows(PgException.class, () -> session.parse("selec 1"));
            assertEquals("42601", e.sqlState());
            assertEquals(1, e.position());
        }
        PgException noDb = assertThrows(PgException.class, () -> engine.openSession(host, "tester", "nosuchdb", Map.of()));
        assertEquals("3D000", noDb.sqlState());
    }
}
