package org.tusk.engine.catalog.sysviews;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.tusk.engine.expr.SessionServices;

/**
 * What the views over the server's own files and build (pg_file_settings, pg_hba_file_rules, pg_config)
 * share: the data directory's files, and PostgreSQL's rule that only a superuser reads them (their
 * functions are revoked from PUBLIC).
 */
final class SystemFiles {
    private SystemFiles() {}

    /** The file {@code name} in the session's data directory, or null without one. */
    static Path dataFile(SessionServices session, String name) {
        if (session.host() == null || session.host().backend() == null
                || session.host().backend().dataDirectory() == null) {
            return null;
        }
        return session.host().backend().dataDirectory().resolve(name);
    }

    /** 42501 unless the current user is a superuser (EXECUTE of the view's function is not granted). */
    static void requireSuperuser(SessionServices session, String view) {
        org.tusk.engine.acl.AccessChecks.checkSuperuser(session, "permission denied for view " + view);
    }

    /**
     * The lines of the data directory's file {@code name} for the view {@code view} (superusers only),
     * none when there is no such file or it cannot be read (PostgreSQL reports that in the view's
     * error column; the server could not have started without it here).
     */
    static List<String> readLines(SessionServices session, String name, String view) {
        requireSuperuser(session, view);
        Path file = dataFile(session, name);
        try {
            return file == null || !Files.exists(file) ? List.of() : Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
