package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CREATE RULE / DROP RULE and the rule system applied to INSERT, UPDATE and DELETE
 * (INSTEAD and ALSO, conditional and unconditional, NEW/OLD, RETURNING through an INSTEAD
 * rule, the original command's tag), with PostgreSQL 15's answers (recorded from the
 * reference server).
 */
@Timeout(90)
class RuleOnStorageTest extends OneSessionOnStorage {

    static List<String> q(String sql) {
        return CatalogOnStorageTest.query(s, sql);
    }

    @Test
    void defineAndDrop() {
        q("CREATE TABLE te (a int, b text)");
        assertEquals(List.of("E: 42704 rule \"r\" for relation \"te\" does not exist"), q("DROP RULE r ON te"));
        assertEquals(List.of(), q("DROP RULE IF EXISTS r ON te"));
        assertEquals(List.of("E: 42P01 relation \"no_such\" does not exist"), q("DROP RULE r ON no_such"));
        assertEquals(List.of("E: 3F000 schema \"no_sch\" does not exist"), q("DROP RULE r ON no_sch.t"));
        assertEquals(List.of(), q("CREATE RULE r AS ON INSERT TO te DO INSTEAD INSERT INTO te VALUES (NEW.a, NEW.b || NEW.a::text)"));
        assertEquals(List.of("E: 42710 rule \"r\" for relation \"te\" already exists"),
                q("CREATE RULE r AS ON INSERT TO te DO INSTEAD NOTHING"));
        assertEquals(List.of(), q("CREATE RULE r3 AS ON DELETE TO te DO INSTEAD NOTHING"));
        assertEquals(List.of("r|3|t|O|t", "r3|4|t|O|t"), q("SELECT rulename, ev_type, is_instead, ev_enabled, relhasrules"
                + " FROM pg_rewrite r JOIN pg_class c ON c.oid = ev_class WHERE relname = 'te' ORDER BY 1"));
        assertEquals(List.of("CREATE RULE r3 AS\n    ON DELETE TO public.te DO INSTEAD NOTHING;"),
                q("SELECT pg_get_ruledef(oid) FROM pg_rewrite WHERE rulename = 'r3'"));
        assertEquals(List.of("E: 42P17 infinite recursion detected in rules for relation \"te\""),
                q("INSERT INTO te VALUES (1, 'x')"));
        assertEquals(List.of(), q("DROP RULE r ON te"));
        assertEquals(List.of("1"), q("SELECT count(*) FROM pg_rewrite WHERE ev_class = 'te'::regclass"));
    }

    @Test
    void insteadRulesOnAView() {
        q("CREATE TABLE foo (f1 int, f2 text, f3 int DEFAULT 42)");
        q("CREATE VIEW voo AS SELECT f1, f2 FROM foo");
        assertEquals(List.of("E: 42P17 RETURNING list has too many entries"), q("CREATE RULE voo_i AS ON INSERT TO voo"
                + " DO INSTEAD INSERT INTO foo VALUES (new.*, 57) RETURNING *"));
        q("CREATE RULE voo_i AS ON INSERT TO voo DO INSTEAD INSERT INTO foo VALUES (new.*, 57) RETURNING f1, f2");
        assertEquals(List.of("1|a|2"), q("INSERT INTO voo VALUES (1, 'a') RETURNING *, f1 * 2"));
        q("INSERT INTO voo VALUES (2, 'b')");
        q("CREATE RULE voo_u AS ON UPDATE TO voo DO INSTEAD UPDATE foo SET f1 = new.f1, f2 = new.f2"
                + " WHERE f1 = old.f1 RETURNING f1, f2");
        assertEquals(List.of("12|b"), q("UPDATE voo SET f1 = f1 + 10 WHERE f2 = 'b' RETURNING *"));
        q("CREATE RULE voo_d AS ON DELETE TO voo DO INSTEAD DELETE FROM foo WHERE f1 = old.f1");
        assertEquals(List.of("E: 0A000 cannot perform DELETE RETURNING on relation \"voo\""),
                q("DELETE FROM voo WHERE f1 = 1 RETURNING *"));
        q("DELETE FROM voo WHERE f1 = 1");
        assertEquals(List.of("12|b|57"), q("SELECT * FROM foo ORDER BY f1"));
    }

    @Test
    void alsoAndConditionalRules() {
        q("CREATE TABLE bar (f1 int, f3 int)");
        q("INSERT INTO bar VALUES (12, 57)");
        q("CREATE TABLE log (what text, v int)");
        q("CREATE RULE bar_log AS ON UPDATE TO bar WHERE new.f3 <> old.f3 DO ALSO INSERT INTO log VALUES ('upd', new.f3)");
        q("UPDATE bar SET f3 = f3 + 1");
        q("UPDATE bar SET f3 = f3 WHERE f1 = 12");
        assertEquals(List.of("upd|58"), q("SELECT * FROM log"));
        q("CREATE RULE bar_skip AS ON DELETE TO bar WHERE old.f1 > 100 DO INSTEAD NOTHING");
        q("INSERT INTO bar VALUES (200, 0)");
        q("DELETE FROM bar WHERE f1 = 200");
        assertEquals(List.of("12", "200"), q("SELECT f1 FROM bar ORDER BY f1"));
        q("CREATE RULE bar_ins AS ON INSERT TO bar DO INSTEAD NOTHING");
        q("INSERT INTO bar VALUES (300, 0)");
        assertEquals(List.of("2"), q("SELECT count(*) FROM bar"));
    }

    /** pg_get_ruledef deparses INSERT actions as ruleutils does (expected text from the reference server). */
    @Test
    void insertActionsAreDeparsed() {
        q("CREATE TYPE rd_type AS (if1 int, if2 text[])");
        q("CREATE TABLE rd_target (f3 rd_type, f4 rd_type[], g int8, h text)");
        q("CREATE TABLE rd_src (f1 bigint, f2 text)");
        q("CREATE RULE irule1 AS ON INSERT TO rd_src DO ALSO\n  insert into rd_target (f3.if2[1], f3.if2[2])\n"
                + "  values (new.f1,new.f2)");
        q("CREATE RULE irule2 AS ON INSERT TO rd_src DO ALSO insert into rd_target (f4[1].if1, f4[1].if2[2])"
                + " values (1,'fool'),(new.f1,new.f2)");
        q("CREATE RULE irule3 AS ON INSERT TO rd_src DO ALSO insert into rd_target (f4[1].if1, f4[1].if2[2])"
                + " select new.f1, new.f2");
        q("CREATE RULE irule4 AS ON INSERT TO rd_src DO INSTEAD insert into rd_target (g, h) values (1, 'x'), (-2, NULL)");
        q("CREATE RULE irule5 AS ON INSERT TO rd_src DO ALSO insert into rd_target (g, h) values (5, 'x')");
        assertEquals(List.of(
                "CREATE RULE irule1 AS\n    ON INSERT TO public.rd_src DO  INSERT INTO rd_target (f3.if2[1], f3.if2[2])\n"
                        + "  VALUES (new.f1, new.f2);",
                "CREATE RULE irule2 AS\n    ON INSERT TO public.rd_src DO  INSERT INTO rd_target (f4[1].if1, f4[1].if2[2])"
                        + " VALUES (1,'fool'::text), (new.f1,new.f2);",
                "CREATE RULE irule3 AS\n    ON INSERT TO public.rd_src DO  INSERT INTO rd_target (f4[1].if1, f4[1].if2[2])"
                        + "  SELECT new.f1,\n            new.f2;",
                "CREATE RULE irule4 AS\n    ON INSERT TO public.rd_src DO INSTEAD  INSERT INTO rd_target (g, h)"
                        + " VALUES (1,'x'::text), ('-2'::integer,NULL::text);",
                "CREATE RULE irule5 AS\n    ON INSERT TO public.rd_src DO  INSERT INTO rd_target (g, h)\n"
                        + "  VALUES (5, 'x'::text);"),
                q("SELECT pg_get_ruledef(oid) FROM pg_rewrite WHERE rulename LIKE 'irule%' ORDER BY rulename"));
        // a shape the deparser does not know keeps the text as written
        q("CREATE RULE irule6 AS ON INSERT TO rd_src DO ALSO insert into rd_target values (null, null, new.f1 + 1)");
        assertEquals(List.of("CREATE RULE irule6 AS\n    ON INSERT TO rd_src DO  insert into rd_target values (null, null, new.f1 + 1);"),
                q("SELECT pg_get_ruledef(oid, true) FROM pg_rewrite WHERE rulename = 'irule6'"));
    }
}
