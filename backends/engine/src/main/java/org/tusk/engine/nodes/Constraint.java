package org.tusk.engine.nodes;

import java.util.List;

/** Constraint: a column or table constraint. Which fields matter depends on {@code contype}:
 * rawExpr for CHECK/DEFAULT/GENERATED; keys/including/indexname/options/accessMethod/whereClause for PRIMARY/UNIQUE/EXCLUSION;
 * pktable/fkAttrs/pkAttrs/fk* for FOREIGN ('a' no action, 'r' restrict, 'c' cascade, 'n' set null, 'd' set default;
 * match 's' simple, 'f' full, 'p' partial); generatedWhen 'a' always, 'd' by default for IDENTITY/GENERATED. */
public record Constraint(ConstrType contype, String conname, boolean deferrable, boolean initdeferred,
        boolean isNoInherit, RawNode rawExpr, char generatedWhen, boolean nullsNotDistinct, List<String> keys,
        List<String> including, List<RawNode> exclusions, List<DefElem> options, String indexname,
        String indexspace, String accessMethod, RawNode whereClause, RangeVar pktable, List<String> fkAttrs,
        List<String> pkAttrs, char fkMatchtype, char fkUpdAction, char fkDelAction, List<String> fkDelSetCols,
        boolean skipValidation, List<DefElem> identityOptions, int location) implements RawNode {}
