package org.tusk.boot;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Client programs: {@code tusk NAME [args]} boots the frontend bundle set and
 * runs the {@code org.tusk.api.frontend.Frontend} service registered with
 * {@code tusk.frontend=NAME}. The launcher sits outside OSGi and cannot see
 * the API class, so it calls the service reflectively.
 */
final class Frontends {

    private static final String FRONTEND_CLASS = "org.tusk.api.frontend.Frontend";
    private static final long FIND_TIMEOUT_MILLIS = 10_000;

    private Frontends() {}

    static int run(String name, String[] args, PrintStream err) throws Exception {
        if (name.startsWith("-")) {
            err.println("tusk: unknown option \"" + name + "\"\nTry \"tusk help\" for more information.");
            return 1;
        }
        Path cache = Files.createTempDirectory("tusk-frontend");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Framework fw = FelixBoot.start(Distribution.locate(), ProcessRole.FRONTEND, cache, Map.of());
        try {
            Object frontend = find(fw.getBundleContext(), name);
            if (frontend == null) {
                err.println("tusk: \"" + name + "\" is not a tusk command or installed frontend\nTry \"tusk help\" for more information.");
                return 1;
            }
            Method run = frontend.getClass().getMethod("run", String[].class, InputStream.class, PrintStream.class, PrintStream.class);
            run.setAccessible(true);
            return (Integer) run.invoke(frontend, args, System.in, System.out, System.err);
        } finally {
            fw.stop();
            fw.waitForStop(5_000);
            FelixBoot.deleteCache(cache);
        }
    }

    private static Object find(BundleContext ctx, String name) throws Exception {
        String filter = "(&(objectClass=" + FRONTEND_CLASS + ")(tusk.frontend=" + name.replaceAll("[()*\\\\]", "") + "))";
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(ctx, ctx.createFilter(filter), null);
        tracker.open(true);
        try {
            return tracker.waitForService(FIND_TIMEOUT_MILLIS);
        } finally {
            tracker.close();
        }
    }

    static int help(PrintStream out) throws Exception {
        out.println("tusk is a PostgreSQL-compatible database server on OSGi.");
        out.println();
        out.println("Usage:");
        out.println("  tusk                              start ./data (creating it first) and open the terminal monitor");
        out.println("  tusk initdb -D DIR [-U NAME] [-k]  create a database cluster (-k: data page checksums)");
        out.println("  tusk start -D DIR [-p PORT] [-c name=value ...] [-l LOGFILE]");
        out.println("                                    start the server in the background");
        out.println("  tusk stop -D DIR [-m smart|fast|immediate]");
        out.println("  tusk status -D DIR");
        out.println("  tusk postmaster -D DIR [-p PORT] [-c name=value ...]   run the server in the foreground");
        out.println("  tusk help                         this text");
        out.println();
        out.println("PGDATA stands in for -D. Settings come from DIR/tusk.conf and -c.");
        out.println();
        out.println("Installed frontends (tusk NAME [args]):");
        Path cache = Files.createTempDirectory("tusk-frontend");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Framework fw = FelixBoot.start(Distribution.locate(), ProcessRole.FRONTEND, cache, Map.of());
        try {
            Thread.sleep(200); // let Declarative Services register the frontends
            Map<String, String> found = new TreeMap<>();
            ServiceReference<?>[] refs = fw.getBundleContext().getAllServiceReferences(FRONTEND_CLASS, null);
            if (refs != null) {
                for (ServiceReference<?> ref : refs) {
                    Object svc = fw.getBundleContext().getService(ref);
                    Method d = svc.getClass().getMethod("description");
                    d.setAccessible(true);
                    found.put(String.valueOf(ref.getProperty("tusk.frontend")), String.valueOf(d.invoke(svc)));
                }
            }
            for (Map.Entry<String, String> e : found.entrySet()) {
                out.printf("  tusk %-30s %s%n", e.getKey(), e.getValue());
            }
        } finally {
            fw.stop();
            fw.waitForStop(5_000);
            FelixBoot.deleteCache(cache);
        }
        return 0;
    }
}
