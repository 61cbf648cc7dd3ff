package org.tusk.engine.tcop;

import java.util.List;

/** The outcome of a utility command: its command tag and any rows (SHOW). */
record UtilityResult(String tag, List<Object[]> rows) {
    static UtilityResult of(String tag) {
        return new UtilityResult(tag, List.of());
    }
}
