package org.tusk.engine.parser;

import java.util.List;

import org.tusk.engine.nodes.ConstrType;
import org.tusk.engine.nodes.Constraint;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawNode;

/** A Constraint node filled in clause by clause, as gram.y does with makeNode(Constraint). */
final class ConstraintBuilder {
    ConstrType contype;
    String conname;
    boolean deferrable;
    boolean initdeferred;
    boolean isNoInherit;
    RawNode rawExpr;
    char generatedWhen;
    boolean nullsNotDistinct;
    List<String> keys = List.of();
    List<String> including = List.of();
    List<RawNode> exclusions = List.of();
    List<DefElem> options = List.of();
    String indexname;
    String indexspace;
    String accessMethod;
    RawNode whereClause;
    RangeVar pktable;
    List<String> fkAttrs = List.of();
    List<String> pkAttrs = List.of();
    char fkMatchtype = 's';
    char fkUpdAction = 'a';
    char fkDelAction = 'a';
    List<String> fkDelSetCols = List.of();
    boolean skipValidation;
    List<DefElem> identityOptions = List.of();
    final int location;

    ConstraintBuilder(int location) {
        this.location = location;
    }

    Constraint build() {
        return new Constraint(contype, conname, deferrable, initdeferred, isNoInherit, rawExpr, generatedWhen,
                nullsNotDistinct, keys, including, exclusions, options, indexname, indexspace, accessMethod, whereClause,
                pktable, fkAttrs, pkAttrs, fkMatchtype, fkUpdAction, fkDelAction, fkDelSetCols, skipValidation,
                identityOptions, location);
    }
}
