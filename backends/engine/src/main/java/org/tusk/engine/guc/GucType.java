package org.tusk.engine.guc;

/** The value kinds of config_generic's subtypes. */
public enum GucType { BOOL, INT, REAL, STRING, ENUM }
