package org.tusk.monitor.internal;

import java.io.InputStream;
import java.io.PrintStream;

import org.osgi.service.component.annotations.Component;
import org.tusk.api.frontend.Frontend;

/** {@code ./tusk sql}: the terminal monitor, a psql-like SQL client. */
@Component(service = Frontend.class, property = "tusk.frontend=sql")
public final class SqlFrontend implements Frontend {

    @Override
    public String description() {
        return "the terminal monitor: run SQL interactively or from scripts (like psql)";
    }

    @Override
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        boolean terminal = in == System.in && System.console() != null;
        return new Monitor(out, err).run(args, in, terminal);
    }
}
