package org.tusk.libpq;

/** Receives NoticeResponse messages (NOTICE, WARNING, INFO, ...) of a connection. */
@FunctionalInterface
public interface NoticeHandler {
    void onNotice(PgDiagnostic notice);
}
