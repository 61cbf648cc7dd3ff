package org.tusk.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** SystemCatalogs.byOid: every system catalog by its OID; a user relation's OID is none without a look-up. */
class SystemCatalogsByOidTest {

    @Test
    void everyCatalogIsFoundAndUserRelationsAreNot() {
        for (SystemCatalogs.Catalog c : SystemCatalogs.all()) {
            assertSame(c, SystemCatalogs.byOid(c.oid()), c.name());
        }
        assertSame(SystemCatalogs.byName("pg_class"), SystemCatalogs.byOid(1259));
        assertNull(SystemCatalogs.byOid(16384));
        assertNull(SystemCatalogs.byOid(-1));
        assertNull(SystemCatalogs.byOid(0));
    }
}
