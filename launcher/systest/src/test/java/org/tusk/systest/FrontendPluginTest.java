package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frontends are plugins: a bundle built here, at test time (a class compiled against
 * tusk-api, a hand-written manifest and a Declarative Services component XML), is dropped
 * into a distribution's {@code deploy/frontends/} and then shows up in {@code tusk help}
 * and runs as {@code tusk hello}, without any rebuild. The distribution is a copy of
 * launcher/dist's made of symbolic links, so other tests never see the plugin.
 */
class FrontendPluginTest {

    @TempDir Path tmp;

    @Test
    void bundleInDeployFolderIsListedAndRuns() throws Exception {
        Path home = tmp.resolve("tusk");
        Files.createDirectories(home);
        for (String part : List.of("tusk-boot.jar", "lib", "bundles", "run")) {
            Files.createSymbolicLink(home.resolve(part), TuskCluster.DIST.resolve(part));
        }
        try {
            runWithPlugin(home);
        } finally {
            for (String part : List.of("tusk-boot.jar", "lib", "bundles", "run")) Files.deleteIfExists(home.resolve(part));
        }
    }

    private void runWithPlugin(Path home) throws Exception {
        Path deploy = Files.createDirectories(home.resolve("deploy/frontends"));

        TuskCluster.Result before = tusk(home, "hello");
        assertEquals(1, before.status(), before.output());
        assertTrue(before.output().contains("\"hello\" is not a tusk command or installed frontend"), before.output());

        buildHelloBundle(deploy.resolve("hello-frontend.jar"));

        TuskCluster.Result help = tusk(home, "help");
        assertEquals(0, help.status(), help.output());
        assertTrue(help.output().matches("(?s).*\n  tusk hello +says hello from a deployed bundle\n.*"), help.output());
        assertTrue(help.output().contains("  tusk sql "), help.output());

        TuskCluster.Result run = tusk(home, "hello", "a b", "c");
        assertEquals(7, run.status(), run.output());
        assertEquals("hello from a plugin: [a b, c]\n", run.output());
    }

    private static TuskCluster.Result tusk(Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 23) cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.addAll(List.of("-Dtusk.home=" + home, "-jar", home.resolve("tusk-boot.jar").toString()));
        cmd.addAll(List.of(args));
        return TuskCluster.run(cmd, 120);
    }

    /** Compiles the frontend against tusk-api and packs it as a bundle with a DS component. */
    private void buildHelloBundle(Path jar) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/hello"));
        Files.writeString(src.resolve("HelloFrontend.java"), """
                package hello;

                public class HelloFrontend implements org.tusk.api.frontend.Frontend {
                    public String description() { return "says hello from a deployed bundle"; }

                    public int run(String[] args, java.io.InputStream in, java.io.PrintStream out, java.io.PrintStream err) {
                        out.println("hello from a plugin: " + java.util.Arrays.toString(args));
                        out.flush();
                        return 7;
                    }
                }
                """);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path api;
        try (Stream<Path> s = Files.list(TuskCluster.DIST.resolve("bundles"))) {
            api = s.filter(p -> p.getFileName().toString().startsWith("tusk-api-")).findFirst().orElseThrow();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-cp", api.toString(), "-d", classes.toString(),
                src.resolve("HelloFrontend.java").toString());
        assertEquals(0, rc, "javac");

        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "test.hello.frontend");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", "org.tusk.api.frontend;version=\"[1.0,2)\"");
        a.putValue("Service-Component", "OSGI-INF/hello.xml");
        a.putValue("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.3.0)(!(version>=2.0.0)))\"");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf)) {
            out.putNextEntry(new JarEntry("hello/HelloFrontend.class"));
            out.write(Files.readAllBytes(classes.resolve("hello/HelloFrontend.class")));
            out.closeEntry();
            out.putNextEntry(new JarEntry("OSGI-INF/hello.xml"));
            out.write("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="hello.frontend">
                      <implementation class="hello.HelloFrontend"/>
                      <service><provide interface="org.tusk.api.frontend.Frontend"/></service>
                      <property name="tusk.frontend" value="hello"/>
                    </scr:component>
                    """.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
