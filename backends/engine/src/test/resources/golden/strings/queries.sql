# string and array functions fixed for the strings/arrays regression files (typesstr)
SELECT regexp_matches('foobarbequebaz', $re$(bar)(beque)$re$)
SELECT regexp_matches('foObARbEqUEbAz', $re$(bar)(beque)$re$, 'i')
SELECT regexp_matches('foobarbequebazilbarfbonk', $re$(b[^b]+)(b[^b]+)$re$, 'g')
SELECT regexp_matches('foobarbequebaz', $re$(bar)(.+)?(beque)$re$)
SELECT regexp_matches('foobarbequebaz', $re$(bar)(.+)(beque)$re$)
SELECT regexp_matches('foobarbequebaz', $re$barbeque$re$)
SELECT regexp_matches('foobarbequebaz', $re$(bar)(beque)$re$, 'gz')
SELECT foo, length(foo) FROM regexp_split_to_table('the quick brown fox', E'\\s+') AS foo
SELECT foo, length(foo) FROM regexp_split_to_table('thE QUick bROWn FOx', 'e', 'i') AS foo
SELECT regexp_split_to_table('abc', 'b', 'g')
SELECT string_to_table('1|2|3', '|')
SELECT string_to_table('1*2*3', NULL)
SELECT string_to_table('1,2,3,4,,6', ',', '')
SELECT v, v IS NULL as "is null" FROM string_to_table('1,2,3,4,*,6', ',', '*') g(v)
SELECT * FROM string_to_table(NULL, ',')
SELECT OVERLAY('abcdef' PLACING '45' FROM 4)
SELECT OVERLAY('yabadoo' PLACING 'daba' FROM 5 FOR 0)
SELECT OVERLAY('babosa' PLACING 'ubb' FROM 2 FOR 4)
SELECT OVERLAY('abc' PLACING 'x' FROM 0)
SELECT encode(overlay(E'Th\\000omas'::bytea placing E'Th\\001omas'::bytea from 2),'escape')
SELECT encode(overlay(E'Th\\000omas'::bytea placing E'\\002\\003'::bytea from 5 for 3),'escape')
SELECT trim_array(ARRAY[1, 2, 3, 4, 5, 6], 2)
SELECT trim_array('[-1:4]={1,2,3,4,5,6}'::int[], 6)
SELECT trim_array(ARRAY[1, 2, 3], 4)
SELECT trim_array('{}'::int[], 0)
SELECT random() >= 0 AND random() < 1
SELECT regexp_replace('A PostgreSQL function', 'A|e|i|o|u', 'X', 1)
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', 1, 1, 'g')
SELECT regexp_replace('A PostgreSQL function', 'a|e|i|o|u', 'X', '1')
select array(select array['Hello', i::text] from generate_series(9,11) i)
select pg_typeof(array(select '11 22 33'::int2vector from generate_series(1,5)))
select array(select '11 22 33'::int2vector from generate_series(1,2))
select array(select i from generate_series(1,0) i)
select array(select i * 2 from generate_series(1,4) i order by i desc)
select '1 2  3'::int2vector, '  7 8 '::oidvector
# named and mixed notation (typesstr, second shift)
SELECT parse_ident('a.b', strict => false)
SELECT parse_ident(str => 'a.b', strict := false)
SELECT parse_ident(strict => false, str => 'x.y.')
SELECT parse_ident('x.y.', strict => true)
SELECT make_interval(days => 3)
SELECT make_interval(hours => 2, secs => 1.5)
SELECT make_interval(1, mins => 5)
SELECT parse_ident('a', str => 'b')
SELECT parse_ident(strict => false, 'a')
SELECT parse_ident(foo => 'a')
SELECT parse_ident(str => 'a', str => 'b')
SELECT jsonb_set('{"a":1}', path => '{a}', new_value => '2')
# ORDER BY ... USING (typesstr, second shift)
SELECT x FROM (VALUES (3),(1),(NULL),(2)) v(x) ORDER BY x USING >
SELECT x FROM (VALUES (3),(1),(NULL),(2)) v(x) ORDER BY x USING < NULLS FIRST
SELECT x FROM (VALUES (3),(1),(2)) v(x) ORDER BY x USING @@
SELECT x FROM (VALUES (3),(1),(2)) v(x) ORDER BY x USING =
SELECT x FROM (VALUES (3),(1),(2)) v(x) ORDER BY x USING OPERATOR(pg_catalog.>)
SELECT a FROM (VALUES (ARRAY[2,1]),(ARRAY[1,3]),(ARRAY[1]),(ARRAY[2,1])) v(a) ORDER BY a USING >
SELECT DISTINCT a FROM (VALUES (ARRAY[2,1]),(ARRAY[1,3]),(ARRAY[1]),(ARRAY[2,1])) v(a) ORDER BY 1
# to_date / to_timestamp(text, text) (typesstr, second shift)
SELECT to_date('20100309','YYYYMMDD')
SELECT to_date('2020-03-15','YYYY-MM-DD')
SELECT to_date('15 Mar 2020','DD Mon YYYY')
SELECT to_date('March 5, 1999','Month DD, YYYY')
SELECT to_date('1999 032','YYYY DDD')
SELECT to_date('05/06/07','MM/DD/YY')
SELECT to_timestamp('2011-12-18 11:38 PM', 'YYYY-MM-DD HH12:MI PM')
SELECT to_timestamp('2011-12-18 23:38:15.25', 'YYYY-MM-DD HH24:MI:SS.MS')
SELECT to_timestamp('97/2/16 8:14:30', 'YY/MM/DD HH:MI:SS')
SELECT to_timestamp('  Infinity  ', 'YYYY')
SELECT to_date('2020-13-01','YYYY-MM-DD')
SELECT to_timestamp('2011-12-18 13:38', 'YYYY-MM-DD HH12:MI')
SELECT concat(1,2,3,'hello',true, false, to_date('20100309','YYYYMMDD'))
# standard_conforming_strings = off (typesstr, second shift)
SET standard_conforming_strings TO off
SELECT U&'d\0061t\+000061' AS U&"d\0061t\+000061"
SELECT U&' \' UESCAPE '!' AS "tricky"
SELECT 'tricky' AS U&"\" UESCAPE '!'
set escape_string_warning = off
select 'a\\bcd' as f1, 'a\\b\'cd' as f2, 'a\\b\'''cd' as f3, 'abcd\\'   as f4, 'ab\\\'cd' as f5, '\\\\' as f6
RESET standard_conforming_strings
select 'a\tb'
