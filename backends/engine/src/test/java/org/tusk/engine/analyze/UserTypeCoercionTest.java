package org.tusk.engine.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The rewriting of a domain CHECK's VALUE into the parameter the check is evaluated with. */
class UserTypeCoercionTest {

    @Test
    void valueBecomesParameterOutsideQuotesOnly() {
        assertEquals("$1 > 0", UserTypeCoercion.replaceValue("value > 0"));
        assertEquals("($1)::text = ANY (ARRAY['YES', 'NO'])",
                UserTypeCoercion.replaceValue("(VALUE)::text = ANY (ARRAY['YES', 'NO'])"));
        assertEquals("$1 <> 'value' AND \"value\" IS NULL AND t.value = values_x",
                UserTypeCoercion.replaceValue("Value <> 'value' AND \"value\" IS NULL AND t.value = values_x"));
        assertEquals("length($1) < 3 AND $1 <> 'it''s value'",
                UserTypeCoercion.replaceValue("length(value) < 3 AND value <> 'it''s value'"));
    }
}
