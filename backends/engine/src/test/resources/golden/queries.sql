# One Query message per line, all in one session. Regenerate expected.txt with generate.py.
select 1
select 1 as x, 2 y, 'a', 'b'::text, null, true, false
select 2147483647, 2147483648, 9223372036854775807, 9223372036854775808, -2147483648, -9223372036854775808
select 1.5, 1.50, .5, 1e5, 1.5e-3, 0.000, 10., -0.0
select 1 + 2, 1 - 2, 2 * 3, 7 / 2, -7 / 2, 7 % 3, -7 % 3, 2 ^ 10, -2 ^ 2
select 1::int2 + 1, 1::int8 + 1, 1 + 1.5, 1.5 + 1::float8, 1::float4 + 1, 1::float4 + 1.5::float4, 1 + '2'
select 1.0 / 3, 10 / 4.0, 2.0 / 3.0, 1 / 3.0, 100000 / 3.0, 1.0000001 / 7, 22.0 / 7 * 7
select 0.1::float8 + 0.2::float8, 1e15::float8, 1e-5::float8, 123456789012345::float8, 1.0::float8 / 3, 'Infinity'::float8, '-inf'::float8, 'nan'::float8
select 3.14159::float4, 1e10::float4, 0.1::float4
select 2147483647 + 1
select 9223372036854775807 + 1
select 32767::int2 + 1::int2
select 1 / 0
select 1.0 / 0
select 1::float8 / 0
select 5 % 0
select 'x'::int
select '  42  '::int4, '-17'::int8, '+5'::int2
select '99999999999'::int4
select 'abc'::numeric
select '1.2.3'::float8
select 'maybe'::bool
select 't'::bool, 'yes'::bool, 'off'::bool, '0'::bool, 'TRUE'::boolean
select 1::int4, 1::integer, 1::bigint, 1::smallint, cast(1 as numeric), 1::decimal(5,2), 1::real, 1::double precision, 1::float
select 'abc'::varchar(2), 'abc'::char(5), 'abc'::character varying, 'a'::name, '12'::oid, 'abc'::char
select 12.345::numeric(5,2), 12.344::numeric(4,2), 123.4::numeric(3,1)
select cast('2020-01-02' as date), '2020-01-02 03:04:05'::timestamp, '2020-01-02 03:04:05+02'::timestamptz
select 1 = 1, 1 <> 2, 1 != 1, 1 < 2, 2 > 1, 1 <= 1, 2 >= 3, 'a' = 'a', 'a' < 'b', 1 = 1.0
select true and null, false and null, true or null, false or null, not true, not null::bool
select null is null, 1 is null, 1 is not null, null is not null, true is true, null is unknown, false is not false, null is not true
select 'ab' || 'cd', 'a' || 1, 1 || 'a', 'x' || null, 1 || 2
select 'hello' like 'h%', 'hello' like 'H%', 'hello' ilike 'H%', 'hello' not like '%x%', 'a_c' like 'a\_c', 'abc' like 'a_c'
select 5 between 1 and 10, 5 not between 1 and 4, 3 in (1,2,3), 4 in (1,2,3), 4 not in (1,2,3), null in (1,2), 1 in (2, null)
select case when 1 = 1 then 'a' else 'b' end, case 2 when 1 then 'one' when 2 then 'two' end, case when false then 1 end
select case when true then 1 else 1.5 end, case when true then 1 else 'x' end
select coalesce(null, 1, 2), coalesce(null, null), coalesce(null, 'a'), nullif(1, 1), nullif(1, 2), nullif('a', 'b')
select greatest(1, 5, 3), least(1.5, 0.5), greatest('a', 'b')
select upper('abc'), lower('ABC'), length('hello'), abs(-5), abs(-5.5), round(2.5), round(2.567, 2), round(2.5::float8), round(1)
select count(*), count(1), count(null)
select now() = current_timestamp, now() = transaction_timestamp()
select current_setting('DateStyle'), current_setting('server_version_num'), current_setting('nope.x', true)
select current_setting('nope')
select foo(1)
select abs('x')
select x
select t.x
select *
select 1 +
selec 1
select 1 + + 2
select (1
select 'unterminated
select "zero"
select 1 from nothing
select 'a' + 1
select 1 + 'a'::text
select '1' + '2'
select 1 and true
select -'a'
SELECT 1 AS "Quoted", 2 AS UPPER
select 1::int4 x, 'x'::text::varchar(3), true::text, 1.5::int, 2.5::int, -2.5::int, 1.5::float8::int, 2.5::float8::int
select E'a\tb', E'\x41\101', $$dollar 'quoted'$$, $tag$x$tag$, 'it''s', 'a' 'b'
select 1 -- comment
select /* nested /* comment */ */ 2
show DateStyle
show datestyle
show timezone
show extra_float_digits
show integer_datetimes
show server_encoding
show client_encoding
show standard_conforming_strings
show IntervalStyle
show search_path
show statement_timeout
show work_mem
show transaction_isolation
show nosuch
show my.custom
set my.custom = 'v1'
show my.custom
set extra_float_digits = 0
select 0.1::float8, 1.0::float8/3, 1e100::float8
set extra_float_digits to 3
select 0.1::float8, 1.0::float8/3
reset extra_float_digits
show extra_float_digits
set statement_timeout = 1500
show statement_timeout
set statement_timeout = '2s'
show statement_timeout
set statement_timeout = '1min'
show statement_timeout
set statement_timeout = 'abc'
set work_mem = '64MB'
show work_mem
set work_mem = 8192
show work_mem
set nosuch = 1
set datestyle = 'iso, dmy'
show datestyle
set datestyle = 'iso, mdy'
set intervalstyle = 'bogus'
set client_encoding = 'UTF8'
set standard_conforming_strings = maybe
set application_name = 'PostgreSQL JDBC Driver'
show application_name
set search_path = public, "$user"
show search_path
reset search_path
set time zone 'UTC'
set server_version = '1'
set port = 1
set session statement_timeout = 0
reset all
show statement_timeout
select set_config('my.custom', 'v2', false), current_setting('my.custom')
begin
begin
select 1
commit
commit
rollback
begin
select 1/0
select 1
show datestyle
commit
begin
set statement_timeout = 5000
rollback
show statement_timeout
begin
set local statement_timeout = 5000
show statement_timeout
commit
show statement_timeout
set local statement_timeout = 7000
show statement_timeout
begin
savepoint a
select 1/0
rollback to a
select 2
release a
release a
rollback
savepoint b
start transaction isolation level serializable
show transaction_isolation
commit
begin read only
end
abort
begin; select 1; commit
select 1; select 2
begin
discard all
rollback
discard all
select 1;;;

   
select count(*) from pg_stat_activity where false
select datid, datname from pg_stat_activity where false
select nosuch from pg_stat_activity
select count(*), pid from pg_stat_activity
select 1 order by 2
select 1 limit -1
select 1 where 1
select 1 where count(*) > 0
select 1 limit 'x'
select 1 as a, 2 as b order by b desc limit 1 offset 0
select 1 limit all
select 'a'::nosuchtype
select 1::numeric(0)
select 1::varchar(0)
select pg_sleep(0)
select pg_sleep(0) is null
select pg_terminate_backend(999999)
select pg_cancel_backend(999999)
select upper(null), length(null), abs(null::int)
select 'abc' ~ 'b', 'abc' !~ '^b', 'ABC' ~* 'b'
select 1 is distinct from 2, null is distinct from null, 1 is not distinct from 1
select -(1), - 2147483648, -(-2147483648)
select 1.5 % 1, 10 % 3.0, -1.5 % 1
select 12345678901234567890 * 10, 99999999999999999999::numeric + 1
select 0.1 + 0.2, 1.10 * 2, 1.5 * 1.25, 100 * 1.0
select 1e308::float8 * 10
select '1e400'::float8
select 1::int2 * 40000
select current_database(), current_user, session_user, current_schema, current_schema(), user, current_catalog, current_role
select 1 from pg_catalog.pg_stat_activity where false
select a.pid from pg_stat_activity a where false
select b.pid from pg_stat_activity a
select 1 where 'abc' like '%b%' and 2 > 1 or false
select 1 < 2 < 3
select 1 = 1 is true
select not 1 = 2
select sum(1), max(2), min('a'), sum(1.5), sum(2::int8)
select 1 where null
