package org.tusk.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The packaged tusk-script bundle inside a real Felix 7 with the bundles the frontend
 * role starts plus Groovy (groovy + the groovy-jsr223 fragment): the DS component
 * registers, the engine is created without ScriptEngineManager, and a script sees db,
 * org.tusk.libpq and org.tusk.script classes across the bundles' class loaders.
 */
class ScriptFrontendOsgiIT extends ScriptTestSupport {
    @TempDir Path dir;

    /** Jars by a class each contains (the test class path has them all). */
    private static final String[] BUNDLE_CLASSES = {
        "org.tusk.api.frontend.Frontend", "org.tusk.libpq.PgConnection", "org.tusk.monitor.SqlScript", "org.jline.reader.LineReader",
        "groovy.lang.Script", "org.codehaus.groovy.jsr223.GroovyScriptEngineFactory",
        "org.slf4j.Logger", "org.slf4j.simple.SimpleLogger",
        "org.apache.felix.scr.impl.Activator", "org.osgi.service.component.ComponentContext",
        "org.osgi.util.promise.Promise", "org.osgi.util.function.Function",
        "org.apache.aries.spifly.dynamic.DynamicWeavingActivator",
        "org.objectweb.asm.ClassVisitor", "org.objectweb.asm.commons.Method", "org.objectweb.asm.tree.ClassNode",
        "org.objectweb.asm.tree.analysis.Analyzer", "org.objectweb.asm.util.Printer",
    };

    @Test
    void runsInsideFelix() throws Exception {
        String bundle = System.getProperty("tusk.script.bundle");
        assumeTrue(bundle != null && new File(bundle).isFile(), "run after package (mvn install)");
        String[] conn = connArgs();   // the real PostgreSQL (or skip)

        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", dir.resolve("felix").toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        config.put("org.osgi.framework.bootdelegation", "sun.*");
        config.put("felix.log.level", "1");
        Framework fw = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        fw.init();
        try {
            BundleContext ctx = fw.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            List<String> locations = new ArrayList<>();
            for (String cls : BUNDLE_CLASSES) {
                locations.add(Path.of(Class.forName(cls).getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toString());
            }
            locations.add(new File(bundle).toURI().toString());
            for (String l : locations) installed.add(ctx.installBundle(l));
            fw.start();
            for (Bundle b : installed) {
                if (b.getHeaders().get("Fragment-Host") == null) b.start();
            }
            Object frontend = null;
            for (int i = 0; i < 100 && frontend == null; i++) {
                ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.tusk.api.frontend.Frontend", "(tusk.frontend=script)");
                if (refs != null) frontend = ctx.getService(refs[0]);
                else Thread.sleep(100);
            }
            StringBuilder states = new StringBuilder();
            for (Bundle b : installed) states.append(b.getSymbolicName()).append('=').append(b.getState()).append(' ');
            assertNotNull(frontend, "no Frontend service with tusk.frontend=script; bundle states: " + states);

            Path script = write(dir, "osgi.groovy", """
                    import org.tusk.libpq.PgError
                    import org.tusk.script.Row
                    def r = db.firstRow('select 41 + $1 as answer', 1)
                    assert r instanceof Row
                    out.println "answer ${r.answer} from ${r.getClass().classLoader.getClass().simpleName.contains('Bundle') ? 'a bundle' : r.getClass().classLoader}"
                    try { db.query('select * from nope') } catch (PgError e) { out.println "caught ${e.sqlState()}" }
                    db.transaction { out.println "in a transaction: ${db.connection.transactionStatus()}" }
                    out.println args.toList()
                    exit(5)
                    """);
            String[] args = concat(conn, script.toString(), "a", "b");
            Object[] result = invoke(frontend, args);
            assertEquals(5, result[0], (String) result[2]);
            assertEquals("answer 42 from a bundle\ncaught 42P01\nin a transaction: T\n[a, b]\n", result[1]);

            Path sql = write(dir, "osgi.sql", "\\set x 2\n\\if :{?x}\nselect :x + 1 as y;\n\\endif\n");
            Object[] sqlResult = invoke(frontend, concat(conn, sql.toString()));
            assertEquals(0, sqlResult[0], (String) sqlResult[2]);
            assertEquals(" y \n---\n 3\n(1 row)\n\n", sqlResult[1]);

            Object[] bad = invoke(frontend, concat(conn, write(dir, "bad.groovy", "\n\nnull.foo()\n").toString()));
            assertEquals(1, bad[0]);
            assertEquals(dir.resolve("bad.groovy") + ":3: java.lang.NullPointerException: Cannot invoke method foo() on null object\n", bad[2]);
        } finally {
            fw.stop();
            fw.waitForStop(10_000);
        }
    }

    /** Frontend.run through reflection: the test's Frontend class is not the framework's. */
    private static Object[] invoke(Object frontend, String[] args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Object status = frontend.getClass().getMethod("run", String[].class, InputStream.class, PrintStream.class, PrintStream.class)
                .invoke(frontend, args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Object[] { status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) };
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

}
