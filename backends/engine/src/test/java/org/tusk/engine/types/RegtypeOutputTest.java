package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** regtypeout names user types through the session's syscache, as PostgreSQL's format_type does. */
class RegtypeOutputTest {

    @AfterEach
    void uninstall() {
        UserTypes.install(null);
    }

    @Test
    void userTypeOidsPrintTheirNames() {
        UserTypes.UserType mood = new UserTypes.UserType(16400, "mood", "public", 'e', PgType.TEXT, 0, -1, false,
                null, List.of(), 16399, List.of("sad", "ok", "happy"), true);
        UserTypes.install(new UserTypes.Provider() {
            @Override
            public UserTypes.UserType byName(String schema, String name) {
                return "mood".equals(name) ? mood : null;
            }

            @Override
            public UserTypes.UserType byOid(int oid) {
                return oid == 16400 ? mood : null;
            }

            @Override
            public UserTypes.UserCast cast(int source, int target) {
                return null;
            }
        });
        assertEquals("mood", TextFormat.output(PgType.REGTYPE, 16400L, TypeContext.DEFAULT));
        assertEquals("integer", TextFormat.output(PgType.REGTYPE, 23L, TypeContext.DEFAULT));
        assertEquals(16400L, TextFormat.input(PgType.REGTYPE, -1, "mood", TypeContext.DEFAULT));
        assertEquals(23L, TextFormat.input(PgType.REGTYPE, -1, "integer", TypeContext.DEFAULT));
        // array decorations and typmods as parseTypeString takes them; a user type's array through typarray
        for (String array : List.of("int4[]", "int[][]", "integer[3]", "\"int4\"[]", "pg_catalog.int4[]")) {
            assertEquals(1007L, TextFormat.input(PgType.REGTYPE, -1, array, TypeContext.DEFAULT), array);
        }
        assertEquals(1015L, TextFormat.input(PgType.REGTYPE, -1, "character varying(3)[]", TypeContext.DEFAULT));
        assertEquals(1700L, TextFormat.input(PgType.REGTYPE, -1, "numeric(10,2)", TypeContext.DEFAULT));
        assertEquals(16399L, TextFormat.input(PgType.REGTYPE, -1, "mood[]", TypeContext.DEFAULT));
        assertEquals("type \"foo[]\" does not exist", org.junit.jupiter.api.Assertions.assertThrows(
                org.tusk.api.error.PgException.class,
                () -> TextFormat.input(PgType.REGTYPE, -1, "foo[]", TypeContext.DEFAULT)).getMessage());
        assertEquals(23L, TextFormat.input(PgType.REGTYPE, -1, "int4", TypeContext.DEFAULT));
        assertEquals("16500", TextFormat.output(PgType.REGTYPE, 16500L, TypeContext.DEFAULT));
    }
}
