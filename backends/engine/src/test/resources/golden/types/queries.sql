# One Query message per line, all in one session: recorded from PostgreSQL 15 by ../generate.py (see its header).
# --- types edge cases (hand-written)
select 1 + true
select - true
select foo(1)
select abs('x')
select abs(true)
select length(1)
select 'a' || 'b' || 'c', 'a' || 1, 1 || 'a', true || 'x', 'x' || 2.5, 'x' || null::int
select 1 || 2
select '1' + '2'
select null + 1, null || 'a', 1 + null
select 32767::int2, -32768::int2, '32768'::int2, (-32768)::int2 - 1::int2
select 2147483647::int4 * 2
select (-9223372036854775808)::int8 / -1
select (-2147483648)::int4 / -1, (-32768)::int2 / (-1)::int2
select 7 / 2, -7 / 2, 7 % -3, -7 % 3, 7.5 % 2, -7.5 % 2
select 1 << 3, 16 >> 2, 5 & 3, 5 | 3, 5 # 3, ~5, 1::int8 << 62, 1::int2 << 14
select @ -5, @ -5.5, |/ 16.0::float8, ||/ 27.0::float8
select 2 ^ 0.5, 2.0 ^ 3, (-8) ^ (1.0/3)
select int4(2.5), int4(3.5), int4(-2.5), int2(1.5::float8), int2(2.5::float8), int8(2.5::float4)
select 2.5::int4, 3.5::int4, (-2.5)::int4, 2.5::float8::int4, 3.5::float8::int4, '2.5'::float4::int2
select 70000::int2
select 1e10::int4
select 'NaN'::float8::int4
select text(true), text(false), true::text, false::varchar, true::char(3)
select int4(true), bool(0), bool(5), 1::bool, 0::boolean
select 12::oid, (-1)::oid, 4294967295::oid, 4294967296::oid
select '4294967295'::oid, '-1'::oid, '-2147483648'::oid, '4294967296'::oid
select 'x'::oid
select 1::oid = 1, 1::oid < 2::oid, 1::int8::oid
select 'abc'::name, 'ABC'::name = 'ABC', 'a'::name || 'b', length('abc'::name)
select 'abc  '::char(5) = 'abc', 'abc'::char(5) || 'x', length('abc  '::char(5)), octet_length('abc  '::char(5))
select 'abcdef'::char(3), 'abc  '::varchar(3), 'ab  '::char(2)
select 'abcdef'::varchar(3)
select cast('abcd' as varchar(2)), cast('ab' as char(4)) || '|'
select 'a'::"char", 'abc'::"char", ''::"char", 'a'::"char" < 'b'::"char"
select upper('aé'), lower('AÉ'), initcap('hello woRLD'), length('äöü'), octet_length('äöü')
select substr('hello', 2), substr('hello', 2, 2), substr('hello', 0, 2), substr('hello', -1, 3), substring('hello' from 2 for 3)
select substr('hello', 1, -1)
select position('l' in 'hello'), strpos('hello', 'lo'), position('' in 'abc'), strpos('abc', 'z')
select replace('abcabc', 'b', 'xx'), replace('abc', '', 'x'), translate('abcde', 'bd', 'X'), reverse('abc')
select lpad('hi', 5), lpad('hi', 5, 'xy'), rpad('hi', 5, 'xy'), lpad('hello', 2), rpad('', 3, ''), lpad('hi', -1)
select trim('  a  '), ltrim('  a  '), rtrim('  a  '), btrim('xxaxx', 'x'), trim(both 'x' from 'xxaxx'), trim(leading 'x' from 'xxa'), trim(trailing from 'a  ')
select left('abcde', 2), right('abcde', 2), left('abcde', -2), right('abcde', -2), left('ab', 10)
select repeat('ab', 3), repeat('ab', 0), repeat('ab', -1)
select split_part('a,b,c', ',', 2), split_part('a,b,c', ',', 4), split_part('a,b,c', ',', -1), split_part('', ',', 1)
select split_part('a,b', ',', 0)
select concat('a', 1, null, true, 2.50), concat_ws('-', 'a', null, 1), concat(), concat_ws(null, 'a')
select ascii('A'), ascii(''), chr(65), chr(8364), md5('abc'), to_hex(255), to_hex(-1), to_hex(9223372036854775807)
select chr(0)
select quote_ident('abc'), quote_ident('Abc'), quote_ident('a b'), quote_ident('select'), quote_literal('it''s'), quote_literal(e'a\\b'), quote_nullable(null), quote_literal(42)
select starts_with('hello', 'he'), 'hello' ^@ 'lo'
select 'abc' like 'a%', 'abc' like '_b_', 'a%c' like 'a\%c', 'abc' like 'ABC', 'abc' ilike 'ABC', 'abc' not ilike 'a%'
select 'abc' like 'a$%c' escape '$', 'a%c' like 'a$%c' escape '$'
select 'abc' ~ 'b', 'abc' ~ '^b', 'ABC' ~* 'b', 'abc' !~ 'z', 'abc' !~* 'B'
select 'abc' ~ '('
select 1.0 / 3, 1 / 3.0, 2 / 3.0::numeric(10,2), 10.0 / 0.3, 0.1 + 0.2, 1.10 * 2.5, 1.5 - 0.25
select 1.5::numeric(2,1), 9.95::numeric(2,1)
select 123.456::numeric(4,1), 0.0001::numeric(3,2)
select round(2.5), round(-2.5), round(2.345, 2), round(1234.5, -2), trunc(2.789, 1), trunc(-2.7), ceil(2.1), floor(-2.1), ceiling(2.0)
select round(2.5::float8), round(3.5::float8), round(-0.5::float8), trunc(-2.7::float8), ceil(-0.5::float8), floor(2.7::float8)
select abs(-2147483647), abs(-9223372036854775807), abs(-1.5::float4), abs(-0.0::float8)
select abs(-2147483648)
select mod(7, 3), mod(-7, 3), mod(7.5, 2), mod(5::int2, 3::int2), div(7, 2), div(-7.5, 2)
select mod(1, 0)
select sqrt(2::float8), sqrt(4.0), cbrt(27::float8), exp(1::float8), ln(10::float8), log(100::float8), log10(1000::float8), pi()
select sqrt(-1::float8)
select ln(0::float8)
select sign(-3.5), sign(0::float8), sign(2), degrees(pi()), radians(180::float8)
select sin(0::float8), cos(0::float8), tan(0::float8), atan(1::float8), atan2(1::float8, 1::float8)
select gcd(12, 18), gcd(0, 0), gcd(-12::int8, 18::int8), lcm(4, 6), factorial(5), factorial(0)
select factorial(-1)
select '1e308'::float8 * 10
select '1e-300'::float8 * '1e-300'::float8
select '3.4e38'::float4 * 10::float4
select 'inf'::float8 - 'inf'::float8, 'inf'::float8 * 0, 'nan'::float8 = 'nan'::float8, 'nan'::float8 > 'inf'::float8
select 1.0::float8 / 0
select '0.1'::float4, '1.17549435e-38'::float4, '3.40282347e+38'::float4, '1e39'::float4
select '1e-46'::float4
select '1e400'::float8
select 0.1::float8, 1/3::float8, 1e100::float8, 1.5e-10::float8, 123456789.123::float8, -0.0::float8
select '  1.5  '::float8, '-Infinity'::float4, 'infinity'::float8, '  NaN'::float8
select 'NaN'::numeric, 'Infinity'::numeric, '-Infinity'::numeric, 'nan'::numeric + 1
select '1e5'::numeric, '1.5e-3'::numeric, '-0.00'::numeric, '   12.3  '::numeric, '.5'::numeric, '5.'::numeric
select '1e'::numeric
select '12x'::numeric
select 1::numeric / 0
select 'Infinity'::numeric / 0
select 0::numeric / 0::numeric
select 'NaN'::numeric / 0
select 1.5::float8::numeric, 0.1::float4::numeric, 1e20::float8::numeric, 'NaN'::float8::numeric
select 1.5::numeric::float8, 12345678901234567890::numeric::float4
select 9223372036854775807::numeric + 1, (9223372036854775807::numeric + 1)::int8
select 'true'::bool, 'f'::bool, 'Y'::bool, 'no'::bool, '  on '::bool, 'of'::bool
select 'o'::bool
select true and false, true or false, not false, true = false, true < false, true > false
select '{1,2,3}'::int[], '{}'::text[], '{{1,2},{3,4}}'::int4[], '{a,"b c",NULL,"null"}'::text[]
select '[0:2]={1,2,3}'::int[], '{1,2'::int[]
select array[1,2,3], array['a','b'], array[1.5, 2], array[]::int[], array[array[1,2],array[3,4]]
select (array[1,2,3])[2], (array[1,2,3])[5], (array[1,2,3])[2:3]
select array_length(array[1,2,3], 1), array_lower(array[1,2], 1), array_upper(array[1,2], 1), array_dims(array[[1,2],[3,4]]), array_ndims(array[1]), cardinality(array[[1,2],[3,4]])
select array[1,2] || 3, 0 || array[1,2], array[1,2] || array[3], array_append(array[1], 2), array_prepend(0, array[1]), array_cat(array[1], array[2,3])
select array[1,2] = array[1,2], array[1,2] < array[1,3], array[1,2,3] @> array[2], array[1] <@ array[1,2], array[1,2] && array[2,3]
select array_position(array['a','b','c'], 'b'), array_positions(array[1,2,1], 1), array_remove(array[1,2,1], 1), array_replace(array[1,2,1], 1, 9)
select array_to_string(array[1,null,3], ','), array_to_string(array[1,null,3], ',', '*'), string_to_array('a,b,,c', ','), string_to_array('a,b', ',', 'b')
select 'a b'::text[]
select '{1,2}'::int[] || '{3}'
select '2020-02-29'::date, '2021-02-29'::date
select '2020-01-01'::date + 30, '2020-03-01'::date - 1, '2020-03-01'::date - '2020-01-01'::date, 7 + '2020-01-01'::date
select 'infinity'::date, '-infinity'::date, 'epoch'::date, '4713-01-01 BC'::date
select '2020-01-01'::date < '2020-01-01 00:00:01'::timestamp, '2020-01-01'::date = '2020-01-01'::timestamptz
select '1999-12-31 23:59:59.999999'::timestamp, '2000-01-01 00:00:00.5'::timestamp, 'infinity'::timestamp, 'epoch'::timestamp
select '2020-06-01 12:00:00+02'::timestamptz, '2020-06-01 12:00'::timestamptz, '2020-06-01 12:00:00 UTC'::timestamptz
select '2020-13-01'::date
select 'garbage'::timestamp
select '{"a":1}'::json, '{"b":1,"a":[1,2]}'::jsonb, '[1,2,"x"]'::jsonb, 'null'::jsonb, '1.50'::jsonb
select '12:34:56'::time, '12:34:56.789+02'::timetz, '1 day 2 hours'::interval, '\x0102'::bytea
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}'::uuid
select 'x'::uuid
select version() like 'PostgreSQL 15%'
select current_setting('TimeZone'), current_setting('nonexistent', true)
select current_setting('nonexistent')
select pg_typeof(1), pg_typeof('a'::text), pg_typeof(1.5), pg_typeof(null)
select num_nulls(1, null, 2), num_nonnulls(1, null, 2)
select greatest(1, 2.5), least('b', 'a'), greatest(1, null), coalesce(null::int, 2)
select case when true then 1 else 'a' end
select 1 in (1, 'a')
# --- int2.sql
SELECT (-1::int2<<15)::text
SELECT ((-1::int2<<15)+1::int2)::text
SELECT (-32768)::int2 * (-1)::int2
SELECT (-32768)::int2 / (-1)::int2
SELECT (-32768)::int2 % (-1)::int2
# --- int4.sql
SELECT -2+3 AS one
SELECT 4-2 AS two
SELECT 2- -1 AS three
SELECT 2 - -2 AS four
SELECT int2 '2' * int2 '2' = int2 '16' / int2 '4' AS true
SELECT int4 '2' * int2 '2' = int2 '16' / int4 '4' AS true
SELECT int2 '2' * int4 '2' = int4 '16' / int2 '4' AS true
SELECT int4 '1000' < int4 '999' AS false
SELECT 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 AS ten
SELECT 2 + 2 / 2 AS three
SELECT (2 + 2) / 2 AS two
SELECT (-1::int4<<31)::text
SELECT ((-1::int4<<31)+1)::text
SELECT (-2147483648)::int4 * (-1)::int4
SELECT (-2147483648)::int4 / (-1)::int4
SELECT (-2147483648)::int4 % (-1)::int4
SELECT (-2147483648)::int4 * (-1)::int2
SELECT (-2147483648)::int4 / (-1)::int2
SELECT (-2147483648)::int4 % (-1)::int2
# --- int8.sql
select '-9223372036854775808'::int8
select '-9223372036854775809'::int8
select '9223372036854775807'::int8
select '9223372036854775808'::int8
select -('-9223372036854775807'::int8)
select -('-9223372036854775808'::int8)
select 0::int8 - '-9223372036854775808'::int8
select '9223372036854775800'::int8 + '9223372036854775800'::int8
select '-9223372036854775800'::int8 + '-9223372036854775800'::int8
select '9223372036854775800'::int8 - '-9223372036854775800'::int8
select '-9223372036854775800'::int8 - '9223372036854775800'::int8
select '9223372036854775800'::int8 * '9223372036854775800'::int8
select '9223372036854775800'::int8 / '0'::int8
select '9223372036854775800'::int8 % '0'::int8
select abs('-9223372036854775808'::int8)
select '9223372036854775800'::int8 + '100'::int4
select '-9223372036854775800'::int8 - '100'::int4
select '9223372036854775800'::int8 * '100'::int4
select '100'::int4 + '9223372036854775800'::int8
select '-100'::int4 - '9223372036854775800'::int8
select '100'::int4 * '9223372036854775800'::int8
select '9223372036854775800'::int8 + '100'::int2
select '-9223372036854775800'::int8 - '100'::int2
select '9223372036854775800'::int8 * '100'::int2
select '-9223372036854775808'::int8 / '0'::int2
select '100'::int2 + '9223372036854775800'::int8
select '-100'::int2 - '9223372036854775800'::int8
select '100'::int2 * '9223372036854775800'::int8
select '100'::int2 / '0'::int8
SELECT CAST('42'::int2 AS int8), CAST('-37'::int2 AS int8)
SELECT CAST('36854775807.0'::float4 AS int8)
SELECT CAST('922337203685477580700.0'::float8 AS int8)
SELECT (-1::int8<<63)::text
SELECT ((-1::int8<<63)+1)::text
SELECT (-9223372036854775808)::int8 * (-1)::int8
SELECT (-9223372036854775808)::int8 / (-1)::int8
SELECT (-9223372036854775808)::int8 % (-1)::int8
SELECT (-9223372036854775808)::int8 * (-1)::int4
SELECT (-9223372036854775808)::int8 / (-1)::int4
SELECT (-9223372036854775808)::int8 % (-1)::int4
SELECT (-9223372036854775808)::int8 * (-1)::int2
SELECT (-9223372036854775808)::int8 / (-1)::int2
SELECT (-9223372036854775808)::int8 % (-1)::int2
# --- float4.sql
SELECT 'NaN'::float4
SELECT 'nan'::float4
SELECT '   NAN  '::float4
SELECT 'infinity'::float4
SELECT '          -INFINiTY   '::float4
SELECT 'N A N'::float4
SELECT 'NaN x'::float4
SELECT ' INFINITY    x'::float4
SELECT 'Infinity'::float4 + 100.0
SELECT 'Infinity'::float4 / 'Infinity'::float4
SELECT '42'::float4 / 'Infinity'::float4
SELECT 'nan'::float4 / 'nan'::float4
SELECT 'nan'::float4 / '0'::float4
SELECT 'nan'::numeric::float4
SELECT '32767.4'::float4::int2
SELECT '32767.6'::float4::int2
SELECT '-32768.4'::float4::int2
SELECT '-32768.6'::float4::int2
SELECT '2147483520'::float4::int4
SELECT '2147483647'::float4::int4
SELECT '-2147483648.5'::float4::int4
SELECT '-2147483900'::float4::int4
SELECT '9223369837831520256'::float4::int8
SELECT '9223372036854775807'::float4::int8
SELECT '-9223372036854775808.5'::float4::int8
SELECT '-9223380000000000000'::float4::int8
SELECT float4send('5e-20'::float4)
SELECT float4send('67e14'::float4)
SELECT float4send('985e15'::float4)
SELECT float4send('55895e-16'::float4)
SELECT float4send('7038531e-32'::float4)
SELECT float4send('702990899e-20'::float4)
SELECT float4send('3e-23'::float4)
SELECT float4send('57e18'::float4)
SELECT float4send('789e-35'::float4)
SELECT float4send('2539e-18'::float4)
SELECT float4send('76173e28'::float4)
SELECT float4send('887745e-11'::float4)
SELECT float4send('5382571e-37'::float4)
SELECT float4send('82381273e-35'::float4)
SELECT float4send('750486563e-38'::float4)
SELECT float4send('1.17549435e-38'::float4)
SELECT float4send('1.1754944e-38'::float4)
# --- float8.sql
SELECT '10e400'::float8
SELECT '-10e400'::float8
SELECT '10e-400'::float8
SELECT '-10e-400'::float8
SELECT float8send('2.2250738585072014E-308'::float8)
SELECT 'NaN'::float8
SELECT 'nan'::float8
SELECT '   NAN  '::float8
SELECT 'infinity'::float8
SELECT '          -INFINiTY   '::float8
SELECT 'N A N'::float8
SELECT 'NaN x'::float8
SELECT ' INFINITY    x'::float8
SELECT 'Infinity'::float8 + 100.0
SELECT 'Infinity'::float8 / 'Infinity'::float8
SELECT '42'::float8 / 'Infinity'::float8
SELECT 'nan'::float8 / 'nan'::float8
SELECT 'nan'::float8 / '0'::float8
SELECT 'nan'::numeric::float8
SET extra_float_digits = 0
SELECT sqrt(float8 '64') AS eight
SELECT |/ float8 '64' AS eight
SELECT power(float8 '144', float8 '0.5')
SELECT power(float8 'NaN', float8 '0.5')
SELECT power(float8 '144', float8 'NaN')
SELECT power(float8 'NaN', float8 'NaN')
SELECT power(float8 '-1', float8 'NaN')
SELECT power(float8 '1', float8 'NaN')
SELECT power(float8 'NaN', float8 '0')
SELECT power(float8 'inf', float8 '0')
SELECT power(float8 '-inf', float8 '0')
SELECT power(float8 '0', float8 'inf')
SELECT power(float8 '0', float8 '-inf')
SELECT power(float8 '1', float8 'inf')
SELECT power(float8 '1', float8 '-inf')
SELECT power(float8 '-1', float8 'inf')
SELECT power(float8 '-1', float8 '-inf')
SELECT power(float8 '0.1', float8 'inf')
SELECT power(float8 '-0.1', float8 'inf')
SELECT power(float8 '1.1', float8 'inf')
SELECT power(float8 '-1.1', float8 'inf')
SELECT power(float8 '0.1', float8 '-inf')
SELECT power(float8 '-0.1', float8 '-inf')
SELECT power(float8 '1.1', float8 '-inf')
SELECT power(float8 '-1.1', float8 '-inf')
SELECT power(float8 'inf', float8 '-2')
SELECT power(float8 'inf', float8 '2')
SELECT power(float8 'inf', float8 'inf')
SELECT power(float8 'inf', float8 '-inf')
SELECT power(float8 '-inf', float8 '-2') = '0'
SELECT power(float8 '-inf', float8 '-3')
SELECT power(float8 '-inf', float8 '2')
SELECT power(float8 '-inf', float8 '3')
SELECT power(float8 '-inf', float8 '3.5')
SELECT power(float8 '-inf', float8 'inf')
SELECT power(float8 '-inf', float8 '-inf')
SELECT exp('inf'::float8), exp('-inf'::float8), exp('nan'::float8)
SELECT ||/ float8 '27' AS three
SELECT 0 ^ 0 + 0 ^ 1 + 0 ^ 0.0 + 0 ^ 0.5
SELECT sinh(float8 '1')
SELECT cosh(float8 '1')
SELECT tanh(float8 '1')
SELECT asinh(float8 '1')
SELECT acosh(float8 '2')
SELECT atanh(float8 '0.5')
SELECT sinh(float8 'infinity')
SELECT sinh(float8 '-infinity')
SELECT sinh(float8 'nan')
SELECT cosh(float8 'infinity')
SELECT cosh(float8 '-infinity')
SELECT cosh(float8 'nan')
SELECT tanh(float8 'infinity')
SELECT tanh(float8 '-infinity')
SELECT tanh(float8 'nan')
SELECT asinh(float8 'infinity')
SELECT asinh(float8 '-infinity')
SELECT asinh(float8 'nan')
SELECT acosh(float8 '-infinity')
SELECT acosh(float8 'nan')
SELECT atanh(float8 'infinity')
SELECT atanh(float8 '-infinity')
SELECT atanh(float8 'nan')
RESET extra_float_digits
SELECT '32767.4'::float8::int2
SELECT '32767.6'::float8::int2
SELECT '-32768.4'::float8::int2
SELECT '-32768.6'::float8::int2
SELECT '2147483647.4'::float8::int4
SELECT '2147483647.6'::float8::int4
SELECT '-2147483648.4'::float8::int4
SELECT '-2147483648.6'::float8::int4
SELECT '9223372036854773760'::float8::int8
SELECT '9223372036854775807'::float8::int8
SELECT '-9223372036854775808.5'::float8::int8
SELECT '-9223372036854780000'::float8::int8
# --- numeric.sql
SELECT 'inf'::numeric / '0'
SELECT '-inf'::numeric / '0'
SELECT 'nan'::numeric / '0'
SELECT '0'::numeric / '0'
SELECT 'inf'::numeric % '0'
SELECT '-inf'::numeric % '0'
SELECT 'nan'::numeric % '0'
SELECT '0'::numeric % '0'
SELECT div('inf'::numeric, '0')
SELECT div('-inf'::numeric, '0')
SELECT div('nan'::numeric, '0')
SELECT div('0'::numeric, '0')
SELECT sqrt('-1'::numeric)
SELECT sqrt('-inf'::numeric)
SELECT ln('0'::numeric)
SELECT ln('-1'::numeric)
SELECT ln('-inf'::numeric)
SELECT log('0'::numeric, '10')
SELECT log('10'::numeric, '0')
SELECT log('-inf'::numeric, '10')
SELECT log('10'::numeric, '-inf')
SELECT log('inf'::numeric, '0')
SELECT log('inf'::numeric, '-inf')
SELECT log('-inf'::numeric, 'inf')
SELECT power('0'::numeric, '-1')
SELECT power('0'::numeric, '-inf')
SELECT power('-1'::numeric, 'inf')
SELECT power('-2'::numeric, '3')
SELECT power('-2'::numeric, '3.3')
SELECT power('-2'::numeric, '-1')
SELECT power('-2'::numeric, '-1.5')
SELECT power('-2'::numeric, 'inf')
SELECT power('-2'::numeric, '-inf')
SELECT power('inf'::numeric, '-2')
SELECT power('inf'::numeric, '-inf')
SELECT power('-inf'::numeric, '2')
SELECT power('-inf'::numeric, '3')
SELECT power('-inf'::numeric, '4.5')
SELECT power('-inf'::numeric, '-2')
SELECT power('-inf'::numeric, '-3')
SELECT power('-inf'::numeric, '0')
SELECT power('-inf'::numeric, 'inf')
SELECT power('-inf'::numeric, '-inf')
SELECT 'NaN'::float8::numeric
SELECT 'Infinity'::float8::numeric
SELECT '-Infinity'::float8::numeric
SELECT 'NaN'::numeric::float8
SELECT 'Infinity'::numeric::float8
SELECT '-Infinity'::numeric::float8
SELECT 'NaN'::float4::numeric
SELECT 'Infinity'::float4::numeric
SELECT '-Infinity'::float4::numeric
SELECT 'NaN'::numeric::float4
SELECT 'Infinity'::numeric::float4
SELECT '-Infinity'::numeric::float4
SELECT '42'::int2::numeric
SELECT 'NaN'::numeric::int2
SELECT 'Infinity'::numeric::int2
SELECT '-Infinity'::numeric::int2
SELECT 'NaN'::numeric::int4
SELECT 'Infinity'::numeric::int4
SELECT '-Infinity'::numeric::int4
SELECT 'NaN'::numeric::int8
SELECT 'Infinity'::numeric::int8
SELECT '-Infinity'::numeric::int8
SELECT round(4.4e131071, -131071) = 4e131071
SELECT round(4.5e131071, -131071) = 5e131071
SELECT round(5e-16383, 1000000) = 5e-16383
SELECT round(5e-16383, 16383) = 5e-16383
SELECT round(5e-16383, 16382) = 1e-16382
SELECT round(5e-16383, 16381) = 0
SELECT trunc(9.9e131071, -131071) = 9e131071
SELECT trunc(5e-16383, 1000000) = 5e-16383
SELECT trunc(5e-16383, 16383) = 5e-16383
SELECT trunc(5e-16383, 16382) = 0
SELECT width_bucket(5.0, 3.0, 4.0, 0)
SELECT width_bucket(5.0, 3.0, 4.0, -5)
SELECT width_bucket(3.5, 3.0, 3.0, 888)
SELECT width_bucket(5.0::float8, 3.0::float8, 4.0::float8, 0)
SELECT width_bucket(5.0::float8, 3.0::float8, 4.0::float8, -5)
SELECT width_bucket(3.5::float8, 3.0::float8, 3.0::float8, 888)
SELECT width_bucket('NaN', 3.0, 4.0, 888)
SELECT width_bucket(0::float8, 'NaN', 4.0::float8, 888)
SELECT width_bucket(2.0, 3.0, '-inf', 888)
SELECT width_bucket(0::float8, '-inf', 4.0::float8, 888)
SELECT to_char('100'::numeric, 'FM999.9')
SELECT to_char('100'::numeric, 'FM999.')
SELECT to_char('100'::numeric, 'FM999')
SELECT to_char('12345678901'::float8, 'FM9999999999D9999900000000000000000')
SELECT to_char('100'::numeric, 'foo999')
SELECT to_char('100'::numeric, 'f\oo999')
SELECT to_char('100'::numeric, 'f\\oo999')
SELECT to_char('100'::numeric, 'f\"oo999')
SELECT to_char('100'::numeric, 'f\\"oo999')
SELECT to_char('100'::numeric, 'f"ool"999')
SELECT to_char('100'::numeric, 'f"\ool"999')
SELECT to_char('100'::numeric, 'f"\\ool"999')
SELECT to_char('100'::numeric, 'f"ool\"999')
SELECT to_char('100'::numeric, 'f"ool\\"999')
SELECT to_number('-34,338,492', '99G999G999')
SELECT to_number('-34,338,492.654,878', '99G999G999D999G999')
SELECT to_number('<564646.654564>', '999999.999999PR')
SELECT to_number('0.00001-', '9.999999S')
SELECT to_number('5.01-', 'FM9.999999S')
SELECT to_number('5.01-', 'FM9.999999MI')
SELECT to_number('5 4 4 4 4 8 . 7 8', '9 9 9 9 9 9 . 9 9')
SELECT to_number('.01', 'FM9.99')
SELECT to_number('.0', '99999999.99999999')
SELECT to_number('0', '99.99')
SELECT to_number('.-01', 'S99.99')
SELECT to_number('.01-', '99.99S')
SELECT to_number(' . 0 1-', ' 9 9 . 9 9 S')
SELECT to_number('34,50','999,99')
SELECT to_number('123,000','999G')
SELECT to_number('123456','999G999')
SELECT to_number('$1234.56','L9,999.99')
SELECT to_number('$1234.56','L99,999.99')
SELECT to_number('$1,234.56','L99,999.99')
SELECT to_number('1234.56','L99,999.99')
SELECT to_number('1,234.56','L99,999.99')
SELECT to_number('42nd', '99th')
select 4790999999999999999999999999999999999999999999999999999999999999999999999999999999999999 * 9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999
select 4789999999999999999999999999999999999999999999999999999999999999999999999999999999999999 * 9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999
select 4770999999999999999999999999999999999999999999999999999999999999999999999999999999999999 * 9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999
select 4769999999999999999999999999999999999999999999999999999999999999999999999999999999999999 * 9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999
select trim_scale((0.1 - 2e-16383) * (0.1 - 3e-16383))
select 999999999999999999999::numeric/1000000000000000000000
select div(999999999999999999999::numeric,1000000000000000000000)
select mod(999999999999999999999::numeric,1000000000000000000000)
select div(-9999999999999999999999::numeric,1000000000000000000000)
select mod(-9999999999999999999999::numeric,1000000000000000000000)
select div(-9999999999999999999999::numeric,1000000000000000000000)*1000000000000000000000 + mod(-9999999999999999999999::numeric,1000000000000000000000)
select mod (70.0,70)
select div (70.0,70)
select 70.0 / 70
select 12345678901234567890 % 123
select 12345678901234567890 / 123
select div(12345678901234567890, 123)
select div(12345678901234567890, 123) * 123 + 12345678901234567890 % 123
select sqrt(1.000000000000003::numeric)
select sqrt(1.000000000000004::numeric)
select sqrt(96627521408608.56340355805::numeric)
select sqrt(96627521408608.56340355806::numeric)
select sqrt(515549506212297735.073688290367::numeric)
select sqrt(515549506212297735.073688290368::numeric)
select sqrt(8015491789940783531003294973900306::numeric)
select sqrt(8015491789940783531003294973900307::numeric)
select 10.0 ^ -2147483648 as rounds_to_zero
select 10.0 ^ -2147483647 as rounds_to_zero
select 10.0 ^ 2147483647 as overflows
select 117743296169.0 ^ 1000000000 as overflows
select 3.789 ^ 21
select 3.789 ^ 35
select 1.2 ^ 345
select 0.12 ^ (-20)
select 1.000000000123 ^ (-2147483648)
select coalesce(nullif(0.9999999999 ^ 23300000000000, 0), 0) as rounds_to_zero
select round(((1 - 1.500012345678e-1000) ^ 1.45e1003) * 1e1000)
select 0.12 ^ (-25)
select 0.5678 ^ (-85)
select coalesce(nullif(0.9999999999 ^ 70000000000000, 0), 0) as underflows
select (-1.0) ^ 2147483646
select (-1.0) ^ 2147483647
select (-1.0) ^ 2147483648
select (-1.0) ^ 1000000000000000
select (-1.0) ^ 1000000000000001
select 0.0 ^ 0.0
select (-12.34) ^ 0.0
select 12.34 ^ 0.0
select 0.0 ^ 12.34
select 'NaN'::numeric ^ 'NaN'::numeric
select 'NaN'::numeric ^ 0
select 'NaN'::numeric ^ 1
select 0 ^ 'NaN'::numeric
select 1 ^ 'NaN'::numeric
select 0.0 ^ (-12.34)
select (-12.34) ^ 1.2
select 32.1 ^ 9.8
select 32.1 ^ (-9.8)
select 12.3 ^ 45.6
select 12.3 ^ (-45.6)
select 1.234 ^ 5678
select exp(0.0)
select exp(1.0)
select exp(1.0::numeric(71,70))
select exp('nan'::numeric)
select exp('inf'::numeric)
select exp('-inf'::numeric)
select coalesce(nullif(exp(-5000::numeric), 0), 0) as rounds_to_zero
select coalesce(nullif(exp(-10000::numeric), 0), 0) as underflows
select exp(32.999)
select exp(-32.999)
select exp(123.456)
select exp(-123.456)
select exp(1234.5678)
select ln(-12.34)
select ln(0.0)
select ln(1.2345678e-28)
select ln(0.0456789)
select ln(0.349873948359354029493948309745709580730482050975)
select ln(0.99949452)
select ln(1.00049687395)
select ln(1234.567890123456789)
select ln(5.80397490724e5)
select ln(9.342536355e34)
select log(-12.34)
select log(0.0)
select log(1.234567e-89)
select log(3.4634998359873254962349856073435545)
select log(9.999999999999999999)
select log(10.00000000000000000)
select log(10.00000000000000001)
select log(590489.45235237)
select log(-12.34, 56.78)
select log(-12.34, -56.78)
select log(12.34, -56.78)
select log(0.0, 12.34)
select log(12.34, 0.0)
select log(1.0, 12.34)
select log(1.23e-89, 6.4689e45)
select log(0.99923, 4.58934e34)
select log(1.000016, 8.452010e18)
select log(3.1954752e47, 9.4792021e-73)
select scale(numeric 'NaN')
select scale(numeric 'inf')
select scale(NULL::numeric)
select scale(1.12)
select scale(0)
select scale(0.00)
select scale(1.12345)
select scale(110123.12475871856128)
select scale(-1123.12471856128)
select scale(-13.000000000000000)
select trim_scale(numeric 'NaN')
select trim_scale(numeric 'inf')
select trim_scale(1.120)
select trim_scale(0)
select trim_scale(0.00)
select trim_scale(1.1234500)
select trim_scale(110123.12475871856128000)
select trim_scale(-1123.124718561280000000)
select trim_scale(-13.00000000000000000000)
select trim_scale(1e100)
SELECT factorial(4)
SELECT factorial(15)
SELECT factorial(100000)
SELECT factorial(0)
SELECT factorial(-4)
SELECT pg_lsn(23783416::numeric)
SELECT pg_lsn(0::numeric)
SELECT pg_lsn(18446744073709551615::numeric)
SELECT pg_lsn(-1::numeric)
SELECT pg_lsn(18446744073709551616::numeric)
SELECT pg_lsn('NaN'::numeric)
# --- strings.sql
SET standard_conforming_strings TO on
SELECT U&'d\0061t\+000061' AS U&"d\0061t\+000061"
SELECT U&'d!0061t\+000061' UESCAPE '!' AS U&"d*0061t\+000061" UESCAPE '*'
SELECT U&'a\\b' AS "a\b"
SELECT U&' \' UESCAPE '!' AS "tricky"
SELECT 'tricky' AS U&"\" UESCAPE '!'
SELECT U&'wrong: \061'
SELECT U&'wrong: \+0061'
SELECT U&'wrong: +0061' UESCAPE +
SELECT U&'wrong: +0061' UESCAPE '+'
SELECT U&'wrong: \db99'
SELECT U&'wrong: \db99xy'
SELECT U&'wrong: \db99\\'
SELECT U&'wrong: \db99\0061'
SELECT U&'wrong: \+00db99\+000061'
SELECT U&'wrong: \+2FFFFF'
SELECT E'd\u0061t\U00000061' AS "data"
SELECT E'a\\b' AS "a\b"
SELECT E'wrong: \u061'
SELECT E'wrong: \U0061'
SELECT E'wrong: \udb99'
SELECT E'wrong: \udb99xy'
SELECT E'wrong: \udb99\\'
SELECT E'wrong: \udb99\u0061'
SELECT E'wrong: \U0000db99\U00000061'
SELECT E'wrong: \U002FFFFF'
SET standard_conforming_strings TO off
RESET standard_conforming_strings
SET bytea_output TO hex
SELECT E'\\xDeAdBeEf'::bytea
SELECT E'\\x De Ad Be Ef '::bytea
SELECT E'\\xDeAdBeE'::bytea
SELECT E'\\xDeAdBeEx'::bytea
SELECT E'\\xDe00BeEf'::bytea
SELECT E'DeAdBeEf'::bytea
SELECT E'De\\000dBeEf'::bytea
SELECT E'De\123dBeEf'::bytea
SELECT E'De\\123dBeEf'::bytea
SELECT E'De\\678dBeEf'::bytea
SET bytea_output TO escape
SELECT CAST(name 'namefield' AS text) AS "text(name)"
SELECT CAST(name 'namefield' AS char(10)) AS "char(name)"
SELECT CAST(name 'namefield' AS varchar) AS "varchar(name)"
SELECT SUBSTRING('abcdefg' SIMILAR 'a#"(b_d)#"%' ESCAPE '#') AS "bcd"
SELECT SUBSTRING('abcdefg' SIMILAR '#"(b_d)#"%' ESCAPE '#') IS NULL AS "True"
SELECT SUBSTRING('abcdefg' SIMILAR '%' ESCAPE NULL) IS NULL AS "True"
SELECT SUBSTRING(NULL SIMILAR '%' ESCAPE '#') IS NULL AS "True"
SELECT SUBSTRING('abcdefg' SIMILAR NULL ESCAPE '#') IS NULL AS "True"
SELECT SUBSTRING('abcdefg' SIMILAR 'a#"%#"g' ESCAPE '#') AS "bcdef"
SELECT SUBSTRING('abcdefg' SIMILAR 'a*#"%#"g*' ESCAPE '#') AS "abcdefg"
SELECT SUBSTRING('abcdefg' SIMILAR 'a|b#"%#"g' ESCAPE '#') AS "bcdef"
SELECT SUBSTRING('abcdefg' SIMILAR 'a#"%#"x|g' ESCAPE '#') AS "bcdef"
SELECT SUBSTRING('abcdefg' SIMILAR 'a#"%|ab#"g' ESCAPE '#') AS "bcdef"
SELECT SUBSTRING('abcdefg' SIMILAR 'a*#"%#"g*#"x' ESCAPE '#') AS "error"
SELECT SUBSTRING('abcdefg' SIMILAR 'a#"%g' ESCAPE '#') AS "bcdefg"
SELECT SUBSTRING('abcdefg' SIMILAR 'a%g' ESCAPE '#') AS "abcdefg"
SELECT 'abcdefg' SIMILAR TO '_bcd%' AS true
SELECT 'abcdefg' SIMILAR TO 'bcd%' AS false
SELECT 'abcdefg' SIMILAR TO '_bcd#%' ESCAPE '#' AS false
SELECT 'abcd%' SIMILAR TO '_bcd#%' ESCAPE '#' AS true
SELECT 'abcdefg' SIMILAR TO '_bcd\%' AS false
SELECT 'abcd\efg' SIMILAR TO '_bcd\%' ESCAPE '' AS true
SELECT 'abcdefg' SIMILAR TO '_bcd%' ESCAPE NULL AS null
SELECT 'abcdefg' SIMILAR TO '_bcd#%' ESCAPE '##' AS error
SELECT regexp_replace('1112223333', E'(\\d{3})(\\d{3})(\\d{4})', E'(\\1) \\2-\\3')
SELECT regexp_replace('foobarrbazz', E'(.)\\1', E'X\\&Y', 'g')
SELECT regexp_replace('foobarrbazz', E'(.)\\1', E'X\\\\Y', 'g')
SELECT regexp_replace('foobarrbazz', E'(.)\\1', E'X\\Y\\1Z\\')
SELECT regexp_replace('AAA   BBB   CCC   ', E'\\s+', ' ', 'g')
SELECT regexp_replace('AAA', '^|$', 'Z', 'g')
SELECT regexp_replace('AAA aaa', 'A+', 'Z', 'gi')
SELECT regexp_replace('AAA aaa', 'A+', 'Z', 'z')
SELECT regexp_replace('A PostgreSQL function', 'A|e|i|o|u', 'X', 1)
SELECT regexp_replace('A PostgreSQL function', 'A|e|i|o|u', 'X', 1, 2)
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 1, 0, 'i')
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 1, 1, 'i')
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 1, 2, 'i')
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 1, 3, 'i')
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 1, 9, 'i')
SELECT regexp_replace('A PostgreSQL function', 'A|e|i|o|u', 'X', 7, 0, 'i')
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 1, 1, 'g')
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', -1, 0, 'i')
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 1, -1, 'i')
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', '1')
SELECT regexp_count('123123123123123', '(12)3')
SELECT regexp_count('123123123123', '123', 1)
SELECT regexp_count('123123123123', '123', 3)
SELECT regexp_count('123123123123', '123', 33)
SELECT regexp_count('ABCABCABCABC', 'Abc', 1, '')
SELECT regexp_count('ABCABCABCABC', 'Abc', 1, 'i')
SELECT regexp_count('123123123123', '123', 0)
SELECT regexp_count('123123123123', '123', -3)
SELECT regexp_like('Steven', '^Ste(v|ph)en$')
SELECT regexp_like('a'||CHR(10)||'d', 'a.d', 'n')
SELECT regexp_like('a'||CHR(10)||'d', 'a.d', 's')
SELECT regexp_like('abc', ' a . c ', 'x')
SELECT regexp_instr('abcdefghi', 'd.f')
SELECT regexp_instr('abcdefghi', 'd.q')
SELECT regexp_instr('abcabcabc', 'a.c')
SELECT regexp_instr('abcabcabc', 'a.c', 2)
SELECT regexp_instr('abcabcabc', 'a.c', 1, 3)
SELECT regexp_instr('abcabcabc', 'a.c', 1, 4)
SELECT regexp_instr('abcabcabc', 'A.C', 1, 2, 0, 'i')
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 0, 'i', 0)
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 0, 'i', 1)
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 0, 'i', 2)
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 0, 'i', 3)
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 0, 'i', 4)
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 0, 'i', 5)
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 1, 'i', 0)
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 1, 'i', 1)
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 1, 'i', 2)
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 1, 'i', 3)
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 1, 'i', 4)
SELECT regexp_instr('1234567890', '(123)(4(56)(78))', 1, 1, 1, 'i', 5)
SELECT regexp_instr('foo', 'foo(bar)?', 1, 1, 0, '', 1)
SELECT regexp_instr('abcabcabc', 'a.c', 0, 1)
SELECT regexp_instr('abcabcabc', 'a.c', 1, 0)
SELECT regexp_instr('abcabcabc', 'a.c', 1, 1, -1)
SELECT regexp_instr('abcabcabc', 'a.c', 1, 1, 2)
SELECT regexp_instr('abcabcabc', 'a.c', 1, 1, 0, 'g')
SELECT regexp_instr('abcabcabc', 'a.c', 1, 1, 0, '', -1)
SELECT regexp_substr('abcdefghi', 'd.f')
SELECT regexp_substr('abcdefghi', 'd.q') IS NULL AS t
SELECT regexp_substr('abcabcabc', 'a.c')
SELECT regexp_substr('abcabcabc', 'a.c', 2)
SELECT regexp_substr('abcabcabc', 'a.c', 1, 3)
SELECT regexp_substr('abcabcabc', 'a.c', 1, 4) IS NULL AS t
SELECT regexp_substr('abcabcabc', 'A.C', 1, 2, 'i')
SELECT regexp_substr('1234567890', '(123)(4(56)(78))', 1, 1, 'i', 0)
SELECT regexp_substr('1234567890', '(123)(4(56)(78))', 1, 1, 'i', 1)
SELECT regexp_substr('1234567890', '(123)(4(56)(78))', 1, 1, 'i', 2)
SELECT regexp_substr('1234567890', '(123)(4(56)(78))', 1, 1, 'i', 3)
SELECT regexp_substr('1234567890', '(123)(4(56)(78))', 1, 1, 'i', 4)
SELECT regexp_substr('1234567890', '(123)(4(56)(78))', 1, 1, 'i', 5) IS NULL AS t
SELECT regexp_substr('foo', 'foo(bar)?', 1, 1, '', 1) IS NULL AS t
SELECT regexp_substr('abcabcabc', 'a.c', 0, 1)
SELECT regexp_substr('abcabcabc', 'a.c', 1, 0)
SELECT regexp_substr('abcabcabc', 'a.c', 1, 1, 'g')
SELECT regexp_substr('abcabcabc', 'a.c', 1, 1, '', -1)
SELECT regexp_matches('foobarbequebaz', $re$(bar)(beque)$re$)
SELECT regexp_matches('foObARbEqUEbAz', $re$(bar)(beque)$re$, 'i')
SELECT regexp_matches('foobarbequebazilbarfbonk', $re$(b[^b]+)(b[^b]+)$re$, 'g')
SELECT regexp_matches('foobarbequebaz', $re$(bar)(.*)(beque)$re$)
SELECT regexp_matches('foobarbequebaz', $re$(bar)(.+)(beque)$re$)
SELECT regexp_matches('foobarbequebaz', $re$(bar)(.+)?(beque)$re$)
SELECT regexp_matches('foobarbequebaz', $re$barbeque$re$)
SELECT regexp_matches('foo' || chr(10) || 'bar' || chr(10) || 'bequq' || chr(10) || 'baz', '^', 'mg')
SELECT regexp_matches('foo' || chr(10) || 'bar' || chr(10) || 'bequq' || chr(10) || 'baz', '$', 'mg')
SELECT regexp_matches('1' || chr(10) || '2' || chr(10) || '3' || chr(10) || '4' || chr(10), '^.?', 'mg')
SELECT regexp_matches(chr(10) || '1' || chr(10) || '2' || chr(10) || '3' || chr(10) || '4' || chr(10), '.?$', 'mg')
SELECT regexp_matches(chr(10) || '1' || chr(10) || '2' || chr(10) || '3' || chr(10) || '4', '.?$', 'mg')
SELECT regexp_matches('foobarbequebaz', $re$(bar)(beque)$re$, 'gz')
SELECT regexp_matches('foobarbequebaz', $re$(barbeque$re$)
SELECT regexp_matches('foobarbequebaz', $re$(bar)(beque){2,1}$re$)
SELECT regexp_split_to_array('the quick brown fox jumps over the lazy dog', $re$\s+$re$)
SELECT regexp_split_to_array('the quick brown fox jumps over the lazy dog', $re$\s*$re$)
SELECT regexp_split_to_array('the quick brown fox jumps over the lazy dog', '')
SELECT regexp_split_to_array('thE QUick bROWn FOx jUMPs ovEr The lazy dOG', 'e', 'i')
SELECT regexp_split_to_array('the quick brown fox jumps over the lazy dog', 'nomatch')
SELECT regexp_split_to_array('123456','1')
SELECT regexp_split_to_array('123456','6')
SELECT regexp_split_to_array('123456','.')
SELECT regexp_split_to_array('123456','')
SELECT regexp_split_to_array('123456','(?:)')
SELECT regexp_split_to_array('1','')
SELECT regexp_split_to_array('thE QUick bROWn FOx jUMPs ovEr The lazy dOG', 'e', 'iz')
SELECT regexp_split_to_array('thE QUick bROWn FOx jUMPs ovEr The lazy dOG', 'e', 'g')
SELECT POSITION('4' IN '1234567890') = '4' AS "4"
SELECT POSITION('5' IN '1234567890') = '5' AS "5"
SELECT 'hawkeye' LIKE 'h%' AS "true"
SELECT 'hawkeye' NOT LIKE 'h%' AS "false"
SELECT 'hawkeye' LIKE 'H%' AS "false"
SELECT 'hawkeye' NOT LIKE 'H%' AS "true"
SELECT 'hawkeye' LIKE 'indio%' AS "false"
SELECT 'hawkeye' NOT LIKE 'indio%' AS "true"
SELECT 'hawkeye' LIKE 'h%eye' AS "true"
SELECT 'hawkeye' NOT LIKE 'h%eye' AS "false"
SELECT 'indio' LIKE '_ndio' AS "true"
SELECT 'indio' NOT LIKE '_ndio' AS "false"
SELECT 'indio' LIKE 'in__o' AS "true"
SELECT 'indio' NOT LIKE 'in__o' AS "false"
SELECT 'indio' LIKE 'in_o' AS "false"
SELECT 'indio' NOT LIKE 'in_o' AS "true"
SELECT 'abc'::name LIKE '_b_' AS "true"
SELECT 'abc'::name NOT LIKE '_b_' AS "false"
SELECT 'abc'::bytea LIKE '_b_'::bytea AS "true"
SELECT 'abc'::bytea NOT LIKE '_b_'::bytea AS "false"
SELECT 'hawkeye' LIKE 'h%' ESCAPE '#' AS "true"
SELECT 'hawkeye' NOT LIKE 'h%' ESCAPE '#' AS "false"
SELECT 'indio' LIKE 'ind_o' ESCAPE '$' AS "true"
SELECT 'indio' NOT LIKE 'ind_o' ESCAPE '$' AS "false"
SELECT 'h%' LIKE 'h#%' ESCAPE '#' AS "true"
SELECT 'h%' NOT LIKE 'h#%' ESCAPE '#' AS "false"
SELECT 'h%wkeye' LIKE 'h#%' ESCAPE '#' AS "false"
SELECT 'h%wkeye' NOT LIKE 'h#%' ESCAPE '#' AS "true"
SELECT 'h%wkeye' LIKE 'h#%%' ESCAPE '#' AS "true"
SELECT 'h%wkeye' NOT LIKE 'h#%%' ESCAPE '#' AS "false"
SELECT 'h%awkeye' LIKE 'h#%a%k%e' ESCAPE '#' AS "true"
SELECT 'h%awkeye' NOT LIKE 'h#%a%k%e' ESCAPE '#' AS "false"
SELECT 'indio' LIKE '_ndio' ESCAPE '$' AS "true"
SELECT 'indio' NOT LIKE '_ndio' ESCAPE '$' AS "false"
SELECT 'i_dio' LIKE 'i$_d_o' ESCAPE '$' AS "true"
SELECT 'i_dio' NOT LIKE 'i$_d_o' ESCAPE '$' AS "false"
SELECT 'i_dio' LIKE 'i$_nd_o' ESCAPE '$' AS "false"
SELECT 'i_dio' NOT LIKE 'i$_nd_o' ESCAPE '$' AS "true"
SELECT 'i_dio' LIKE 'i$_d%o' ESCAPE '$' AS "true"
SELECT 'i_dio' NOT LIKE 'i$_d%o' ESCAPE '$' AS "false"
SELECT 'a_c'::bytea LIKE 'a$__'::bytea ESCAPE '$'::bytea AS "true"
SELECT 'a_c'::bytea NOT LIKE 'a$__'::bytea ESCAPE '$'::bytea AS "false"
SELECT 'maca' LIKE 'm%aca' ESCAPE '%' AS "true"
SELECT 'maca' NOT LIKE 'm%aca' ESCAPE '%' AS "false"
SELECT 'ma%a' LIKE 'm%a%%a' ESCAPE '%' AS "true"
SELECT 'ma%a' NOT LIKE 'm%a%%a' ESCAPE '%' AS "false"
SELECT 'bear' LIKE 'b_ear' ESCAPE '_' AS "true"
SELECT 'bear' NOT LIKE 'b_ear' ESCAPE '_' AS "false"
SELECT 'be_r' LIKE 'b_e__r' ESCAPE '_' AS "true"
SELECT 'be_r' NOT LIKE 'b_e__r' ESCAPE '_' AS "false"
SELECT 'be_r' LIKE '__e__r' ESCAPE '_' AS "false"
SELECT 'be_r' NOT LIKE '__e__r' ESCAPE '_' AS "true"
SELECT 'hawkeye' ILIKE 'h%' AS "true"
SELECT 'hawkeye' NOT ILIKE 'h%' AS "false"
SELECT 'hawkeye' ILIKE 'H%' AS "true"
SELECT 'hawkeye' NOT ILIKE 'H%' AS "false"
SELECT 'hawkeye' ILIKE 'H%Eye' AS "true"
SELECT 'hawkeye' NOT ILIKE 'H%Eye' AS "false"
SELECT 'Hawkeye' ILIKE 'h%' AS "true"
SELECT 'Hawkeye' NOT ILIKE 'h%' AS "false"
SELECT 'ABC'::name ILIKE '_b_' AS "true"
SELECT 'ABC'::name NOT ILIKE '_b_' AS "false"
SELECT 'foo' LIKE '_%' as t, 'f' LIKE '_%' as t, '' LIKE '_%' as f
SELECT 'foo' LIKE '%_' as t, 'f' LIKE '%_' as t, '' LIKE '%_' as f
SELECT 'foo' LIKE '__%' as t, 'foo' LIKE '___%' as t, 'foo' LIKE '____%' as f
SELECT 'foo' LIKE '%__' as t, 'foo' LIKE '%___' as t, 'foo' LIKE '%____' as f
SELECT 'jack' LIKE '%____%' AS t
SELECT 'unknown' || ' and unknown' AS "Concat unknown types"
SELECT text 'text' || ' and unknown' AS "Concat text to unknown type"
SELECT char(20) 'characters' || ' and text' AS "Concat char to unknown type"
SELECT text 'text' || char(20) ' and characters' AS "Concat text to char"
SELECT text 'text' || varchar ' and varchar' AS "Concat text to varchar"
SELECT length('abcdef') AS "length_6"
SELECT strpos('abcdef', 'cd') AS "pos_3"
SELECT strpos('abcdef', 'xy') AS "pos_0"
SELECT strpos('abcdef', '') AS "pos_1"
SELECT strpos('', 'xy') AS "pos_0"
SELECT strpos('', '') AS "pos_1"
SELECT replace('abcdef', 'de', '45') AS "abc45f"
SELECT replace('yabadabadoo', 'ba', '123') AS "ya123da123doo"
SELECT replace('yabadoo', 'bad', '') AS "yaoo"
select split_part('','@',1) AS "empty string"
select split_part('','@',-1) AS "empty string"
select split_part('joeuser@mydatabase','',1) AS "joeuser@mydatabase"
select split_part('joeuser@mydatabase','',2) AS "empty string"
select split_part('joeuser@mydatabase','',-1) AS "joeuser@mydatabase"
select split_part('joeuser@mydatabase','',-2) AS "empty string"
select split_part('joeuser@mydatabase','@',0) AS "an error"
select split_part('joeuser@mydatabase','@@',1) AS "joeuser@mydatabase"
select split_part('joeuser@mydatabase','@@',2) AS "empty string"
select split_part('joeuser@mydatabase','@',1) AS "joeuser"
select split_part('joeuser@mydatabase','@',2) AS "mydatabase"
select split_part('joeuser@mydatabase','@',3) AS "empty string"
select split_part('@joeuser@mydatabase@','@',2) AS "joeuser"
select split_part('joeuser@mydatabase','@',-1) AS "mydatabase"
select split_part('joeuser@mydatabase','@',-2) AS "joeuser"
select split_part('joeuser@mydatabase','@',-3) AS "empty string"
select split_part('@joeuser@mydatabase@','@',-2) AS "mydatabase"
select to_hex(256*256*256 - 1) AS "ffffff"
select to_hex(256::bigint*256::bigint*256::bigint*256::bigint - 1) AS "ffffffff"
select md5('') = 'd41d8cd98f00b204e9800998ecf8427e' AS "TRUE"
select md5('a') = '0cc175b9c0f1b6a831c399e269772661' AS "TRUE"
select md5('abc') = '900150983cd24fb0d6963f7d28e17f72' AS "TRUE"
select md5('message digest') = 'f96b697d7cb7938d525a2f31aaf161d0' AS "TRUE"
select md5('abcdefghijklmnopqrstuvwxyz') = 'c3fcd3d76192e4007dfb496cca67e13b' AS "TRUE"
select md5('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') = 'd174ab98d277d9f5a5611c2c9f419d9f' AS "TRUE"
select md5('12345678901234567890123456789012345678901234567890123456789012345678901234567890') = '57edf4a22be3c955ac49da2e2107b67a' AS "TRUE"
select md5(''::bytea) = 'd41d8cd98f00b204e9800998ecf8427e' AS "TRUE"
select md5('a'::bytea) = '0cc175b9c0f1b6a831c399e269772661' AS "TRUE"
select md5('abc'::bytea) = '900150983cd24fb0d6963f7d28e17f72' AS "TRUE"
select md5('message digest'::bytea) = 'f96b697d7cb7938d525a2f31aaf161d0' AS "TRUE"
select md5('abcdefghijklmnopqrstuvwxyz'::bytea) = 'c3fcd3d76192e4007dfb496cca67e13b' AS "TRUE"
select md5('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'::bytea) = 'd174ab98d277d9f5a5611c2c9f419d9f' AS "TRUE"
select md5('12345678901234567890123456789012345678901234567890123456789012345678901234567890'::bytea) = '57edf4a22be3c955ac49da2e2107b67a' AS "TRUE"
SET bytea_output TO hex
SELECT sha224('')
SELECT sha224('The quick brown fox jumps over the lazy dog.')
SELECT sha256('')
SELECT sha256('The quick brown fox jumps over the lazy dog.')
SELECT sha384('')
SELECT sha384('The quick brown fox jumps over the lazy dog.')
SELECT sha512('')
SELECT sha512('The quick brown fox jumps over the lazy dog.')
SELECT encode('\x1234567890abcdef00', 'hex')
SELECT decode('1234567890abcdef00', 'hex')
SELECT encode(('\x' || repeat('1234567890abcdef0001', 7))::bytea, 'base64')
SELECT encode('\x1234567890abcdef00', 'escape')
SELECT decode(encode('\x1234567890abcdef00', 'escape'), 'escape')
SELECT get_bit('\x1234567890abcdef00'::bytea, 43)
SELECT set_bit('\x1234567890abcdef00'::bytea, 43, 0)
SELECT get_byte('\x1234567890abcdef00'::bytea, 3)
SELECT set_byte('\x1234567890abcdef00'::bytea, 7, 11)
set escape_string_warning = off
set standard_conforming_strings = off
set escape_string_warning = on
set standard_conforming_strings = on
select 'a\bcd' as f1, 'a\b''cd' as f2, 'a\b''''cd' as f3, 'abcd\'   as f4, 'ab\''cd' as f5, '\\' as f6
set standard_conforming_strings = off
select 'a\\bcd' as f1, 'a\\b\'cd' as f2, 'a\\b\'''cd' as f3, 'abcd\\'   as f4, 'ab\\\'cd' as f5, '\\\\' as f6
set escape_string_warning = off
set standard_conforming_strings = on
set standard_conforming_strings = off
reset standard_conforming_strings
SET bytea_output TO escape
SELECT initcap('hi THOMAS')
SELECT lpad('hi', 5, 'xy')
SELECT lpad('hi', 5)
SELECT lpad('hi', -5, 'xy')
SELECT lpad('hello', 2)
SELECT lpad('hi', 5, '')
SELECT rpad('hi', 5, 'xy')
SELECT rpad('hi', 5)
SELECT rpad('hi', -5, 'xy')
SELECT rpad('hello', 2)
SELECT rpad('hi', 5, '')
SELECT ltrim('zzzytrim', 'xyz')
SELECT translate('', '14', 'ax')
SELECT translate('12345', '14', 'ax')
SELECT translate('12345', '134', 'a')
SELECT ascii('x')
SELECT ascii('')
SELECT chr(65)
SELECT chr(0)
SELECT repeat('Pg', 4)
SELECT repeat('Pg', -4)
SELECT btrim(E'\\000trim\\000'::bytea, E'\\000'::bytea)
SELECT btrim(''::bytea, E'\\000'::bytea)
SELECT btrim(E'\\000trim\\000'::bytea, ''::bytea)
SELECT bit_count('\x1234567890'::bytea)
SELECT unistr('\0064at\+0000610')
SELECT unistr('d\u0061t\U000000610')
SELECT unistr('a\\b')
SELECT unistr('wrong: \db99')
SELECT unistr('wrong: \db99\0061')
SELECT unistr('wrong: \+00db99\+000061')
SELECT unistr('wrong: \+2FFFFF')
SELECT unistr('wrong: \udb99\u0061')
SELECT unistr('wrong: \U0000db99\U00000061')
SELECT unistr('wrong: \U002FFFFF')
SELECT unistr('wrong: \xyz')
# --- text.sql
SELECT text 'this is a text string' = text 'this is a text string' AS true
SELECT text 'this is a text string' = text 'this is a text strin' AS false
select length(42)
select 'four: '::text || 2+2
select 'four: ' || 2+2
select 3 || 4.0
select concat('one')
select concat(1,2,3,'hello',true, false, to_date('20100309','YYYYMMDD'))
select concat_ws('#','one')
select concat_ws('#',1,2,3,'hello',true, false, to_date('20100309','YYYYMMDD'))
select concat_ws(',',10,20,null,30)
select concat_ws('',10,20,null,30)
select concat_ws(NULL,10,20,null,30) is null
select reverse('abcde')
select quote_literal('')
select quote_literal('abc''')
select quote_literal(e'\\')
select concat(variadic array[1,2,3])
select concat_ws(',', variadic array[1,2,3])
select concat_ws(',', variadic NULL::int[])
select concat(variadic NULL::int[]) is NULL
select concat(variadic '{}'::int[]) = ''
select concat_ws(',', variadic 10)
select format(NULL)
select format('Hello')
select format('Hello %s', 'World')
select format('Hello %%')
select format('Hello %%%%')
select format('Hello %s %s', 'World')
select format('Hello %s')
select format('Hello %x', 20)
select format('%s%s%s','Hello', NULL,'World')
select format('%1$s %3$s', 1, 2, 3)
select format('%1$s %12$s', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
select format('%1$s %4$s', 1, 2, 3)
select format('%1$s %13$s', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
select format('%0$s', 'Hello')
select format('%*0$s', 'Hello')
select format('%1$', 1)
select format('%1$1', 1)
select format('Hello %s %1$s %s', 'World', 'Hello again')
select format('Hello %s %s, %2$s %2$s', 'World', 'Hello again')
select format('%s, %s', variadic array['Hello','World'])
select format('%s, %s', variadic array[1, 2])
select format('%s, %s', variadic array[true, false])
select format('%s, %s', variadic array[true, false]::text[])
select format('%2$s, %1$s', variadic array['first', 'second'])
select format('%2$s, %1$s', variadic array[1, 2])
select format('Hello', variadic NULL::int[])
select format('>>%10s<<', 'Hello')
select format('>>%10s<<', NULL)
select format('>>%10s<<', '')
select format('>>%-10s<<', '')
select format('>>%-10s<<', 'Hello')
select format('>>%-10s<<', NULL)
select format('>>%1$10s<<', 'Hello')
select format('>>%1$-10I<<', 'Hello')
select format('>>%2$*1$L<<', 10, 'Hello')
select format('>>%2$*1$L<<', 10, NULL)
select format('>>%2$*1$L<<', -10, NULL)
select format('>>%*s<<', 10, 'Hello')
select format('>>%*1$s<<', 10, 'Hello')
select format('>>%-s<<', 'Hello')
select format('>>%10L<<', NULL)
select format('>>%2$*1$L<<', NULL, 'Hello')
select format('>>%2$*1$L<<', 0, 'Hello')
# --- char.sql
SELECT char 'c' = char 'c' AS true
SELECT 'a'::"char"
SELECT '\101'::"char"
SELECT '\377'::"char"
SELECT 'a'::"char"::text
SELECT '\377'::"char"::text
SELECT '\000'::"char"::text
SELECT 'a'::text::"char"
SELECT '\377'::text::"char"
SELECT ''::text::"char"
# --- varchar.sql
# --- name.sql
SELECT name 'name string' = name 'name string' AS "True"
SELECT name 'name string' = name 'name string ' AS "False"
SELECT parse_ident('foo.boo')
SELECT parse_ident(' ')
SELECT parse_ident(' .aaa')
SELECT parse_ident(' aaa . ')
SELECT parse_ident('aaa.a%b')
SELECT parse_ident(E'X\rXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX')
SELECT parse_ident(' first . "  second  " ."   third   ". "  ' || repeat('x',66) || '"')
SELECT parse_ident(' first . "  second  " ."   third   ". "  ' || repeat('x',66) || '"')::name[]
SELECT parse_ident(E'"c".X XXXX\002XXXXXX')
SELECT parse_ident('1020')
SELECT parse_ident('10.20')
SELECT parse_ident('.')
SELECT parse_ident('.1020')
SELECT parse_ident('xxx.1020')
# --- boolean.sql
SELECT 1 AS one
SELECT true AS true
SELECT false AS false
SELECT bool 't' AS true
SELECT bool '   f           ' AS false
SELECT bool 'true' AS true
SELECT bool 'test' AS error
SELECT bool 'false' AS false
SELECT bool 'foo' AS error
SELECT bool 'y' AS true
SELECT bool 'yes' AS true
SELECT bool 'yeah' AS error
SELECT bool 'n' AS false
SELECT bool 'no' AS false
SELECT bool 'nay' AS error
SELECT bool 'on' AS true
SELECT bool 'off' AS false
SELECT bool 'of' AS false
SELECT bool 'o' AS error
SELECT bool 'on_' AS error
SELECT bool 'off_' AS error
SELECT bool '1' AS true
SELECT bool '11' AS error
SELECT bool '0' AS false
SELECT bool '000' AS error
SELECT bool '' AS error
SELECT bool 't' or bool 'f' AS true
SELECT bool 't' and bool 'f' AS false
SELECT not bool 'f' AS true
SELECT bool 't' = bool 'f' AS false
SELECT bool 't' <> bool 'f' AS true
SELECT bool 't' > bool 'f' AS true
SELECT bool 't' >= bool 'f' AS true
SELECT bool 'f' < bool 't' AS true
SELECT bool 'f' <= bool 't' AS true
SELECT 'TrUe'::text::boolean AS true, 'fAlse'::text::boolean AS false
SELECT true::boolean::text AS true, false::boolean::text AS false
# --- oid.sql
# --- arrays.sql
select '{{1,2,3},{4,5,6},{7,8,9}}'::int[]
select ('{{1,2,3},{4,5,6},{7,8,9}}'::int[])[1:2][2]
select '[0:2][0:2]={{1,2,3},{4,5,6},{7,8,9}}'::int[]
select ('[0:2][0:2]={{1,2,3},{4,5,6},{7,8,9}}'::int[])[1:2][2]
SELECT ('{}'::int[])[1][2][3][4][5][6][7]
SELECT ('{{{1},{2},{3}},{{4},{5},{6}}}'::int[])[1][NULL][1]
SELECT ('{{{1},{2},{3}},{{4},{5},{6}}}'::int[])[1][NULL:1][1]
SELECT ('{{{1},{2},{3}},{{4},{5},{6}}}'::int[])[1][1:NULL][1]
SELECT (now())[1]
SELECT ARRAY[[[[[['hello'],['world']]]]]]
SELECT ARRAY[ARRAY['hello'],ARRAY['world']]
SELECT '{1,null,3}'::int[]
SELECT ARRAY[1,NULL,3]
SELECT array_append(array[42], 6) AS "{42,6}"
SELECT array_prepend(6, array[42]) AS "{6,42}"
SELECT array_cat(ARRAY[1,2], ARRAY[3,4]) AS "{1,2,3,4}"
SELECT array_cat(ARRAY[1,2], ARRAY[[3,4],[5,6]]) AS "{{1,2},{3,4},{5,6}}"
SELECT array_cat(ARRAY[[3,4],[5,6]], ARRAY[1,2]) AS "{{3,4},{5,6},{1,2}}"
SELECT array_position(ARRAY[1,2,3,4,5], 4)
SELECT array_position(ARRAY[5,3,4,2,1], 4)
SELECT array_position(ARRAY[[1,2],[3,4]], 3)
SELECT array_position(ARRAY['sun','mon','tue','wed','thu','fri','sat'], 'mon')
SELECT array_position(ARRAY['sun','mon','tue','wed','thu','fri','sat'], 'sat')
SELECT array_position(ARRAY['sun','mon','tue','wed','thu','fri','sat'], NULL)
SELECT array_position(ARRAY['sun','mon','tue','wed','thu',NULL,'fri','sat'], NULL)
SELECT array_position(ARRAY['sun','mon','tue','wed','thu',NULL,'fri','sat'], 'sat')
SELECT array_positions(NULL, 10)
SELECT array_positions(NULL, NULL::int)
SELECT array_positions(ARRAY[1,2,3,4,5,6,1,2,3,4,5,6], 4)
SELECT array_positions(ARRAY[[1,2],[3,4]], 4)
SELECT array_positions(ARRAY[1,2,3,4,5,6,1,2,3,4,5,6], NULL)
SELECT array_positions(ARRAY[1,2,3,NULL,5,6,1,2,3,NULL,5,6], NULL)
SELECT array_position('[2:4]={1,2,3}'::int[], 1)
SELECT array_positions('[2:4]={1,2,3}'::int[], 1)
SELECT NOT ARRAY[1.1,1.2,1.3] = ARRAY[1.1,1.2,1.3] AS "FALSE"
SELECT ARRAY[1,2] || 3 AS "{1,2,3}"
SELECT 0 || ARRAY[1,2] AS "{0,1,2}"
SELECT ARRAY[1,2] || ARRAY[3,4] AS "{1,2,3,4}"
SELECT ARRAY[[['hello','world']]] || ARRAY[[['happy','birthday']]] AS "ARRAY"
SELECT ARRAY[[1,2],[3,4]] || ARRAY[5,6] AS "{{1,2},{3,4},{5,6}}"
SELECT ARRAY[0,0] || ARRAY[1,1] || ARRAY[2,2] AS "{0,0,1,1,2,2}"
SELECT 0 || ARRAY[1,2] || 3 AS "{0,1,2,3}"
SELECT ARRAY[1.1] || ARRAY[2,3,4]
SELECT ARRAY[1,2,3]::text[]::int[]::float8[] AS "{1,2,3}"
SELECT pg_typeof(ARRAY[1,2,3]::text[]::int[]::float8[]) AS "double precision[]"
SELECT ARRAY[['a','bc'],['def','hijk']]::text[]::varchar[] AS "{{a,bc},{def,hijk}}"
SELECT pg_typeof(ARRAY[['a','bc'],['def','hijk']]::text[]::varchar[]) AS "character varying[]"
SELECT CAST(ARRAY[[[[[['a','bb','ccc']]]]]] as text[]) as "{{{{{{a,bb,ccc}}}}}}"
SELECT NULL::text[]::int[] AS "NULL"
select 33 = any ('{1,2,3}')
select 33 = any ('{1,2,33}')
select 33 = all ('{1,2,33}')
select 33 >= all ('{1,2,33}')
select null::int >= all ('{1,2,33}')
select null::int >= all ('{}')
select null::int >= any ('{}')
select 33.4 = any (array[1,2,3])
select 33.4 > all (array[1,2,3])
select 33 * any ('{1,2,3}')
select 33 * any (44)
select 33 = any (null::int[])
select null::int = any ('{1,2,3}')
select 33 = any ('{1,null,3}')
select 33 = any ('{1,null,33}')
select 33 = all (null::int[])
select null::int = all ('{1,2,3}')
select 33 = all ('{1,null,3}')
select 33 = all ('{33,null,33}')
select '{{1,{2}},{2,3}}'::text[]
select '{{},{}}'::text[]
select E'{{1,2},\\{2,3}}'::text[]
select '{{"1 2" x},{3}}'::text[]
select '{}}'::text[]
select '{ }}'::text[]
select array[]
select '{}'::text[]
select '{{{1,2,3,4},{2,3,4,5}},{{3,4,5,6},{4,5,6,7}}}'::text[]
select '{0 second  ,0 second}'::interval[]
select '{ { "," } , { 3 } }'::text[]
select '  {   {  "  0 second  "   ,  0 second  }   }'::text[]
select array[]::text[]
select '[0:1]={1.1,2.2}'::float8[]
select array[]::oidvector
select array[]::int2vector
select array_fill(null::integer, array[3,3],array[2,2])
select array_fill(null::integer, array[3,3])
select array_fill(null::text, array[3,3],array[2,2])
select array_fill(null::text, array[3,3])
select array_fill(7, array[3,3],array[2,2])
select array_fill(7, array[3,3])
select array_fill('juhu'::text, array[3,3],array[2,2])
select array_fill('juhu'::text, array[3,3])
select array_fill(1, null, array[2,2])
select array_fill(1, array[2,2], null)
select array_fill(1, array[2,2], '{}')
select array_fill(1, array[3,3], array[1,1,1])
select array_fill(1, array[1,2,null])
select array_fill(1, array[[1,2],[3,4]])
select string_to_array('1|2|3', '|')
select string_to_array('1|2|3|', '|')
select string_to_array('1||2|3||', '||')
select string_to_array('1|2|3', '')
select string_to_array('', '|')
select string_to_array('1|2|3', NULL)
select string_to_array(NULL, '|') IS NULL
select string_to_array('abc', '')
select string_to_array('abc', '', 'abc')
select string_to_array('abc', ',')
select string_to_array('abc', ',', 'abc')
select string_to_array('1,2,3,4,,6', ',')
select string_to_array('1,2,3,4,,6', ',', '')
select string_to_array('1,2,3,4,*,6', ',', '*')
select array_to_string(NULL::int4[], ',') IS NULL
select array_to_string('{}'::int4[], ',')
select array_to_string(array[1,2,3,4,NULL,6], ',')
select array_to_string(array[1,2,3,4,NULL,6], ',', '*')
select array_to_string(array[1,2,3,4,NULL,6], NULL)
select array_to_string(array[1,2,3,4,NULL,6], ',', NULL)
select array_to_string(string_to_array('1|2|3', '|'), '|')
select array_length(array[1,2,3], 1)
select array_length(array[[1,2,3], [4,5,6]], 0)
select array_length(array[[1,2,3], [4,5,6]], 1)
select array_length(array[[1,2,3], [4,5,6]], 2)
select array_length(array[[1,2,3], [4,5,6]], 3)
select cardinality(NULL::int[])
select cardinality('{}'::int[])
select cardinality(array[1,2,3])
select cardinality('[2:4]={5,6,7}'::int[])
select cardinality('{{1,2}}'::int[])
select cardinality('{{1,2},{3,4},{5,6}}'::int[])
select cardinality('{{{1,9},{5,6}},{{2,3},{3,4}}}'::int[])
select unnest(array[1,2,3])
select unnest(array[1,2,3,4.5]::float8[])
select unnest(array[1,2,3,4.5]::numeric[])
select unnest(array[1,2,3,null,4,null,null,5,6])
select unnest(array[1,2,3,null,4,null,null,5,6]::text[])
select abs(unnest(array[1,2,null,-3]))
select array_remove(array[1,2,2,3], 2)
select array_remove(array[1,2,2,3], 5)
select array_remove(array[1,NULL,NULL,3], NULL)
select array_remove(array['A','CC','D','C','RR'], 'RR')
select array_remove(array[1.0, 2.1, 3.3], 1)
select array_remove(array['X','X','X'], 'X') = '{}'
select array_replace(array[1,2,5,4],5,3)
select array_replace(array[1,2,5,4],5,NULL)
select array_replace(array[1,2,NULL,4,NULL],NULL,5)
select array_replace(array['A','B','DD','B'],'B','CC')
select array_replace(array[1,NULL,3],NULL,NULL)
select array_replace(array['AB',NULL,'CDE'],NULL,'12')
select pg_typeof(array['11 22 33'::int2vector])
select array['11 22 33'::int2vector]
select pg_typeof(unnest(array['11 22 33'::int2vector]))
select unnest(array['11 22 33'::int2vector])
select pg_typeof(unnest('11 22 33'::int2vector))
select unnest('11 22 33'::int2vector)
select pg_typeof(array['11 22 33'::oidvector])
select array['11 22 33'::oidvector]
select pg_typeof(unnest(array['11 22 33'::oidvector]))
select unnest(array['11 22 33'::oidvector])
select pg_typeof(unnest('11 22 33'::oidvector))
select unnest('11 22 33'::oidvector)
SELECT width_bucket(5, ARRAY[3])
SELECT width_bucket(5, '{}')
SELECT width_bucket('5'::text, ARRAY[3, 4]::integer[])
SELECT width_bucket(5, ARRAY[3, 4, NULL])
SELECT width_bucket(5, ARRAY[ARRAY[1, 2], ARRAY[3, 4]])
# --- date/time and interval (hand-written, session 3 shift 4)
select '1 day 2 hours'::interval, '1 year 2 months 3 days 04:05:06.789'::interval, '-1 day +02:00'::interval, '@ 1 minute ago'::interval, 'P1Y2M3DT4H5M6.5S'::interval
select '1.5 years'::interval, '1.5 months'::interval, '1.5 weeks'::interval, '1-2'::interval, '10'::interval, '1 12:00'::interval
select '1 decade'::interval, '2 centuries'::interval, '1 millennium'::interval, '3 ms'::interval, '7 us'::interval, '1.25 hours'::interval
select 'P1W'::interval, 'PT1.5H'::interval, '1 day ago'::interval, '+1 hour -30 minutes'::interval
select 'garbage'::interval
select '1 fortnight'::interval
set intervalstyle = postgres_verbose
select '1 day 2 hours'::interval, '-1 year -2 months 3 days -04:05:06.789'::interval, '0'::interval, '-3 seconds'::interval, '1 sec'::interval
select '1 year 2 mons'::interval, '-1 day'::interval, '1.5 seconds'::interval, '-0.5 seconds'::interval
set intervalstyle = iso_8601
select '1 day 2 hours'::interval, '-1 year -2 months 3 days -04:05:06.789'::interval, '0'::interval, '-0.5 seconds'::interval
set intervalstyle = sql_standard
select '1 day 2 hours'::interval, '-1 year -2 months 3 days -04:05:06.789'::interval, '0'::interval, '1-2'::interval, '-1 day -02:03'::interval
select '-1-2'::interval, '3 4:05:06'::interval, '-2 hours'::interval
reset intervalstyle
select '12:34:56'::time, '12:34:56.789+02'::timetz, '11:00 pm'::time, '24:00'::time, '12:00 am'::time, '04:05:06.1234567'::time
select '25:00'::time
select 'x'::time
select '10:00-08'::timetz, '10:00:00+05:30'::timetz, '2003-04-12 04:05:06'::time, 'allballs'::time
select 'infinity'::date, '-infinity'::date, 'epoch'::date, '4713-01-01 BC'::date, '0001-01-01'::date - 1
select '2020-01-01'::date + 30, '2020-03-01'::date - 1, '2020-03-01'::date - '2020-01-01'::date, 7 + '2020-01-01'::date
select 'infinity'::date + 1, isfinite('infinity'::date), isfinite('2020-01-01'::date)
select 'infinity'::date - '2020-01-01'::date
select interval '1 day' * 1.5, interval '1 month' / 7, justify_interval('1 mon -1 hour'), justify_hours('50 hours'), justify_days('35 days')
select interval '1 year' * 0.3, 2 * interval '1 mon 3 days', interval '10 hours' / 3, - interval '1 day 2 hours'
select interval '1 day' / 0
select '2020-01-31'::date + interval '1 month', timestamp '2020-01-31 10:00' + interval '1 mon 1 day 1 hour', timestamp '2020-03-01' - timestamp '2020-01-01 12:00', time '10:00' + interval '15 hours'
select interval '1 day' > interval '23 hours', interval '30 days' = interval '1 month', interval '1 day' + interval '2 hours', interval '1 day' - interval '2 hours'
select time '10:00' - time '08:30', time '01:00' - interval '2 hours', date '2020-03-01' - interval '1 day', interval '1 day' + date '2020-02-28'
select 'infinity'::timestamp, '-infinity'::timestamp, 'epoch'::timestamp, 'infinity'::timestamp + interval '1 day'
select justify_interval('-1 mon 1 day'), justify_interval('1 mon -1 day'), justify_hours('-25 hours'), justify_days('-35 days')
# DateStyle output and input (session 5)
SET TimeZone TO 'America/Los_Angeles'
select '2026-11-21 09:04:42.5-08'::timestamptz, '2026-07-21 09:04:42'::timestamptz, '2026-11-21 09:04:42'::timestamp, '2026-11-21'::date, '0044-03-15 BC'::date
SET DateStyle TO 'Postgres, MDY'
select '2026-11-21 09:04:42.5-08'::timestamptz, '2026-07-21 09:04:42'::timestamptz, '2026-11-21 09:04:42'::timestamp, '2026-11-21'::date, '0044-03-15 BC'::date
select 'Jan 1 2000'::timestamptz, '1/8/1999'::date, '19990108'::date, '990108'::date, '1999.008'::date, 'January 8, 1999'::date, '08-Jan-1999'::date, 'Jan-08-1999'::date
select '1999-01-08 04:05:06'::timestamp, '1999-01-08 04:05:06 -8:00'::timestamptz, 'January 8 04:05:06 1999 PST'::timestamptz, '1999-01-08 04:05:06 America/New_York'::timestamptz, '19990108T040506'::timestamp
select 'Sat Nov 21 09:04:42 2026 PST'::timestamptz, 'Sat Nov 21 09:04:42.25 2026'::timestamp, '1999-01-08T04:05:06Z'::timestamptz, '2000-01-01 12:00 pm'::timestamp, '2000-01-01 12:00 am'::timestamp, '2000-01-01 1:30 PM'::timestamp
select '08-Jan-99'::date, 'Jan-08-99'::date, '01/02/03'::date, '1/18/1999'::date
select '18/1/1999'::date
select '1999-13-01'::date
select '1999-02-30'::date
select '2000-01-01 25:00'::timestamp
select '2000-01-01 10:00 +16'::timestamptz
select '2000-01-01 10:00 Mars/Olympus'::timestamptz
select 'garbage'::timestamp
select 'Jan 1 2000 tomorrow'::date
select 'Fri 1999-01-08'::timestamp
select 'Fri Jan 8 1999'::timestamp, '1999-01-08 Fri'::timestamp, 'Jan 8 1999 bc'::timestamp, '04:05:06 Jan 8 1999'::timestamp, '04:05:06 19990108'::timestamp
select 'bc 1999-01-08'::timestamp
select '04:05 1999-01-08'::timestamp
select '1999-01-08 13:00 pm'::timestamp
select 'J2451187'::date
select '2000-01-01 10:00 +1:61'::timestamptz
select '0000-01-01'::date
select '1999-01-08 04:05:06.1234567'::timestamp, '1999-01-08 24:00:00'::timestamp, ' 1999-01-08 '::date, '1999 Jan 08'::date, '99 Jan 08'::date, '1999-Jan-08'::date
select '1999-01-08 04:05:06.789 PDT'::timestamptz, '04:05:06 1999-01-08'::timestamptz, 'epoch'::timestamptz, 'infinity'::date, '2026-03-08 02:30'::timestamptz, '2026-11-01 01:30'::timestamptz
SET DateStyle TO 'Postgres, DMY'
select '2026-11-21 09:04:42.5-08'::timestamptz, '2026-11-21'::date, '1/8/1999'::date, '18/1/1999'::date, '01/02/03'::date
SET DateStyle TO 'SQL, MDY'
select '2026-11-21 09:04:42.5-08'::timestamptz, '2026-11-21 09:04:42'::timestamp, '2026-11-21'::date, '0044-03-15 10:00 BC'::timestamp
SET DateStyle TO 'SQL, DMY'
select '2026-11-21 09:04:42.5-08'::timestamptz, '2026-11-21'::date
SET DateStyle TO 'German'
select '2026-11-21 09:04:42.5-08'::timestamptz, '2026-11-21 09:04:42'::timestamp, '2026-11-21'::date, '21.11.2026'::date
SET DateStyle TO 'ISO, YMD'
select '01/02/03'::date, '1999-01-08'::date, '2026-11-21 09:04:42.5-08'::timestamptz
SET TimeZone TO 'Asia/Kolkata'
select '2026-11-21 09:04:42.5-08'::timestamptz
SET DateStyle TO 'Postgres, MDY'
select '2026-11-21 09:04:42.5-08'::timestamptz
SET TimeZone TO 'Asia/Dubai'
select '2026-11-21 09:04:42.5-08'::timestamptz
RESET DateStyle
RESET TimeZone
# date_part/extract, date_trunc, age, make_*, AT TIME ZONE (session 5)
SET TimeZone TO 'America/Los_Angeles'
select extract(year from timestamp '2026-11-21 09:04:42.5'), extract(second from timestamp '2026-11-21 09:04:42.5'), extract(milliseconds from timestamp '2026-11-21 09:04:42.5'), extract(microseconds from timestamp '2026-11-21 09:04:42.5'), extract(epoch from timestamp '2026-11-21 09:04:42.5')
select extract(dow from date '2026-11-22'), extract(isodow from date '2026-11-22'), extract(doy from date '2026-11-21'), extract(week from date '2027-01-01'), extract(isoyear from date '2027-01-01'), extract(quarter from date '2026-11-21'), extract(julian from date '2026-11-21'), extract(epoch from date '2026-11-21')
select extract(century from date '2000-12-31'), extract(century from date '2001-01-01'), extract(millennium from date '2001-01-01'), extract(decade from date '2026-01-01'), extract(year from date '0044-03-15 BC'), extract(century from date '0044-03-15 BC'), extract(decade from date '0044-03-15 BC')
select date_part('year', timestamp '2026-11-21 09:04:42.5'), date_part('second', timestamp '2026-11-21 09:04:42.5'), date_part('epoch', timestamp '2026-11-21 09:04:42.5'), date_part('day', date '2026-11-21'), date_part('julian', timestamp '2026-11-21 12:00')
select extract(hour from timestamptz '2026-11-21 09:04:42.5+00'), extract(timezone from timestamptz '2026-11-21 09:04:42.5+00'), extract(timezone_hour from timestamptz '2026-07-21 09:04:42.5+00'), extract(epoch from timestamptz '2026-11-21 09:04:42.5+00'), date_part('timezone_minute', timestamptz '2026-11-21 09:04:42.5+00')
select extract(hour from time '13:45:10.25'), extract(second from time '13:45:10.25'), extract(epoch from time '13:45:10.25'), date_part('minute', time '13:45:10.25'), extract(timezone from timetz '13:45:10+05:30'), extract(epoch from timetz '13:45:10+05:30')
select extract(year from interval '2 years 3 months'), extract(month from interval '2 years 3 months'), extract(epoch from interval '1 year 2 months 3 days 04:05:06.5'), date_part('epoch', interval '1 year 2 months 3 days 04:05:06.5'), extract(hour from interval '-25 hours'), extract(quarter from interval '7 months'), extract(century from interval '250 years')
select extract(year from timestamp 'infinity'), extract(day from timestamp 'infinity'), date_part('epoch', timestamp '-infinity'), extract(year from date 'infinity'), extract(month from date '-infinity')
select extract(foo from timestamp '2026-11-21')
select extract(timezone from timestamp '2026-11-21')
select extract(hour from date '2026-11-21')
select extract(day from time '10:00')
select extract(dow from interval '1 day')
select date_trunc('year', timestamp '2026-11-21 09:04:42.5'), date_trunc('quarter', timestamp '2026-11-21 09:04:42.5'), date_trunc('month', timestamp '2026-11-21 09:04:42.5'), date_trunc('week', timestamp '2026-11-21 09:04:42.5'), date_trunc('day', timestamp '2026-11-21 09:04:42.5')
select date_trunc('hour', timestamp '2026-11-21 09:04:42.5'), date_trunc('minute', timestamp '2026-11-21 09:04:42.5'), date_trunc('second', timestamp '2026-11-21 09:04:42.5'), date_trunc('milliseconds', timestamp '2026-11-21 09:04:42.5678'), date_trunc('century', timestamp '2026-11-21'), date_trunc('millennium', timestamp '2026-11-21'), date_trunc('decade', timestamp '2026-11-21')
select date_trunc('day', timestamptz '2026-11-21 05:04:42.5+00'), date_trunc('month', timestamptz '2026-11-21 09:04:42.5+00'), date_trunc('hour', timestamptz '2026-11-01 09:30:00+00'), date_trunc('day', timestamptz '2026-11-21 05:04:42.5+00', 'Asia/Tokyo'), date_trunc('year', timestamp 'infinity')
select date_trunc('foo', timestamp '2026-11-21')
select age(timestamp '2026-11-21', timestamp '1999-01-08 04:05:06'), age(timestamp '1999-01-08', timestamp '2026-11-21 10:00'), age(timestamp '2026-03-01', timestamp '2026-01-31'), age(timestamptz '2026-11-21 00:00+00', timestamptz '2026-01-01 00:00+00')
select make_date(2026, 11, 21), make_date(-44, 3, 15), make_time(9, 4, 42.5), make_timestamp(2026, 11, 21, 9, 4, 42.5), make_timestamptz(2026, 11, 21, 9, 4, 42.5), make_timestamptz(2026, 11, 21, 9, 4, 42.5, 'Europe/Paris')
select make_date(2026, 2, 30)
select make_date(0, 7, 15)
select make_time(25, 0, 0)
select make_time(10, 61, 1.5)
select make_interval(1, 2, 3, 4, 5, 6, 7.5), make_interval(0, 0, 0, 0, 0, 0, -1.25)
select timestamptz '2026-11-21 09:04:42+00' at time zone 'UTC', timestamptz '2026-11-21 09:04:42+00' at time zone 'Asia/Tokyo', timestamptz '2026-11-21 09:04:42+00' at time zone 'PST', timestamptz '2026-11-21 09:04:42+00' at time zone '+05', timestamptz '2026-11-21 09:04:42+00' at time zone interval '+05:30'
select timestamp '2026-11-21 09:04:42' at time zone 'UTC', timestamp '2026-11-21 09:04:42' at time zone 'Asia/Tokyo', timestamp '2026-11-21 09:04:42' at time zone '-03', timezone('Europe/Paris', timestamp '2026-07-21 12:00'), timestamp '2026-11-21 09:04:42' at time zone interval '-08:00'
select timestamp '2026-11-21 09:04:42' at time zone 'Mars/Olympus'
select timestamp '2026-11-21 09:04:42' at time zone interval '1 day'
RESET TimeZone
# to_char / to_number (session 5): the int8 and numeric regression templates over their tables' values
select to_char(123::int8, '9G999G999G999G999G999'), to_char(4567890123456789::int8, '9G999G999G999G999G999'), to_char((-4567890123456789)::int8, '9G999G999G999G999G999')
select to_char(0::numeric, '9G999G999G999G999G999'), to_char((-34338492.215397047)::numeric, '9G999G999G999G999G999'), to_char(4.31::numeric, '9G999G999G999G999G999'), to_char(7799461.4119::numeric, '9G999G999G999G999G999'), to_char(16397.038491::numeric, '9G999G999G999G999G999'), to_char(93901.57763026::numeric, '9G999G999G999G999G999'), to_char((-83028485)::numeric, '9G999G999G999G999G999'), to_char(74881::numeric, '9G999G999G999G999G999'), to_char((-24926804.045047420)::numeric, '9G999G999G999G999G999')
select to_char(123::int8, '9,999,999,999,999,999'), to_char(4567890123456789::int8, '9,999,999,999,999,999'), to_char((-4567890123456789)::int8, '9,999,999,999,999,999')
select to_char(0::numeric, '9,999,999,999,999,999'), to_char((-34338492.215397047)::numeric, '9,999,999,999,999,999'), to_char(4.31::numeric, '9,999,999,999,999,999'), to_char(7799461.4119::numeric, '9,999,999,999,999,999'), to_char(16397.038491::numeric, '9,999,999,999,999,999'), to_char(93901.57763026::numeric, '9,999,999,999,999,999'), to_char((-83028485)::numeric, '9,999,999,999,999,999'), to_char(74881::numeric, '9,999,999,999,999,999'), to_char((-24926804.045047420)::numeric, '9,999,999,999,999,999')
select to_char(123::int8, '9G999G999G999G999G999D999G999'), to_char(4567890123456789::int8, '9G999G999G999G999G999D999G999'), to_char((-4567890123456789)::int8, '9G999G999G999G999G999D999G999')
select to_char(0::numeric, '9G999G999G999G999G999D999G999'), to_char((-34338492.215397047)::numeric, '9G999G999G999G999G999D999G999'), to_char(4.31::numeric, '9G999G999G999G999G999D999G999'), to_char(7799461.4119::numeric, '9G999G999G999G999G999D999G999'), to_char(16397.038491::numeric, '9G999G999G999G999G999D999G999'), to_char(93901.57763026::numeric, '9G999G999G999G999G999D999G999'), to_char((-83028485)::numeric, '9G999G999G999G999G999D999G999'), to_char(74881::numeric, '9G999G999G999G999G999D999G999'), to_char((-24926804.045047420)::numeric, '9G999G999G999G999G999D999G999')
select to_char(123::int8, '9,999,999,999,999,999.999,999'), to_char(4567890123456789::int8, '9,999,999,999,999,999.999,999'), to_char((-4567890123456789)::int8, '9,999,999,999,999,999.999,999')
select to_char(0::numeric, '9,999,999,999,999,999.999,999'), to_char((-34338492.215397047)::numeric, '9,999,999,999,999,999.999,999'), to_char(4.31::numeric, '9,999,999,999,999,999.999,999'), to_char(7799461.4119::numeric, '9,999,999,999,999,999.999,999'), to_char(16397.038491::numeric, '9,999,999,999,999,999.999,999'), to_char(93901.57763026::numeric, '9,999,999,999,999,999.999,999'), to_char((-83028485)::numeric, '9,999,999,999,999,999.999,999'), to_char(74881::numeric, '9,999,999,999,999,999.999,999'), to_char((-24926804.045047420)::numeric, '9,999,999,999,999,999.999,999')
select to_char(123::int8, '9999999999999999PR'), to_char(4567890123456789::int8, '9999999999999999PR'), to_char((-4567890123456789)::int8, '9999999999999999PR')
select to_char(0::numeric, '9999999999999999PR'), to_char((-34338492.215397047)::numeric, '9999999999999999PR'), to_char(4.31::numeric, '9999999999999999PR'), to_char(7799461.4119::numeric, '9999999999999999PR'), to_char(16397.038491::numeric, '9999999999999999PR'), to_char(93901.57763026::numeric, '9999999999999999PR'), to_char((-83028485)::numeric, '9999999999999999PR'), to_char(74881::numeric, '9999999999999999PR'), to_char((-24926804.045047420)::numeric, '9999999999999999PR')
select to_char(123::int8, '9999999999999999.999PR'), to_char(4567890123456789::int8, '9999999999999999.999PR'), to_char((-4567890123456789)::int8, '9999999999999999.999PR')
select to_char(0::numeric, '9999999999999999.999PR'), to_char((-34338492.215397047)::numeric, '9999999999999999.999PR'), to_char(4.31::numeric, '9999999999999999.999PR'), to_char(7799461.4119::numeric, '9999999999999999.999PR'), to_char(16397.038491::numeric, '9999999999999999.999PR'), to_char(93901.57763026::numeric, '9999999999999999.999PR'), to_char((-83028485)::numeric, '9999999999999999.999PR'), to_char(74881::numeric, '9999999999999999.999PR'), to_char((-24926804.045047420)::numeric, '9999999999999999.999PR')
select to_char(123::int8, '9999999999999999S'), to_char(4567890123456789::int8, '9999999999999999S'), to_char((-4567890123456789)::int8, '9999999999999999S')
select to_char(0::numeric, '9999999999999999S'), to_char((-34338492.215397047)::numeric, '9999999999999999S'), to_char(4.31::numeric, '9999999999999999S'), to_char(7799461.4119::numeric, '9999999999999999S'), to_char(16397.038491::numeric, '9999999999999999S'), to_char(93901.57763026::numeric, '9999999999999999S'), to_char((-83028485)::numeric, '9999999999999999S'), to_char(74881::numeric, '9999999999999999S'), to_char((-24926804.045047420)::numeric, '9999999999999999S')
select to_char(123::int8, 'S9999999999999999'), to_char(4567890123456789::int8, 'S9999999999999999'), to_char((-4567890123456789)::int8, 'S9999999999999999')
select to_char(0::numeric, 'S9999999999999999'), to_char((-34338492.215397047)::numeric, 'S9999999999999999'), to_char(4.31::numeric, 'S9999999999999999'), to_char(7799461.4119::numeric, 'S9999999999999999'), to_char(16397.038491::numeric, 'S9999999999999999'), to_char(93901.57763026::numeric, 'S9999999999999999'), to_char((-83028485)::numeric, 'S9999999999999999'), to_char(74881::numeric, 'S9999999999999999'), to_char((-24926804.045047420)::numeric, 'S9999999999999999')
select to_char(123::int8, 'MI9999999999999999'), to_char(4567890123456789::int8, 'MI9999999999999999'), to_char((-4567890123456789)::int8, 'MI9999999999999999')
select to_char(0::numeric, 'MI9999999999999999'), to_char((-34338492.215397047)::numeric, 'MI9999999999999999'), to_char(4.31::numeric, 'MI9999999999999999'), to_char(7799461.4119::numeric, 'MI9999999999999999'), to_char(16397.038491::numeric, 'MI9999999999999999'), to_char(93901.57763026::numeric, 'MI9999999999999999'), to_char((-83028485)::numeric, 'MI9999999999999999'), to_char(74881::numeric, 'MI9999999999999999'), to_char((-24926804.045047420)::numeric, 'MI9999999999999999')
select to_char(123::int8, 'FMS9999999999999999'), to_char(4567890123456789::int8, 'FMS9999999999999999'), to_char((-4567890123456789)::int8, 'FMS9999999999999999')
select to_char(0::numeric, 'FMS9999999999999999'), to_char((-34338492.215397047)::numeric, 'FMS9999999999999999'), to_char(4.31::numeric, 'FMS9999999999999999'), to_char(7799461.4119::numeric, 'FMS9999999999999999'), to_char(16397.038491::numeric, 'FMS9999999999999999'), to_char(93901.57763026::numeric, 'FMS9999999999999999'), to_char((-83028485)::numeric, 'FMS9999999999999999'), to_char(74881::numeric, 'FMS9999999999999999'), to_char((-24926804.045047420)::numeric, 'FMS9999999999999999')
select to_char(123::int8, 'FM9999999999999999THPR'), to_char(4567890123456789::int8, 'FM9999999999999999THPR'), to_char((-4567890123456789)::int8, 'FM9999999999999999THPR')
select to_char(0::numeric, 'FM9999999999999999THPR'), to_char((-34338492.215397047)::numeric, 'FM9999999999999999THPR'), to_char(4.31::numeric, 'FM9999999999999999THPR'), to_char(7799461.4119::numeric, 'FM9999999999999999THPR'), to_char(16397.038491::numeric, 'FM9999999999999999THPR'), to_char(93901.57763026::numeric, 'FM9999999999999999THPR'), to_char((-83028485)::numeric, 'FM9999999999999999THPR'), to_char(74881::numeric, 'FM9999999999999999THPR'), to_char((-24926804.045047420)::numeric, 'FM9999999999999999THPR')
select to_char(123::int8, 'SG9999999999999999th'), to_char(4567890123456789::int8, 'SG9999999999999999th'), to_char((-4567890123456789)::int8, 'SG9999999999999999th')
select to_char(0::numeric, 'SG9999999999999999th'), to_char((-34338492.215397047)::numeric, 'SG9999999999999999th'), to_char(4.31::numeric, 'SG9999999999999999th'), to_char(7799461.4119::numeric, 'SG9999999999999999th'), to_char(16397.038491::numeric, 'SG9999999999999999th'), to_char(93901.57763026::numeric, 'SG9999999999999999th'), to_char((-83028485)::numeric, 'SG9999999999999999th'), to_char(74881::numeric, 'SG9999999999999999th'), to_char((-24926804.045047420)::numeric, 'SG9999999999999999th')
select to_char(123::int8, '0999999999999999'), to_char(4567890123456789::int8, '0999999999999999'), to_char((-4567890123456789)::int8, '0999999999999999')
select to_char(0::numeric, '0999999999999999'), to_char((-34338492.215397047)::numeric, '0999999999999999'), to_char(4.31::numeric, '0999999999999999'), to_char(7799461.4119::numeric, '0999999999999999'), to_char(16397.038491::numeric, '0999999999999999'), to_char(93901.57763026::numeric, '0999999999999999'), to_char((-83028485)::numeric, '0999999999999999'), to_char(74881::numeric, '0999999999999999'), to_char((-24926804.045047420)::numeric, '0999999999999999')
select to_char(123::int8, 'S0999999999999999'), to_char(4567890123456789::int8, 'S0999999999999999'), to_char((-4567890123456789)::int8, 'S0999999999999999')
select to_char(0::numeric, 'S0999999999999999'), to_char((-34338492.215397047)::numeric, 'S0999999999999999'), to_char(4.31::numeric, 'S0999999999999999'), to_char(7799461.4119::numeric, 'S0999999999999999'), to_char(16397.038491::numeric, 'S0999999999999999'), to_char(93901.57763026::numeric, 'S0999999999999999'), to_char((-83028485)::numeric, 'S0999999999999999'), to_char(74881::numeric, 'S0999999999999999'), to_char((-24926804.045047420)::numeric, 'S0999999999999999')
select to_char(123::int8, 'FM0999999999999999'), to_char(4567890123456789::int8, 'FM0999999999999999'), to_char((-4567890123456789)::int8, 'FM0999999999999999')
select to_char(0::numeric, 'FM0999999999999999'), to_char((-34338492.215397047)::numeric, 'FM0999999999999999'), to_char(4.31::numeric, 'FM0999999999999999'), to_char(7799461.4119::numeric, 'FM0999999999999999'), to_char(16397.038491::numeric, 'FM0999999999999999'), to_char(93901.57763026::numeric, 'FM0999999999999999'), to_char((-83028485)::numeric, 'FM0999999999999999'), to_char(74881::numeric, 'FM0999999999999999'), to_char((-24926804.045047420)::numeric, 'FM0999999999999999')
select to_char(123::int8, 'FM9999999999999999.000'), to_char(4567890123456789::int8, 'FM9999999999999999.000'), to_char((-4567890123456789)::int8, 'FM9999999999999999.000')
select to_char(0::numeric, 'FM9999999999999999.000'), to_char((-34338492.215397047)::numeric, 'FM9999999999999999.000'), to_char(4.31::numeric, 'FM9999999999999999.000'), to_char(7799461.4119::numeric, 'FM9999999999999999.000'), to_char(16397.038491::numeric, 'FM9999999999999999.000'), to_char(93901.57763026::numeric, 'FM9999999999999999.000'), to_char((-83028485)::numeric, 'FM9999999999999999.000'), to_char(74881::numeric, 'FM9999999999999999.000'), to_char((-24926804.045047420)::numeric, 'FM9999999999999999.000')
select to_char(123::int8, 'L9999999999999999.000'), to_char(4567890123456789::int8, 'L9999999999999999.000'), to_char((-4567890123456789)::int8, 'L9999999999999999.000')
select to_char(0::numeric, 'L9999999999999999.000'), to_char((-34338492.215397047)::numeric, 'L9999999999999999.000'), to_char(4.31::numeric, 'L9999999999999999.000'), to_char(7799461.4119::numeric, 'L9999999999999999.000'), to_char(16397.038491::numeric, 'L9999999999999999.000'), to_char(93901.57763026::numeric, 'L9999999999999999.000'), to_char((-83028485)::numeric, 'L9999999999999999.000'), to_char(74881::numeric, 'L9999999999999999.000'), to_char((-24926804.045047420)::numeric, 'L9999999999999999.000')
select to_char(123::int8, 'FM9999999999999999.999'), to_char(4567890123456789::int8, 'FM9999999999999999.999'), to_char((-4567890123456789)::int8, 'FM9999999999999999.999')
select to_char(0::numeric, 'FM9999999999999999.999'), to_char((-34338492.215397047)::numeric, 'FM9999999999999999.999'), to_char(4.31::numeric, 'FM9999999999999999.999'), to_char(7799461.4119::numeric, 'FM9999999999999999.999'), to_char(16397.038491::numeric, 'FM9999999999999999.999'), to_char(93901.57763026::numeric, 'FM9999999999999999.999'), to_char((-83028485)::numeric, 'FM9999999999999999.999'), to_char(74881::numeric, 'FM9999999999999999.999'), to_char((-24926804.045047420)::numeric, 'FM9999999999999999.999')
select to_char(123::int8, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9'), to_char(4567890123456789::int8, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9'), to_char((-4567890123456789)::int8, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9')
select to_char(0::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9'), to_char((-34338492.215397047)::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9'), to_char(4.31::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9'), to_char(7799461.4119::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9'), to_char(16397.038491::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9'), to_char(93901.57763026::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9'), to_char((-83028485)::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9'), to_char(74881::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9'), to_char((-24926804.045047420)::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9')
select to_char(123::int8, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999'), to_char(4567890123456789::int8, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999'), to_char((-4567890123456789)::int8, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999')
select to_char(0::numeric, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999'), to_char((-34338492.215397047)::numeric, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999'), to_char(4.31::numeric, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999'), to_char(7799461.4119::numeric, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999'), to_char(16397.038491::numeric, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999'), to_char(93901.57763026::numeric, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999'), to_char((-83028485)::numeric, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999'), to_char(74881::numeric, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999'), to_char((-24926804.045047420)::numeric, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999')
select to_char(123::int8, '999999SG9999999999'), to_char(4567890123456789::int8, '999999SG9999999999'), to_char((-4567890123456789)::int8, '999999SG9999999999')
select to_char(0::numeric, '999999SG9999999999'), to_char((-34338492.215397047)::numeric, '999999SG9999999999'), to_char(4.31::numeric, '999999SG9999999999'), to_char(7799461.4119::numeric, '999999SG9999999999'), to_char(16397.038491::numeric, '999999SG9999999999'), to_char(93901.57763026::numeric, '999999SG9999999999'), to_char((-83028485)::numeric, '999999SG9999999999'), to_char(74881::numeric, '999999SG9999999999'), to_char((-24926804.045047420)::numeric, '999999SG9999999999')
select to_char(123::int8, '9G999G999G999G999G999D999G999G999G999G999'), to_char(4567890123456789::int8, '9G999G999G999G999G999D999G999G999G999G999'), to_char((-4567890123456789)::int8, '9G999G999G999G999G999D999G999G999G999G999')
select to_char(0::numeric, '9G999G999G999G999G999D999G999G999G999G999'), to_char((-34338492.215397047)::numeric, '9G999G999G999G999G999D999G999G999G999G999'), to_char(4.31::numeric, '9G999G999G999G999G999D999G999G999G999G999'), to_char(7799461.4119::numeric, '9G999G999G999G999G999D999G999G999G999G999'), to_char(16397.038491::numeric, '9G999G999G999G999G999D999G999G999G999G999'), to_char(93901.57763026::numeric, '9G999G999G999G999G999D999G999G999G999G999'), to_char((-83028485)::numeric, '9G999G999G999G999G999D999G999G999G999G999'), to_char(74881::numeric, '9G999G999G999G999G999D999G999G999G999G999'), to_char((-24926804.045047420)::numeric, '9G999G999G999G999G999D999G999G999G999G999')
select to_char(123::int8, '9999999999999999.999999999999999PR'), to_char(4567890123456789::int8, '9999999999999999.999999999999999PR'), to_char((-4567890123456789)::int8, '9999999999999999.999999999999999PR')
select to_char(0::numeric, '9999999999999999.999999999999999PR'), to_char((-34338492.215397047)::numeric, '9999999999999999.999999999999999PR'), to_char(4.31::numeric, '9999999999999999.999999999999999PR'), to_char(7799461.4119::numeric, '9999999999999999.999999999999999PR'), to_char(16397.038491::numeric, '9999999999999999.999999999999999PR'), to_char(93901.57763026::numeric, '9999999999999999.999999999999999PR'), to_char((-83028485)::numeric, '9999999999999999.999999999999999PR'), to_char(74881::numeric, '9999999999999999.999999999999999PR'), to_char((-24926804.045047420)::numeric, '9999999999999999.999999999999999PR')
select to_char(123::int8, '9999999999999999.999999999999999S'), to_char(4567890123456789::int8, '9999999999999999.999999999999999S'), to_char((-4567890123456789)::int8, '9999999999999999.999999999999999S')
select to_char(0::numeric, '9999999999999999.999999999999999S'), to_char((-34338492.215397047)::numeric, '9999999999999999.999999999999999S'), to_char(4.31::numeric, '9999999999999999.999999999999999S'), to_char(7799461.4119::numeric, '9999999999999999.999999999999999S'), to_char(16397.038491::numeric, '9999999999999999.999999999999999S'), to_char(93901.57763026::numeric, '9999999999999999.999999999999999S'), to_char((-83028485)::numeric, '9999999999999999.999999999999999S'), to_char(74881::numeric, '9999999999999999.999999999999999S'), to_char((-24926804.045047420)::numeric, '9999999999999999.999999999999999S')
select to_char(123::int8, 'MI9999999999999999.999999999999999'), to_char(4567890123456789::int8, 'MI9999999999999999.999999999999999'), to_char((-4567890123456789)::int8, 'MI9999999999999999.999999999999999')
select to_char(0::numeric, 'MI9999999999999999.999999999999999'), to_char((-34338492.215397047)::numeric, 'MI9999999999999999.999999999999999'), to_char(4.31::numeric, 'MI9999999999999999.999999999999999'), to_char(7799461.4119::numeric, 'MI9999999999999999.999999999999999'), to_char(16397.038491::numeric, 'MI9999999999999999.999999999999999'), to_char(93901.57763026::numeric, 'MI9999999999999999.999999999999999'), to_char((-83028485)::numeric, 'MI9999999999999999.999999999999999'), to_char(74881::numeric, 'MI9999999999999999.999999999999999'), to_char((-24926804.045047420)::numeric, 'MI9999999999999999.999999999999999')
select to_char(123::int8, 'FMS9999999999999999.999999999999999'), to_char(4567890123456789::int8, 'FMS9999999999999999.999999999999999'), to_char((-4567890123456789)::int8, 'FMS9999999999999999.999999999999999')
select to_char(0::numeric, 'FMS9999999999999999.999999999999999'), to_char((-34338492.215397047)::numeric, 'FMS9999999999999999.999999999999999'), to_char(4.31::numeric, 'FMS9999999999999999.999999999999999'), to_char(7799461.4119::numeric, 'FMS9999999999999999.999999999999999'), to_char(16397.038491::numeric, 'FMS9999999999999999.999999999999999'), to_char(93901.57763026::numeric, 'FMS9999999999999999.999999999999999'), to_char((-83028485)::numeric, 'FMS9999999999999999.999999999999999'), to_char(74881::numeric, 'FMS9999999999999999.999999999999999'), to_char((-24926804.045047420)::numeric, 'FMS9999999999999999.999999999999999')
select to_char(123::int8, 'FM9999999999999999.999999999999999THPR'), to_char(4567890123456789::int8, 'FM9999999999999999.999999999999999THPR'), to_char((-4567890123456789)::int8, 'FM9999999999999999.999999999999999THPR')
select to_char(0::numeric, 'FM9999999999999999.999999999999999THPR'), to_char((-34338492.215397047)::numeric, 'FM9999999999999999.999999999999999THPR'), to_char(4.31::numeric, 'FM9999999999999999.999999999999999THPR'), to_char(7799461.4119::numeric, 'FM9999999999999999.999999999999999THPR'), to_char(16397.038491::numeric, 'FM9999999999999999.999999999999999THPR'), to_char(93901.57763026::numeric, 'FM9999999999999999.999999999999999THPR'), to_char((-83028485)::numeric, 'FM9999999999999999.999999999999999THPR'), to_char(74881::numeric, 'FM9999999999999999.999999999999999THPR'), to_char((-24926804.045047420)::numeric, 'FM9999999999999999.999999999999999THPR')
select to_char(123::int8, 'SG9999999999999999.999999999999999th'), to_char(4567890123456789::int8, 'SG9999999999999999.999999999999999th'), to_char((-4567890123456789)::int8, 'SG9999999999999999.999999999999999th')
select to_char(0::numeric, 'SG9999999999999999.999999999999999th'), to_char((-34338492.215397047)::numeric, 'SG9999999999999999.999999999999999th'), to_char(4.31::numeric, 'SG9999999999999999.999999999999999th'), to_char(7799461.4119::numeric, 'SG9999999999999999.999999999999999th'), to_char(16397.038491::numeric, 'SG9999999999999999.999999999999999th'), to_char(93901.57763026::numeric, 'SG9999999999999999.999999999999999th'), to_char((-83028485)::numeric, 'SG9999999999999999.999999999999999th'), to_char(74881::numeric, 'SG9999999999999999.999999999999999th'), to_char((-24926804.045047420)::numeric, 'SG9999999999999999.999999999999999th')
select to_char(123::int8, '0999999999999999.999999999999999'), to_char(4567890123456789::int8, '0999999999999999.999999999999999'), to_char((-4567890123456789)::int8, '0999999999999999.999999999999999')
select to_char(0::numeric, '0999999999999999.999999999999999'), to_char((-34338492.215397047)::numeric, '0999999999999999.999999999999999'), to_char(4.31::numeric, '0999999999999999.999999999999999'), to_char(7799461.4119::numeric, '0999999999999999.999999999999999'), to_char(16397.038491::numeric, '0999999999999999.999999999999999'), to_char(93901.57763026::numeric, '0999999999999999.999999999999999'), to_char((-83028485)::numeric, '0999999999999999.999999999999999'), to_char(74881::numeric, '0999999999999999.999999999999999'), to_char((-24926804.045047420)::numeric, '0999999999999999.999999999999999')
select to_char(123::int8, 'S0999999999999999.999999999999999'), to_char(4567890123456789::int8, 'S0999999999999999.999999999999999'), to_char((-4567890123456789)::int8, 'S0999999999999999.999999999999999')
select to_char(0::numeric, 'S0999999999999999.999999999999999'), to_char((-34338492.215397047)::numeric, 'S0999999999999999.999999999999999'), to_char(4.31::numeric, 'S0999999999999999.999999999999999'), to_char(7799461.4119::numeric, 'S0999999999999999.999999999999999'), to_char(16397.038491::numeric, 'S0999999999999999.999999999999999'), to_char(93901.57763026::numeric, 'S0999999999999999.999999999999999'), to_char((-83028485)::numeric, 'S0999999999999999.999999999999999'), to_char(74881::numeric, 'S0999999999999999.999999999999999'), to_char((-24926804.045047420)::numeric, 'S0999999999999999.999999999999999')
select to_char(123::int8, 'FM0999999999999999.999999999999999'), to_char(4567890123456789::int8, 'FM0999999999999999.999999999999999'), to_char((-4567890123456789)::int8, 'FM0999999999999999.999999999999999')
select to_char(0::numeric, 'FM0999999999999999.999999999999999'), to_char((-34338492.215397047)::numeric, 'FM0999999999999999.999999999999999'), to_char(4.31::numeric, 'FM0999999999999999.999999999999999'), to_char(7799461.4119::numeric, 'FM0999999999999999.999999999999999'), to_char(16397.038491::numeric, 'FM0999999999999999.999999999999999'), to_char(93901.57763026::numeric, 'FM0999999999999999.999999999999999'), to_char((-83028485)::numeric, 'FM0999999999999999.999999999999999'), to_char(74881::numeric, 'FM0999999999999999.999999999999999'), to_char((-24926804.045047420)::numeric, 'FM0999999999999999.999999999999999')
select to_char(123::int8, 'FM9999999999999999.099999999999999'), to_char(4567890123456789::int8, 'FM9999999999999999.099999999999999'), to_char((-4567890123456789)::int8, 'FM9999999999999999.099999999999999')
select to_char(0::numeric, 'FM9999999999999999.099999999999999'), to_char((-34338492.215397047)::numeric, 'FM9999999999999999.099999999999999'), to_char(4.31::numeric, 'FM9999999999999999.099999999999999'), to_char(7799461.4119::numeric, 'FM9999999999999999.099999999999999'), to_char(16397.038491::numeric, 'FM9999999999999999.099999999999999'), to_char(93901.57763026::numeric, 'FM9999999999999999.099999999999999'), to_char((-83028485)::numeric, 'FM9999999999999999.099999999999999'), to_char(74881::numeric, 'FM9999999999999999.099999999999999'), to_char((-24926804.045047420)::numeric, 'FM9999999999999999.099999999999999')
select to_char(123::int8, 'FM9999999999990999.990999999999999'), to_char(4567890123456789::int8, 'FM9999999999990999.990999999999999'), to_char((-4567890123456789)::int8, 'FM9999999999990999.990999999999999')
select to_char(0::numeric, 'FM9999999999990999.990999999999999'), to_char((-34338492.215397047)::numeric, 'FM9999999999990999.990999999999999'), to_char(4.31::numeric, 'FM9999999999990999.990999999999999'), to_char(7799461.4119::numeric, 'FM9999999999990999.990999999999999'), to_char(16397.038491::numeric, 'FM9999999999990999.990999999999999'), to_char(93901.57763026::numeric, 'FM9999999999990999.990999999999999'), to_char((-83028485)::numeric, 'FM9999999999990999.990999999999999'), to_char(74881::numeric, 'FM9999999999990999.990999999999999'), to_char((-24926804.045047420)::numeric, 'FM9999999999990999.990999999999999')
select to_char(123::int8, 'FM0999999999999999.999909999999999'), to_char(4567890123456789::int8, 'FM0999999999999999.999909999999999'), to_char((-4567890123456789)::int8, 'FM0999999999999999.999909999999999')
select to_char(0::numeric, 'FM0999999999999999.999909999999999'), to_char((-34338492.215397047)::numeric, 'FM0999999999999999.999909999999999'), to_char(4.31::numeric, 'FM0999999999999999.999909999999999'), to_char(7799461.4119::numeric, 'FM0999999999999999.999909999999999'), to_char(16397.038491::numeric, 'FM0999999999999999.999909999999999'), to_char(93901.57763026::numeric, 'FM0999999999999999.999909999999999'), to_char((-83028485)::numeric, 'FM0999999999999999.999909999999999'), to_char(74881::numeric, 'FM0999999999999999.999909999999999'), to_char((-24926804.045047420)::numeric, 'FM0999999999999999.999909999999999')
select to_char(123::int8, 'FM9999999990999999.099999999999999'), to_char(4567890123456789::int8, 'FM9999999990999999.099999999999999'), to_char((-4567890123456789)::int8, 'FM9999999990999999.099999999999999')
select to_char(0::numeric, 'FM9999999990999999.099999999999999'), to_char((-34338492.215397047)::numeric, 'FM9999999990999999.099999999999999'), to_char(4.31::numeric, 'FM9999999990999999.099999999999999'), to_char(7799461.4119::numeric, 'FM9999999990999999.099999999999999'), to_char(16397.038491::numeric, 'FM9999999990999999.099999999999999'), to_char(93901.57763026::numeric, 'FM9999999990999999.099999999999999'), to_char((-83028485)::numeric, 'FM9999999990999999.099999999999999'), to_char(74881::numeric, 'FM9999999990999999.099999999999999'), to_char((-24926804.045047420)::numeric, 'FM9999999990999999.099999999999999')
select to_char(123::int8, 'L9999999999999999.099999999999999'), to_char(4567890123456789::int8, 'L9999999999999999.099999999999999'), to_char((-4567890123456789)::int8, 'L9999999999999999.099999999999999')
select to_char(0::numeric, 'L9999999999999999.099999999999999'), to_char((-34338492.215397047)::numeric, 'L9999999999999999.099999999999999'), to_char(4.31::numeric, 'L9999999999999999.099999999999999'), to_char(7799461.4119::numeric, 'L9999999999999999.099999999999999'), to_char(16397.038491::numeric, 'L9999999999999999.099999999999999'), to_char(93901.57763026::numeric, 'L9999999999999999.099999999999999'), to_char((-83028485)::numeric, 'L9999999999999999.099999999999999'), to_char(74881::numeric, 'L9999999999999999.099999999999999'), to_char((-24926804.045047420)::numeric, 'L9999999999999999.099999999999999')
select to_char(123::int8, 'FM9999999999999999.99999999999999'), to_char(4567890123456789::int8, 'FM9999999999999999.99999999999999'), to_char((-4567890123456789)::int8, 'FM9999999999999999.99999999999999')
select to_char(0::numeric, 'FM9999999999999999.99999999999999'), to_char((-34338492.215397047)::numeric, 'FM9999999999999999.99999999999999'), to_char(4.31::numeric, 'FM9999999999999999.99999999999999'), to_char(7799461.4119::numeric, 'FM9999999999999999.99999999999999'), to_char(16397.038491::numeric, 'FM9999999999999999.99999999999999'), to_char(93901.57763026::numeric, 'FM9999999999999999.99999999999999'), to_char((-83028485)::numeric, 'FM9999999999999999.99999999999999'), to_char(74881::numeric, 'FM9999999999999999.99999999999999'), to_char((-24926804.045047420)::numeric, 'FM9999999999999999.99999999999999')
select to_char(123::int8, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(4567890123456789::int8, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char((-4567890123456789)::int8, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9')
select to_char(0::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char((-34338492.215397047)::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(4.31::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(7799461.4119::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(16397.038491::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(93901.57763026::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char((-83028485)::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(74881::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char((-24926804.045047420)::numeric, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9')
select to_char(123::int8, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(4567890123456789::int8, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char((-4567890123456789)::int8, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9')
select to_char(0::numeric, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char((-34338492.215397047)::numeric, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(4.31::numeric, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(7799461.4119::numeric, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(16397.038491::numeric, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(93901.57763026::numeric, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char((-83028485)::numeric, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char(74881::numeric, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9'), to_char((-24926804.045047420)::numeric, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9')
select to_char(123::int8, 'FM9999999999999999.999999999999999'), to_char(4567890123456789::int8, 'FM9999999999999999.999999999999999'), to_char((-4567890123456789)::int8, 'FM9999999999999999.999999999999999')
select to_char(0::numeric, 'FM9999999999999999.999999999999999'), to_char((-34338492.215397047)::numeric, 'FM9999999999999999.999999999999999'), to_char(4.31::numeric, 'FM9999999999999999.999999999999999'), to_char(7799461.4119::numeric, 'FM9999999999999999.999999999999999'), to_char(16397.038491::numeric, 'FM9999999999999999.999999999999999'), to_char(93901.57763026::numeric, 'FM9999999999999999.999999999999999'), to_char((-83028485)::numeric, 'FM9999999999999999.999999999999999'), to_char(74881::numeric, 'FM9999999999999999.999999999999999'), to_char((-24926804.045047420)::numeric, 'FM9999999999999999.999999999999999')
select to_char(123::int8, '9.999EEEE'), to_char(4567890123456789::int8, '9.999EEEE'), to_char((-4567890123456789)::int8, '9.999EEEE')
select to_char(0::numeric, '9.999EEEE'), to_char((-34338492.215397047)::numeric, '9.999EEEE'), to_char(4.31::numeric, '9.999EEEE'), to_char(7799461.4119::numeric, '9.999EEEE'), to_char(16397.038491::numeric, '9.999EEEE'), to_char(93901.57763026::numeric, '9.999EEEE'), to_char((-83028485)::numeric, '9.999EEEE'), to_char(74881::numeric, '9.999EEEE'), to_char((-24926804.045047420)::numeric, '9.999EEEE')
select to_char(123::int8, 'MI9999999999.99'), to_char(4567890123456789::int8, 'MI9999999999.99'), to_char((-4567890123456789)::int8, 'MI9999999999.99')
select to_char(0::numeric, 'MI9999999999.99'), to_char((-34338492.215397047)::numeric, 'MI9999999999.99'), to_char(4.31::numeric, 'MI9999999999.99'), to_char(7799461.4119::numeric, 'MI9999999999.99'), to_char(16397.038491::numeric, 'MI9999999999.99'), to_char(93901.57763026::numeric, 'MI9999999999.99'), to_char((-83028485)::numeric, 'MI9999999999.99'), to_char(74881::numeric, 'MI9999999999.99'), to_char((-24926804.045047420)::numeric, 'MI9999999999.99')
select to_char(123::int8, 'MI99.99'), to_char(4567890123456789::int8, 'MI99.99'), to_char((-4567890123456789)::int8, 'MI99.99')
select to_char(0::numeric, 'MI99.99'), to_char((-34338492.215397047)::numeric, 'MI99.99'), to_char(4.31::numeric, 'MI99.99'), to_char(7799461.4119::numeric, 'MI99.99'), to_char(16397.038491::numeric, 'MI99.99'), to_char(93901.57763026::numeric, 'MI99.99'), to_char((-83028485)::numeric, 'MI99.99'), to_char(74881::numeric, 'MI99.99'), to_char((-24926804.045047420)::numeric, 'MI99.99')
select to_char(0::numeric, '9.999EEEE'), to_char(0::float8, '9.999EEEE'), to_char(0::float4, '9.999EEEE'), to_char(0::numeric, 'MI9999999999.99'), to_char(0::float8, 'MI9999999999.99'), to_char(0::float4, 'MI99.99')
select to_char(-34338492.215397047::numeric, '9.999EEEE'), to_char(-34338492.215397047::float8, '9.999EEEE'), to_char(-34338492.215397047::float4, '9.999EEEE'), to_char(-34338492.215397047::numeric, 'MI9999999999.99'), to_char(-34338492.215397047::float8, 'MI9999999999.99'), to_char(-34338492.215397047::float4, 'MI99.99')
select to_char(4.31::numeric, '9.999EEEE'), to_char(4.31::float8, '9.999EEEE'), to_char(4.31::float4, '9.999EEEE'), to_char(4.31::numeric, 'MI9999999999.99'), to_char(4.31::float8, 'MI9999999999.99'), to_char(4.31::float4, 'MI99.99')
select to_char(7799461.4119::numeric, '9.999EEEE'), to_char(7799461.4119::float8, '9.999EEEE'), to_char(7799461.4119::float4, '9.999EEEE'), to_char(7799461.4119::numeric, 'MI9999999999.99'), to_char(7799461.4119::float8, 'MI9999999999.99'), to_char(7799461.4119::float4, 'MI99.99')
select to_char(-83028485::numeric, '9.999EEEE'), to_char(-83028485::float8, '9.999EEEE'), to_char(-83028485::float4, '9.999EEEE'), to_char(-83028485::numeric, 'MI9999999999.99'), to_char(-83028485::float8, 'MI9999999999.99'), to_char(-83028485::float4, 'MI99.99')
select to_char(1.2345e-10::numeric, '9.999EEEE'), to_char(1.2345e-10::float8, '9.999EEEE'), to_char(1.2345e-10::float4, '9.999EEEE'), to_char(1.2345e-10::numeric, 'MI9999999999.99'), to_char(1.2345e-10::float8, 'MI9999999999.99'), to_char(1.2345e-10::float4, 'MI99.99')
select to_char(1.2345e300::numeric, '9.999EEEE'), to_char(1.2345e300::float8, '9.999EEEE'), to_char(1.2345e300::float4, '9.999EEEE'), to_char(1.2345e300::numeric, 'MI9999999999.99'), to_char(1.2345e300::float8, 'MI9999999999.99'), to_char(1.2345e300::float4, 'MI99.99')
select to_char(-0.0001::numeric, '9.999EEEE'), to_char(-0.0001::float8, '9.999EEEE'), to_char(-0.0001::float4, '9.999EEEE'), to_char(-0.0001::numeric, 'MI9999999999.99'), to_char(-0.0001::float8, 'MI9999999999.99'), to_char(-0.0001::float4, 'MI99.99')
SELECT to_char('100'::numeric, 'FM999.9')
SELECT to_char('100'::numeric, 'FM999.')
SELECT to_char('100'::numeric, 'FM999')
SELECT to_char('12345678901'::float8, 'FM9999999999D9999900000000000000000')
SELECT to_char('100'::numeric, 'foo999')
SELECT to_char('100'::numeric, 'f\oo999')
SELECT to_char('100'::numeric, 'f\\oo999')
SELECT to_char('100'::numeric, 'f\"oo999')
SELECT to_char('100'::numeric, 'f\\"oo999')
SELECT to_char('100'::numeric, 'f"ool"999')
SELECT to_char('100'::numeric, 'f"\ool"999')
SELECT to_char('100'::numeric, 'f"\\ool"999')
SELECT to_char('100'::numeric, 'f"ool\"999')
SELECT to_char('100'::numeric, 'f"ool\\"999')
SELECT to_number('-34,338,492', '99G999G999')
SELECT to_number('-34,338,492.654,878', '99G999G999D999G999')
SELECT to_number('<564646.654564>', '999999.999999PR')
SELECT to_number('0.00001-', '9.999999S')
SELECT to_number('5.01-', 'FM9.999999S')
SELECT to_number('5.01-', 'FM9.999999MI')
SELECT to_number('5 4 4 4 4 8 . 7 8', '9 9 9 9 9 9 . 9 9')
SELECT to_number('.01', 'FM9.99')
SELECT to_number('.0', '99999999.99999999')
SELECT to_number('0', '99.99')
SELECT to_number('.-01', 'S99.99')
SELECT to_number('.01-', '99.99S')
SELECT to_number(' . 0 1-', ' 9 9 . 9 9 S')
SELECT to_number('34,50','999,99')
SELECT to_number('123,000','999G')
SELECT to_number('123456','999G999')
SELECT to_number('$1234.56','L9,999.99')
SELECT to_number('$1234.56','L99,999.99')
SELECT to_number('$1,234.56','L99,999.99')
SELECT to_number('1234.56','L99,999.99')
SELECT to_number('1,234.56','L99,999.99')
SELECT to_number('42nd', '99th')
select to_char(485, 'RN'), to_char(485, 'FMrn'), to_char(12, '99V9'), to_char(-12.34, 'S99.99'), to_char(0.5, '9.9'), to_char(0.5, '0.9'), to_char(-0.5, '9.9'), to_char(12, '99th'), to_char(1, 'FM9TH'), to_char(13, 'FM99th')
select to_char('NaN'::numeric, '9.99'), to_char('Infinity'::numeric, '9999999999.99'), to_char('-Infinity'::numeric, '9999999999.99'), to_char('NaN'::float8, '99999.99'), to_char('-Infinity'::float8, 'S9.99'), to_char(1.5::float8, '9.99999999999999999'), to_char(123456789012345678::float8, '999999999999999999999.99'), to_char(3::float4, '9.999999999')
select to_char(1234.5, '9.9.9')
select to_char(1234.5, '9PR9')
select to_char(12, '99')::int, to_char(-7, 'PL99'), to_char(7, 'SG99'), to_char(-7, '99PR'), to_char(1234567, '9,999,999'), to_char(1234567, 'FM9G999G999'), to_char(123, 'L999')
select to_number('1,234', 'FM9,999'), to_number('1,234', 'FM9G999'), to_number('12', '99V9'), to_number('-12.5', 'S99.9'), to_number('12.5-', '99.9S'), to_number('1234', '99')
select to_number('abc', '999')
select to_number('', '999')
select date_trunc('year', interval '1234 years 5 months 6 days 07:08:09.123456'), date_trunc('millennium', interval '1234 years'), date_trunc('milliseconds', interval '1.234567 seconds'), date_trunc('quarter', interval '1 year 8 months'), date_trunc('hour', interval '-1 day -01:30:00')
select date_trunc('week', interval '10 days')
select date_trunc('foo', interval '10 days')
select date_bin('15 minutes', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01'), date_bin('15 minutes', timestamp '2020-02-11 15:45:00', timestamp '2030-01-01'), date_bin('15 minutes', timestamp '2020-02-11 15:44:00', timestamp '2030-01-01'), date_bin('1 day', timestamptz '2020-02-11 15:44:17+00', timestamptz '2001-01-01 00:00+00')
select date_bin('1 month', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01')
select date_bin('0 days', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01')
select timetz '10:00+02' at time zone 'UTC', timetz '10:00+02' at time zone interval '-03:00', timetz '23:00-02' at time zone 'Asia/Tokyo'
SET TimeZone TO 'America/Los_Angeles'
select '99999999999999999999'::date
select '2000-01-01 99999999999:00'::timestamp
select '1999.400'::date
select '1999.366'::date
select '2000.366'::date
select '12345678901234'::timestamp
select '2000-01-01 10:00 +99999999999'::timestamptz
select '-'::timestamp
select '2000-01-01 10:00:00.'::timestamp
select '2000-01-01 10:00:60'::timestamp
select 'Feb 29 2001'::date
select '1/1/1/1'::date
select '2000-01-01 10:00 pst pdt'::timestamptz
select '2000-01-01 10:00 America/New_York'::timestamp
select '10:00'::timestamp
select 'Nov 21 2026 10:00 +05:30'::timestamptz, '2026-11-21 10:00:00 z'::timestamptz, '20261121 100000'::timestamp
select '5874897-12-31'::date
select '294277-01-01'::timestamp
select '4714-11-24 BC'::date, '4714-11-23 BC'::date
RESET TimeZone
select make_date(-4714, 11, 24), make_date(1, 1, 1)
select make_date(-4714, 11, 23)
select sind(30), sind(-210), sind(390), cosd(60), cosd(120), cosd(-300), tand(45), tand(135), tand(180), cotd(45), cotd(90), cotd(0)
select asind(-0.5), asind(1), acosd(-0.5), acosd(0), atand(-1), atand('infinity'::float8), atan2d(-1, -1), atan2d(0, 1), sind('nan'::float8)
select sind('infinity'::float8)
select acosd(1.5)
select 4.2 % 1, 1 % 4.2, 0 % 4.2, -1 % 4.2, 7.50 % 2
select x from (values ('nan'::numeric), ('inf'), ('-inf'), (0), ('inf'), ('nan')) v(x) order by x
select x from (values ('nan'::numeric), ('inf'), ('-inf'), (0)) v(x) order by x desc
select numeric_inc(4.2), numeric_inc('inf'), numeric_inc('nan'::numeric)
select 123456::numeric(3,-3), 0.000123456::numeric(3,6), 'nan'::numeric(3,-6), 999.49::numeric(3,0)
select 999500::numeric(3,-3)
select 'inf'::numeric(4,4)
select '-inf'::numeric(3,-6)
select 0.0009995::numeric(3,6)
select round(5.5e131071, -131072)
select length(round(5.5e131071, -131073)::text), round(1234.5678, -2), round(-1234.5678, 2), trunc(1234.5678, -2)
select gcd('inf'::numeric, 42), lcm('-inf'::numeric, 0), gcd(0.4::numeric, 0.6), lcm(0.4::numeric, 0.6)
select 2::numeric ^ 100, 1.5::numeric ^ -3, 0.5::numeric ^ 2000, 10::numeric ^ -20, (-2)::numeric ^ 3, 2.50 ^ 0
select length((10::numeric ^ 131071)::text)
select 10::numeric ^ 131072
select sqrt(2::numeric), sqrt(0.0001::numeric), sqrt(1e100::numeric)
select '1.17549435e-38'::float4, '3.4028235e38'::float4, float4send('1.1'::float4)
select to_char('inf'::float4, 'MI99.99'), to_char('-inf'::float4, 'MI99.99'), to_char('inf'::float8, 'MI99.99'), to_char('nan'::float4, 'MI99.99')
select 10 * cosd(90), 1e-300::float8 * 0
select 1e-300::float8 * 1e-300
select * from generate_series(1::numeric, 'nan'::numeric)
select * from generate_series('-inf'::numeric, 1::numeric)
select * from generate_series(1::numeric, 3::numeric, 'inf'::numeric)
select '0/16AE7F8'::pg_lsn, 'FFFFFFFF/FFFFFFFF'::pg_lsn, pg_lsn(1.5::numeric)
select 'G/0'::pg_lsn
select pg_lsn('inf'::numeric)
select log(-1::numeric)
select log10(0::numeric)
select * from (values (1)) as s(a, b)
select * from ((values (1)) s1 cross join (values (2)) s2) as j(a, b, c)
