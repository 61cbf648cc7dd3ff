package org.tusk.engine.tcop;

import java.util.List;

/** A session's search_path as a list of schema names ("$user" replaced). */
public interface SearchPathProvider {
    List<String> searchPath();
}
