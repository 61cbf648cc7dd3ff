package org.tusk.engine.nodes;

import java.util.List;

/** AlterTableStmt: ALTER {TABLE|INDEX|SEQUENCE|VIEW|...} [IF EXISTS] name cmds. */
public record AlterTableStmt(RangeVar relation, List<AlterTableCmd> cmds, ObjectType objtype, boolean missingOk)
        implements RawStmt {
    /** The command tag word(s) of an object type, as in CreateCommandTag. */
    public static String objectTag(ObjectType t) {
        switch (t) {
            case MATVIEW: return "MATERIALIZED VIEW";
            case FOREIGN_TABLE: return "FOREIGN TABLE";
            case ACCESS_METHOD: return "ACCESS METHOD";
            case EVENT_TRIGGER: return "EVENT TRIGGER";
            case FDW: return "FOREIGN DATA WRAPPER";
            case FOREIGN_SERVER: return "SERVER";
            case OPCLASS: return "OPERATOR CLASS";
            case OPFAMILY: return "OPERATOR FAMILY";
            case STATISTIC_EXT: return "STATISTICS";
            case TSCONFIGURATION: return "TEXT SEARCH CONFIGURATION";
            case TSDICTIONARY: return "TEXT SEARCH DICTIONARY";
            case TSPARSER: return "TEXT SEARCH PARSER";
            case TSTEMPLATE: return "TEXT SEARCH TEMPLATE";
            case USER_MAPPING: return "USER MAPPING";
            case LARGEOBJECT: return "LARGE OBJECT";
            case TABCONSTRAINT: case DOMCONSTRAINT: return "CONSTRAINT";
            default: return t.name();
        }
    }

    @Override
    public String commandName() {
        return "ALTER " + objectTag(objtype);
    }
}
