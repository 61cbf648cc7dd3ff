package org.tusk.engine.nodes;

import java.util.List;

/** AccessPriv: a privilege (or role name in GRANT role) with optional column list; privName null means ALL PRIVILEGES. */
public record AccessPriv(String privName, List<String> cols) {}
