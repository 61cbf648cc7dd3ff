package org.tusk.engine.nodes;

/** ViewCheckOption: WITH [LOCAL|CASCADED] CHECK OPTION. */
public enum ViewCheckOption {
    NO_CHECK_OPTION, LOCAL_CHECK_OPTION, CASCADED_CHECK_OPTION
}
