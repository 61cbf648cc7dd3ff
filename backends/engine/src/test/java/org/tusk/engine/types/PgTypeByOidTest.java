package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** PgType.byOid, an array indexed by OID: every built-in type, and null for any other OID. */
class PgTypeByOidTest {

    @Test
    void everyBuiltInTypeIsFoundByItsOid() {
        for (PgType t : PgType.values()) {
            assertSame(t, PgType.byOid(t.oid()), t.typname());
        }
        assertSame(PgType.INT4, PgType.INT4_ARRAY.elementType());
        assertSame(PgType.INT4_ARRAY, PgType.INT4.arrayType());
    }

    @Test
    void otherOidsAreNoBuiltInType() {
        assertNull(PgType.byOid(0));
        assertNull(PgType.byOid(-1));
        assertNull(PgType.byOid(16384));             // FirstNormalObjectId: a user type
        assertNull(PgType.byOid(Integer.MAX_VALUE));
        assertNull(PgType.byOid(Integer.MIN_VALUE)); // an OID above 2^31 as a Java int
    }
}
