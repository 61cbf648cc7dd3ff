package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CREATE TRIGGER with PL/pgSQL trigger functions on real storage: BEFORE ROW
 * changing and skipping rows, AFTER ROW and STATEMENT triggers fired at the
 * end of the statement (seeing its changes), UPDATE OF and WHEN, pg_trigger
 * rows, pg_get_triggerdef, DISABLE, DROP and PostgreSQL's errors. Answers
 * recorded from PostgreSQL 15.
 */
@Timeout(90)
class TriggerOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void rowAndStatementTriggers() {
        query(a, "create table tt (a int4, b text)");
        query(a, "create table tlog (msg text)");
        query(a, "create function tt_before() returns trigger language plpgsql as $$\n"
                + "begin\n"
                + "  if TG_OP = 'DELETE' then\n"
                + "    if old.a = 99 then return null; end if;\n"
                + "    return old;\n"
                + "  end if;\n"
                + "  if new.a < 0 then return null; end if;\n"
                + "  new.b := upper(new.b) || TG_ARGV[0];\n"
                + "  return new;\n"
                + "end $$");
        query(a, "create function tt_after() returns trigger language plpgsql as $$\n"
                + "declare n bigint;\n"
                + "begin\n"
                + "  select count(*) into n from tt;\n"
                + "  insert into tlog values (TG_WHEN || ' ' || TG_LEVEL || ' ' || TG_OP || ' ' || TG_NAME || ' '\n"
                + "     || coalesce(new.a::text, '-') || ' ' || coalesce(old.a::text, '-') || ' ' || n);\n"
                + "  return null;\n"
                + "end $$");
        assertEquals(List.of(), query(a, "create trigger b1 before insert or update or delete on tt for each row"
                + " execute function tt_before('!')"));
        query(a, "create trigger a1 after insert or update or delete on tt for each row execute function tt_after()");
        query(a, "create trigger s1 after insert on tt for each statement execute procedure tt_after()");
        query(a, "create trigger w1 after update of b on tt for each row when (old.b is distinct from new.b)"
                + " execute function tt_after()");
        assertEquals(List.of("1|X!", "2|Y!"), query(a, "insert into tt values (1, 'x'), (-1, 'neg'), (2, 'y')"
                + " returning *"));
        assertEquals(List.of("11|X!!", "12|Y!!"), query(a, "update tt set a = a + 10 returning *"));
        query(a, "update tt set b = 'q' where a = 11");
        query(a, "insert into tt values (99, 'keep')");
        query(a, "delete from tt");
        assertEquals(List.of("99|KEEP!"), query(a, "select * from tt order by a"));
        assertEquals(List.of("AFTER ROW INSERT a1 1 - 2", "AFTER ROW INSERT a1 2 - 2", "AFTER STATEMENT INSERT s1 - - 2",
                "AFTER ROW UPDATE a1 11 1 2", "AFTER ROW UPDATE a1 12 2 2", "AFTER ROW UPDATE a1 11 11 2",
                "AFTER ROW UPDATE w1 11 11 2", "AFTER ROW INSERT a1 99 - 3", "AFTER STATEMENT INSERT s1 - - 3",
                "AFTER ROW DELETE a1 - 12 1", "AFTER ROW DELETE a1 - 11 1"), query(a, "select * from tlog"));
        assertEquals(List.of("a1|29|O|0||f", "b1|31|O|1||f", "s1|4|O|0||f", "w1|17|O|0|2|t"),
                query(a, "select tgname, tgtype, tgenabled, tgnargs, tgattr, tgqual is not null from pg_trigger"
                        + " where tgrelid = 'tt'::regclass order by 1"));
        assertEquals(List.of("CREATE TRIGGER b1 BEFORE INSERT OR DELETE OR UPDATE ON public.tt FOR EACH ROW EXECUTE"
                + " FUNCTION tt_before('!')|CREATE TRIGGER b1 BEFORE INSERT OR DELETE OR UPDATE ON tt FOR EACH ROW"
                + " EXECUTE FUNCTION tt_before('!')"),
                query(a, "select pg_get_triggerdef(oid), pg_get_triggerdef(oid, true) from pg_trigger"
                        + " where tgname = 'b1'"));
        query(a, "alter table tt disable trigger b1");
        query(a, "insert into tt values (-5, 'now')");
        assertEquals(List.of("-5|now", "99|KEEP!"), query(a, "select * from tt order by a"));
        assertEquals(List.of(), query(a, "drop trigger b1 on tt"));
        assertEquals(List.of("E: 42704 trigger \"b1\" for table \"tt\" does not exist"),
                query(a, "drop trigger b1 on tt"));
        assertEquals(List.of(), query(a, "drop trigger if exists b1 on tt"));
        assertEquals(List.of("E: 42710 trigger \"a1\" for relation \"tt\" already exists"),
                query(a, "create trigger a1 after insert on tt execute function tt_after()"));
        assertEquals(List.of("E: 42883 function nosuch() does not exist"),
                query(a, "create trigger bad before insert on tt for each row execute function nosuch()"));
        assertEquals(List.of("E: 42809 \"tt\" is a table"),
                query(a, "create trigger bad instead of insert on tt for each row execute function tt_after()"));
        query(a, "create function notrig() returns int language sql as 'select 1'");
        assertEquals(List.of("E: 42P17 function notrig must return type trigger"),
                query(a, "create trigger bad before insert on tt for each row execute function notrig()"));
        query(a, "drop table tt");
        assertEquals(List.of("0"), query(a, "select count(*) from pg_trigger where tgname in ('a1', 's1', 'w1')"));
    }

    /**
     * Triggers and foreign keys share one row-event path: the BEFORE ROW trigger's row is what the
     * key check sees, a failed check stops the statement, and a cascaded delete fires the
     * referencing table's own AFTER ROW triggers.
     */
    @Test
    void triggersWithForeignKeys() {
        query(a, "create table p (id int primary key)");
        query(a, "create table c (id int, pid int references p on delete cascade)");
        query(a, "create table clog (msg text)");
        query(a, "create function c_fix() returns trigger language plpgsql as $$"
                + " begin if new.pid = 100 then new.pid := 1; end if; return new; end $$");
        query(a, "create function c_log() returns trigger language plpgsql as $$ declare n bigint; begin"
                + " select count(*) into n from c;"
                + " insert into clog values (TG_OP || ' ' || coalesce(old.id, new.id) || ' ' || n); return null; end $$");
        query(a, "create trigger fix before insert on c for each row execute function c_fix()");
        query(a, "create trigger lg after insert or delete on c for each row execute function c_log()");
        assertEquals(List.of(), query(a, "insert into p values (1), (2)"));
        assertEquals(List.of(), query(a, "insert into c values (10, 100), (11, 2)"));
        assertEquals(List.of("10|1", "11|2"), query(a, "select * from c order by id"));
        assertEquals(List.of("E: 23503 insert or update on table \"c\" violates foreign key constraint \"c_pid_fkey\""),
                query(a, "insert into c values (12, 5)"));
        query(a, "delete from p where id = 1");
        assertEquals(List.of("11|2"), query(a, "select * from c order by id"));
        assertEquals(List.of("INSERT 10 2", "INSERT 11 2", "DELETE 10 1"), query(a, "select * from clog"));
        query(a, "drop table c");
        query(a, "drop table p");
        query(a, "drop table clog");
    }

    /** The built-in suppress_redundant_updates_trigger, COMMENT ON TRIGGER and DROP TRIGGER IF EXISTS forms. */
    @Test
    void builtinTriggerFunctionAndIfExists() {
        query(a, "create table sr (a int, b text)");
        query(a, "create trigger s before update on sr for each row execute procedure"
                + " suppress_redundant_updates_trigger()");
        query(a, "insert into sr values (1, 'x'), (2, 'y')");
        assertEquals(List.of("2"), query(a, "update sr set b = 'x' returning a"));
        query(a, "create trigger s2 after insert on sr for each row execute procedure"
                + " suppress_redundant_updates_trigger()");
        assertEquals(List.of("E: 39P01 suppress_redundant_updates_trigger: must be called on update"),
                query(a, "insert into sr values (3, 'z')"));
        query(a, "comment on trigger s on sr is 'skips no-op updates'");
        assertEquals(List.of("skips no-op updates"), query(a, "select obj_description(oid, 'pg_trigger')"
                + " from pg_trigger where tgname = 's'"));
        assertEquals(List.of(), query(a, "drop trigger if exists foo on no_such_schema.bar"));
        assertEquals(List.of("E: 3F000 schema \"no_such_schema\" does not exist"),
                query(a, "drop trigger foo on no_such_schema.bar"));
        query(a, "drop table sr");
    }

    /** INSERT into a view through an INSTEAD OF INSERT trigger (answers from PostgreSQL 15). */
    @Test
    void insteadOfInsertOnView() {
        query(a, "create table vt (a int, b text)");
        query(a, "create view vv2 as select a, b from vt group by a, b");
        query(a, "create function vv_ins() returns trigger language plpgsql as $$ begin"
                + " if new.a < 0 then return null; end if; insert into vt values (new.a * 10, upper(new.b));"
                + " new.b := new.b || '!'; return new; end $$");
        query(a, "create trigger vi instead of insert on vv2 for each row execute function vv_ins()");
        assertEquals(List.of("1|x!", "2|y!"), query(a, "insert into vv2 values (1, 'x'), (-1, 'no'), (2, 'y') returning *"));
        query(a, "insert into vv2 select 3, 'z'");
        assertEquals(List.of("10|X", "20|Y", "30|Z"), query(a, "select * from vt order by a"));
        query(a, "drop view vv2");
        query(a, "drop table vt");
    }
}
