package org.tusk.engine.func.sysinfo;

import org.tusk.engine.catalog.SystemCatalogs;

/**
 * getObjectDescription (pg_describe_object): the human-readable name of a
 * catalog object given as (classid, objid, objsubid), as dependency
 * messages print it: "table t", "column c of table t", "index i",
 * "constraint k on table t", "schema s", "type t", "function f(integer)".
 * Relations and functions are schema-qualified only when not visible in the
 * search path. An object of a catalog not described here gives NULL.
 */
public final class ObjectDescriptions {

    private final SysInfoContext ctx;

    public ObjectDescriptions(SysInfoContext ctx) {
        this.ctx = ctx;
    }

    public String describe(int classId, int objId, int subId) {
        switch (classId) {
            case SystemCatalogs.PG_CLASS:
                return relation(objId, subId);
            case SystemCatalogs.PG_CONSTRAINT: {
                CatalogRow con = ctx.cache().constraint(objId);
                if (con == null) {
                    return null;
                }
                int rel = con.oid("conrelid");
                if (rel != 0) {
                    return "constraint " + con.str("conname") + " on " + relation(rel, 0);
                }
                int domain = con.oid("contypid");
                return "constraint " + con.str("conname")
                        + (domain != 0 ? " on domain " + new TypeFormatter(ctx).format(domain, -1, false) : "");
            }
            case SystemCatalogs.PG_NAMESPACE: {
                String name = ctx.cache().namespaceName(objId);
                return name == null ? null : "schema " + name;
            }
            case SystemCatalogs.PG_TYPE:
                return ctx.cache().type(objId) == null ? null
                        : "type " + new TypeFormatter(ctx).format(objId, -1, false);
            case SystemCatalogs.PG_PROC: {
                CatalogRow proc = ctx.cache().proc(objId);
                if (proc == null) {
                    return null;
                }
                String name = Identifiers.quote(proc.str("proname"));
                if (!Boolean.TRUE.equals(new Visibility(ctx).functionIsVisible(objId))) {
                    name = Identifiers.quote(ctx.cache().namespaceName(proc.oid("pronamespace"))) + "." + name;
                }
                String kind = "p".equals(proc.str("prokind")) ? "procedure " : "a".equals(proc.str("prokind"))
                        ? "aggregate " : "function ";
                return kind + name + "(" + new FunctionSignatures(ctx).identityArguments(objId) + ")";
            }
            default:
                return null;
        }
    }

    private String relation(int relOid, int subId) {
        CatalogRow rel = ctx.cache().relation(relOid);
        if (rel == null) {
            return null;
        }
        String name = Identifiers.quote(rel.str("relname"));
        if (!new Visibility(ctx).relationIsVisible(rel)) {
            name = Identifiers.quote(ctx.cache().namespaceName(rel.oid("relnamespace"))) + "." + name;
        }
        String what = kindWord(rel.ch("relkind")) + " " + name;
        if (subId != 0) {
            String column = ctx.cache().attributeName(relOid, subId);
            return "column " + (column == null ? String.valueOf(subId) : column) + " of " + what;
        }
        return what;
    }

    /** getRelationDescription's words per relkind. */
    static String kindWord(char relkind) {
        return switch (relkind) {
            case 'r', 'p' -> "table";
            case 'i', 'I' -> "index";
            case 'S' -> "sequence";
            case 't' -> "toast table";
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'c' -> "composite type";
            case 'f' -> "foreign table";
            default -> "relation";
        };
    }
}
