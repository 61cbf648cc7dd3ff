package org.tusk.engine.func.sysinfo;

import java.util.List;

/**
 * pg_get_function_arguments, pg_get_function_identity_arguments and
 * pg_get_function_result (ruleutils.c's print_function_arguments): argument
 * lists as CREATE FUNCTION spells them. pg_proc.proargdefaults holds the
 * default expressions' deparsed texts separated by
 * {@link ObjectDefinitions#EXPRESSION_SEPARATOR}, for the last
 * pronargdefaults input arguments.
 */
public final class FunctionSignatures {

    private final SysInfoContext ctx;

    public FunctionSignatures(SysInfoContext ctx) {
        this.ctx = ctx;
    }

    /** The argument list with modes, names and defaults; null for no such function. */
    public String arguments(int procOid) {
        return print(procOid, true);
    }

    /** The arguments that identify the function: no defaults. */
    public String identityArguments(int procOid) {
        return print(procOid, false);
    }

    /** The result type: "SETOF t", "TABLE(name type, ...)" or the type. */
    public String result(int procOid) {
        CatalogRow proc = ctx.cache().proc(procOid);
        if (proc == null) {
            return null;
        }
        if (proc.ch("prokind") == 'p') {
            return null;
        }
        Object[] modes = array(proc.get("proargmodes"));
        if (proc.bool("proretset") && modes != null && List.of(modes).contains("t")) {
            StringBuilder sb = new StringBuilder("TABLE(");
            Object[] types = array(proc.get("proallargtypes"));
            Object[] names = array(proc.get("proargnames"));
            boolean first = true;
            for (int i = 0; i < modes.length; i++) {
                if (!"t".equals(modes[i])) {
                    continue;
                }
                sb.append(first ? "" : ", ");
                first = false;
                if (names != null && names[i] != null && !((String) names[i]).isEmpty()) {
                    sb.append(Identifiers.quote((String) names[i])).append(' ');
                }
                sb.append(type(((Number) types[i]).intValue()));
            }
            return sb.append(')').toString();
        }
        return (proc.bool("proretset") ? "SETOF " : "") + type(proc.oid("prorettype"));
    }

    private String print(int procOid, boolean withDefaults) {
        CatalogRow proc = ctx.cache().proc(procOid);
        if (proc == null) {
            return null;
        }
        Object[] all = array(proc.get("proallargtypes"));
        int[] types;
        if (all != null) {
            types = new int[all.length];
            for (int i = 0; i < all.length; i++) {
                types[i] = ((Number) all[i]).intValue();
            }
        } else {
            types = proc.ints("proargtypes");
        }
        Object[] modes = array(proc.get("proargmodes"));
        Object[] names = array(proc.get("proargnames"));
        List<String> defaults = ObjectDefinitions.splitExpressions(proc.str("proargdefaults"));
        int nDefaults = withDefaults ? defaults.size() : 0;
        int inputs = 0;
        for (int i = 0; i < types.length; i++) {
            String m = modes == null ? "i" : (String) modes[i];
            if (m.equals("i") || m.equals("b") || m.equals("v")) {
                inputs++;
            }
        }
        // an ordered-set aggregate prints ORDER BY before its aggregated arguments (print_function_arguments)
        int orderByAt = -1;
        if (proc.ch("prokind") == 'a') {
            List<CatalogRow> agg = ctx.cache().find(2600, "aggfnoid", (long) procOid);
            if (!agg.isEmpty() && agg.get(0).ch("aggkind") != 'n') {
                orderByAt = ((Number) agg.get(0).get("aggnumdirectargs")).intValue();
            }
        }
        StringBuilder sb = new StringBuilder();
        int input = 0;
        boolean first = true;
        String lastArg = null;
        for (int i = 0; i < types.length; i++) {
            String m = modes == null ? "i" : (String) modes[i];
            if (m.equals("t")) {
                continue;
            }
            boolean isInput = m.equals("i") || m.equals("b") || m.equals("v");
            int mark = sb.length();
            if (input == orderByAt && isInput) {
                sb.append(first ? "" : " ").append("ORDER BY ");
            } else {
                sb.append(first ? "" : ", ");
            }
            first = false;
            switch (m) {
                case "o": sb.append("OUT "); break;
                case "b": sb.append("INOUT "); break;
                case "v": sb.append("VARIADIC "); break;
                default: break;
            }
            if (names != null && names[i] != null && !((String) names[i]).isEmpty()) {
                sb.append(Identifiers.quote((String) names[i])).append(' ');
            }
            sb.append(type(types[i]));
            if (isInput) {
                int defaultIndex = input - (inputs - nDefaults);
                if (defaultIndex >= 0 && defaultIndex < nDefaults) {
                    sb.append(" DEFAULT ").append(defaults.get(defaultIndex));
                }
                input++;
            }
            lastArg = sb.substring(mark).replaceFirst("^(, | )?(ORDER BY )?", "");
        }
        if (orderByAt >= 0 && orderByAt == input && lastArg != null) {
            // "VARIADIC t ORDER BY VARIADIC t": the variadic direct argument is the aggregated one too
            sb.append(" ORDER BY ").append(lastArg);
        }
        return sb.toString();
    }

    private String type(int oid) {
        return new TypeFormatter(ctx).format(oid, -1, false);
    }

    private static Object[] array(Object v) {
        if (v instanceof Object[] a) {
            return a;
        }
        if (v instanceof org.tusk.engine.types.ArrayValue av) {
            return av.elements();
        }
        return null;
    }
}
