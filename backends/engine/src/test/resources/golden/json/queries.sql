# json and jsonb: input, output, errors, comparison, casts
SELECT '{"b":1, "aa":2, "a":[1,2.50,1e2, -0, 1E-3], "a":"dup"}'::jsonb, '{"b":1,  "a" : [1, 2.50]}'::json
SELECT ' [ 1 , "x\"y\\z\n\u00e9\ud83d\ude00" , true, false, null, {} , [] ] '::jsonb, ' [1 , "x"] '::json
SELECT '"abc"'::jsonb, '123.4500'::jsonb, 'null'::jsonb, 'true'::json, '-0.0'::jsonb, '1e400'::jsonb
SELECT '{"a":}'::json
SELECT '{"a":1'::jsonb
SELECT 'abc'::json
SELECT '"\u0000"'::jsonb
SELECT '"\u0000"'::json
SELECT '{"a" 1}'::json
SELECT '[1,2]x'::jsonb
SELECT '01'::jsonb
SELECT '{1:2}'::jsonb
SELECT ''::json
SELECT '"a\qb"'::json
SELECT '[1,]'::jsonb
SELECT '{"a":1,}'::jsonb
SELECT '"\ud83d"'::jsonb
SELECT '1.'::json
SELECT '{"a":1}'::jsonb = '{"a":1.0}'::jsonb, '[1,2]'::jsonb = '[2,1]'::jsonb, '{"a":1,"b":2}'::jsonb = '{"b":2,"a":1}'::jsonb
SELECT v FROM (VALUES ('1'::jsonb), ('"a"'), ('null'), ('true'), ('[]'), ('[1]'), ('{}'), ('{"a":1}'), ('{"b":0}'), ('[1,2]'), ('{"a":1,"b":2}'), ('"b"'), ('"ab"'), ('false'), ('2.5'), ('[[1]]'), ('["a"]')) t(v) ORDER BY v
SELECT DISTINCT v FROM (VALUES ('1'::jsonb), ('1.0'), ('1.00'), ('{"a":[1,2]}'), ('{"a":[1.0,2]}')) t(v) ORDER BY v
SELECT v, count(*) FROM (VALUES ('1'::jsonb), ('1.0'), ('"x"'), ('"x"'), ('{"a":1}'), ('{"a": 1}')) t(v) GROUP BY v ORDER BY v
SELECT '{"a":1}'::jsonb < '{"b":0}'::jsonb, '[]'::jsonb < '1'::jsonb, '[1]'::jsonb < '1'::jsonb, '{}'::jsonb > '[1,2]'::jsonb, 'null'::jsonb < '"a"'::jsonb
SELECT '{"a": 1}'::json::jsonb, '{"b":1,"a":2}'::jsonb::json, '{"a":1}'::jsonb::text, '[1, "x"]'::json::text
SELECT '1.5'::jsonb::int, '2.5'::jsonb::int8, '1e3'::jsonb::float4, 'true'::jsonb::bool, '12.50'::jsonb::numeric, '-3'::jsonb::int2, '0.1'::jsonb::float8
SELECT '"a"'::jsonb::numeric
SELECT '[1]'::jsonb::int
SELECT '{}'::jsonb::bool
SELECT 'null'::jsonb::float8
SELECT '99999999999'::jsonb::int
SELECT pg_typeof('{}'::jsonb), pg_typeof('{}'::json)
# operators
SELECT '{"a":{"b":[1,2,{"c":"x"}]}}'::jsonb -> 'a', '{"a":{"b":[1,2]}}'::jsonb ->> 'a', '[1,"x",null]'::jsonb ->> 1, '[1,"x",null]'::jsonb ->> 2, '[1,2,3]'::jsonb -> -1, '[1,2,3]'::jsonb -> 5, '{"a":1}'::jsonb -> 0, '[1]'::jsonb -> 'a'
SELECT '{"a":{"b":[1, 2,{"c" : "x"}]}}'::json -> 'a', '{"a":{"b":[1,2]}}'::json ->> 'a', '[1,"x\ty",null]'::json ->> 1, '[1,"x",null]'::json ->> 2, '[1, 2 ,3]'::json -> -1, '[1,2,3]'::json -> 5, '{"a":1,"a":2}'::json -> 'a'
SELECT '{"a":{"b":[1,2,{"c":"x"}]}}'::jsonb #> '{a,b,2}', '{"a":{"b":[1,2,{"c":"x"}]}}'::jsonb #>> '{a,b,2,c}', '{"a":{"b":[1,2]}}'::jsonb #> '{}', '{"a":1}'::jsonb #> '{a,b}', '{"a":[1]}'::jsonb #> '{a,x}', '{"a":[1]}'::jsonb #>> '{a,-1}'
SELECT '{"a":{"b":[1,2,{"c":"x"}]}}'::json #> '{a,b,2}', '{"a":{"b":[1,2,{"c":"x"}]}}'::json #>> '{a,b,2,c}', '{"a" : 1}'::json #> '{}'
SELECT '{"a":1,"b":{"c":[1,2,3]}}'::jsonb @> '{"b":{"c":[3,1]}}', '{"a":1}'::jsonb @> '{"a":1,"b":2}', '[1,2,[3,4]]'::jsonb @> '[[4]]', '[1,2]'::jsonb @> '1', '1'::jsonb @> '[1]', '{"a":1}'::jsonb <@ '{"a":1,"b":2}', '[1,2]'::jsonb @> '[]', '{"a":[1,2]}'::jsonb @> '{"a":1}', '"a"'::jsonb @> '"a"'
SELECT '{"a":1,"b":2}'::jsonb ? 'a', '["a","b"]'::jsonb ? 'b', '["a"]'::jsonb ? 'x', '"a"'::jsonb ? 'a', '{"a":1,"b":2}'::jsonb ?| array['x','b'], '{"a":1,"b":2}'::jsonb ?& array['a','b'], '{"a":1,"b":2}'::jsonb ?& array['a','c'], '{"a":1}'::jsonb ?| '{}'::text[], '{"a":1}'::jsonb ?& '{}'::text[]
SELECT '{"a":1,"b":2}'::jsonb || '{"b":3,"c":4}', '[1,2]'::jsonb || '[3]', '[1]'::jsonb || '{"a":1}', '{"a":1}'::jsonb || '[1]', '1'::jsonb || '2', '"a"'::jsonb || '{"b":1}', '[]'::jsonb || '[]'
SELECT '{"a":1,"b":2}'::jsonb - 'a', '["a","b","a"]'::jsonb - 'a', '[1,2,3]'::jsonb - 1, '[1,2,3]'::jsonb - -1, '[1,2,3]'::jsonb - 7, '{"a":1,"b":2,"c":3}'::jsonb - array['a','c'], '{"a":{"b":{"c":1,"d":2}}}'::jsonb #- '{a,b,c}', '[1,[2,3]]'::jsonb #- '{1,0}', '{"a":1}'::jsonb #- '{x,y}'
SELECT '"a"'::jsonb - 'a'
SELECT '{"a":1}'::jsonb - 1
SELECT '1'::jsonb #- '{a}'
SELECT '[1,2]'::jsonb #- '{x}'
# functions
SELECT jsonb_typeof('{}'), jsonb_typeof('[]'), jsonb_typeof('1'), jsonb_typeof('"s"'), jsonb_typeof('true'), jsonb_typeof('null'), json_typeof('{"a":1}'), json_typeof(' [1]'), json_typeof('-1.5'), json_typeof('"x"'), json_typeof('false'), json_typeof('null')
SELECT jsonb_array_length('[1,2,[3]]'), json_array_length('[1, 2, 3, []]'), jsonb_array_length('[]')
SELECT jsonb_array_length('{}')
SELECT jsonb_array_length('1')
SELECT json_array_length('{}')
SELECT jsonb_extract_path('{"a":{"b":[7,8]}}', 'a', 'b', '1'), jsonb_extract_path_text('{"a":{"b":"x"}}', 'a', 'b'), json_extract_path('{"a":{"b":[7, 8]}}', 'a', 'b'), json_extract_path_text('{"a":{"b":"x"}}', 'a', 'b'), jsonb_extract_path('{"a":1}', 'a', NULL)
SELECT jsonb_set('{"a":1,"b":[1,2]}', '{b,1}', '"x"'), jsonb_set('{"a":1}', '{c}', '3'), jsonb_set('{"a":1}', '{c}', '3', false), jsonb_set('[1,2]', '{5}', '3'), jsonb_set('[1,2]', '{-5}', '3'), jsonb_set('{"a":{"b":1}}', '{a,b}', '{"x":[1]}'), jsonb_set('{"a":1}', '{x,y}', '2')
SELECT jsonb_set('[1,2]', '{x}', '3')
SELECT jsonb_set('[1,2]', '{NULL}', '3')
SELECT jsonb_set('1', '{a}', '3')
SELECT jsonb_insert('{"a":[1,2]}', '{a,1}', '"new"'), jsonb_insert('{"a":[1,2]}', '{a,1}', '"new"', true), jsonb_insert('{"a":1}', '{b}', '2'), jsonb_insert('[1,2]', '{9}', '3'), jsonb_insert('[1,2]', '{-1}', '0', true)
SELECT jsonb_insert('{"a":1}', '{a}', '3')
SELECT jsonb_strip_nulls('{"a":null,"b":[null,{"c":null,"d":1}],"e":{"f":null}}'), jsonb_strip_nulls('null'), jsonb_strip_nulls('[null]')
SELECT jsonb_pretty('{"a":[1,{"b":[]},{}],"c":{"d":null}}')
SELECT jsonb_pretty('1'), jsonb_pretty('[]'), jsonb_pretty('{"a":"x"}')
SELECT to_json(1), to_json('a"b'::text), to_json(1.50::numeric), to_json(true), to_json(null::int), to_json(array[1,2]), to_json('2020-01-01 10:00'::timestamp), to_json('2020-01-01 10:00+02'::timestamptz), to_json('2020-02-03'::date), to_json('nan'::float8), to_json(row(1,'x')), to_json('{"a": 1}'::json), to_json('{"a": 1}'::jsonb), to_json('x'::varchar)
SELECT to_jsonb(1), to_jsonb('a"b'::text), to_jsonb(1.50::numeric), to_jsonb(true), to_jsonb(array[[1,2],[3,4]]), to_jsonb(row(1,'x',1.0::float4)), to_jsonb('{"b": 1, "a": [2]}'::json), to_jsonb('infinity'::float8), to_jsonb('2020-01-01 10:00'::timestamp), to_jsonb('{}'::int[])
SELECT row_to_json(row(1,'a')), row_to_json(t) FROM (VALUES (1, 'x', array[1,2], '{"k": 1}'::jsonb)) t(a, b, c, d)
SELECT row_to_json(row(1,'a'), true), array_to_json(array[[1,2],[3,4]]), array_to_json(array['a','b'], true), array_to_json('{}'::int[])
SELECT json_build_object('a',1,'b',array[1,2],'c',row(1,'x'),'d',null,'e','{"x": 1}'::json), json_build_object(), json_build_object(1, 2, true, 'x')
SELECT jsonb_build_object('b',1,'a',2,'b',3), jsonb_build_object(), jsonb_build_object('a', array[1,2], 'n', null, 1.5, 'x')
SELECT json_build_array(1,'a',null,'2020-01-01 10:00'::timestamptz,'nan'::float8,1.50::numeric,1e20::float8,'{"a": 1}'::json,'{"a": 1}'::jsonb), json_build_array(), jsonb_build_array(1,'a',null,array[1]), jsonb_build_array()
SELECT json_build_object('a')
SELECT json_build_object(NULL, 1)
SELECT jsonb_build_object(array[1], 1)
SELECT * FROM jsonb_each('{"b":1,"a":{"x":[1]},"c":null,"d":"s"}')
SELECT * FROM jsonb_each_text('{"b":1,"a":{"x":[1]},"c":null,"d":"s"}')
SELECT * FROM json_each('{"b":1, "a" : {"x":[1]},"c":null,"d":"s","b":2}')
SELECT * FROM json_each_text('{"b":1, "a" : {"x":[1]},"c":null,"d":"s"}')
SELECT key, value FROM jsonb_each('{"k":[1,2]}') WHERE value @> '[2]'
SELECT jsonb_each('{"a":1,"b":"x"}'), json_each_text('{"a":1,"b":"x"}')
SELECT value FROM jsonb_array_elements('[1,"a",null,[2],{"b":3}]')
SELECT value FROM jsonb_array_elements_text('[1,"a",null,[2],{"b":3}]')
SELECT value FROM json_array_elements('[1, "a" ,null,[2],{"b": 3}]')
SELECT value FROM json_array_elements_text('[1,"a\tb",null,[2],{"b":3}]')
SELECT jsonb_array_elements('[1,[2]]'), json_array_elements_text('["x","y"]')
SELECT jsonb_object_keys('{"bb":1,"a":2,"c":3}'), json_object_keys('{"bb":1,"a":2,"bb":3}')
SELECT * FROM jsonb_object_keys('{"x":1,"y":{"z":2}}') k
SELECT jsonb_each('[1]')
SELECT jsonb_array_elements('{"a":1}')
SELECT jsonb_array_elements('1')
SELECT jsonb_object_keys('[1]')
SELECT json_array_elements('{"a":1}')
SELECT json_each('[1]')
SELECT json_object_keys('1')
# aggregates
SELECT json_agg(x), jsonb_agg(x), json_object_agg(k, x), jsonb_object_agg(k, x) FROM (VALUES (1, 'a'), (null, 'b'), (3, 'a')) t(x, k)
SELECT json_agg(t), jsonb_agg(t ORDER BY a DESC) FROM (VALUES (1,'a'),(2,'b')) t(a, b)
SELECT json_agg(array[x]), jsonb_agg(array[x]) FROM (VALUES (1),(2)) t(x)
SELECT g, json_agg(v ORDER BY v), jsonb_object_agg(v::text, g) FROM (VALUES (1, 'x'), (2, 'y'), (1, 'z')) t(g, v) GROUP BY g ORDER BY g
SELECT json_agg(x), jsonb_agg(x), json_object_agg(x, x), jsonb_object_agg(x, x) FROM generate_series(1, 3) x WHERE false
SELECT json_object_agg(k, v) FROM (VALUES (null::text, 1)) t(k, v)
SELECT json_strip_nulls('{"a": 1, "b": null, "c": [null, {"d": null, "e" : "x\u00e9\n"}], "f": 1.50e1}'), json_strip_nulls('null'), json_strip_nulls(' [ 1 , null ] ')
SELECT * FROM jsonb_array_elements('[1]'), json_object_keys('{"a":1}')
SELECT * FROM jsonb_each('{"a":1}') AS t
SELECT t.key, t.value FROM jsonb_each_text('{"a":1}') AS t, jsonb_each('{"x":[1]}') AS u WHERE u.key = 'x'
SELECT '{"a":[1,2]}'::jsonb -> 'a' ->> 0, ('{"a":"x"}'::jsonb ->> 'a') || 'y', '{"a":{"b":2}}'::jsonb -> 'a' -> 'b'
SELECT jsonb_build_object('k', v) FROM generate_series(1, 2) v
SELECT x FROM (VALUES ('[1,2]'::jsonb), ('[3]'), ('{"a":1}')) t(x) WHERE x ? 'a' OR x @> '3' ORDER BY x DESC
SELECT '{"a":1}'::jsonb IN ('{"a":1.0}'::jsonb, '[]'), '[1,2]'::jsonb <> '[1,2]', '{"a":1}'::jsonb <= '{"a":2}'
SELECT '"2020-01-01"'::jsonb, '{"a":"\u00e9\t"}'::jsonb, '"\/"'::jsonb, '["\u00e9"]'::json
SELECT to_jsonb(ARRAY['a', NULL]), to_json(ARRAY[true, false]), to_json('12:30'::time), to_json('1 day'::interval), to_json('\x00ff'::bytea)
SELECT json_object('{a,1,b,2}'), jsonb_object('{{a,1},{b,NULL}}'), json_object('{}'), json_object('{a,b}', '{1,2}'), jsonb_object('{b,a}','{x,NULL}')
SELECT json_object('{a,1,b}')
SELECT json_object('{{a,1,2}}')
SELECT json_object('{{{a}}}')
SELECT json_object('{NULL,1}')
SELECT json_object('{a,b}','{1}')
SELECT jsonb_set_lax('{"a":1}', '{a}', NULL), jsonb_set_lax('{"a":1,"b":2}', '{a}', NULL, true, 'delete_key'), jsonb_set_lax('{"a":1}', '{a}', NULL, true, 'return_target'), jsonb_set_lax('{"a":1}', '{a}', '5'), jsonb_set_lax(NULL, '{a}', '5') IS NULL, jsonb_set_lax('{"a":1}', NULL, '5') IS NULL, jsonb_set_lax('{"a":1}', '{a}', NULL, NULL) IS NULL
SELECT jsonb_set_lax('{"a":1}', '{a}', NULL, true, 'raise_exception')
SELECT jsonb_set_lax('{"a":1}', '{a}', NULL, true, 'foo')
SELECT jsonb_set_lax('{"a":1}', '{a}', NULL, true, NULL)
SELECT ('{"a":{"b":[1,{"c":2}]}}'::jsonb)['a']['b'][1]['c'], ('{"a":1}'::jsonb)['x'], ('[1,2,3]'::jsonb)[-1], ('[1,2]'::jsonb)['0'], ('{"1":"one"}'::jsonb)[1], ('{"a":1}'::jsonb)[NULL::text], ('"s"'::jsonb)['a']
SELECT ('{"a":1}'::jsonb)['a':'b']
SELECT ('{"a":1}'::jsonb)[1.5]
SELECT ('{"a":1}'::jsonb)[true]
SELECT '1'::jsonb -> 0, '"a"'::jsonb ->> -1, 'null'::jsonb -> 0, 'null'::jsonb ->> 0, 'true'::jsonb -> 1, '1'::json -> 0, '{"a":1}'::jsonb -> 0
SELECT '[]'::jsonb #- '{a}', '{}'::jsonb #- '{a,b}', '[]'::jsonb #- '{NULL}', jsonb_set('[]', '{x}', '1', false), jsonb_set('[]', '{NULL}', '1', false), jsonb_set('{"a":1}', '{x,NULL}', '1')
SELECT '[1]'::jsonb #- '{NULL}'
SELECT '{"a":1}'::jsonb #- '{a,NULL}'
SELECT jsonb_set('{}', '{NULL}', '1')
SELECT jsonb_insert('[]', '{x}', '1')
SELECT json_build_object('1e-5'::float8, 1), jsonb_build_object(1.50, 1, '2021-03-04'::date, 2, true, 3), jsonb_object_agg(x::float8 / 4, x) FROM (VALUES (1)) t(x)
SELECT jsonb_build_object(NULL::text, 1)
SELECT j FROM (VALUES ('{"a":1}'::json)) t(j) ORDER BY j
SELECT j FROM (VALUES ('{"a":1}'::json)) t(j) ORDER BY 1
SELECT DISTINCT 1, j FROM (VALUES ('{"a":1}'::json)) t(j)
SELECT DISTINCT j::jsonb FROM (VALUES ('{"a":1}'::json), ('{"a" : 1}')) t(j)
SELECT x, jsonb_agg(x) OVER (ORDER BY x), json_agg(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM generate_series(1,3) x
SELECT jsonb_agg(DISTINCT x), json_agg(DISTINCT x) FROM (VALUES (1),(1),(2)) t(x)
SELECT '{"a":1}'::json = '{"a":1}'::json
SELECT '{"a":1}'::jsonb UNION SELECT '{"a":1.0}'::jsonb
SELECT format('%s|%L', '{"a":1}'::jsonb, '{"b":2}'::json), concat('x', '[1]'::jsonb), '[1,2,3]'::jsonb @> ANY (ARRAY['[1]'::jsonb, '[5]'])
SELECT '{"{\"a\": 1}","[2]"}'::jsonb[], ('{"{\"a\": 1}"}'::jsonb[])[1] -> 'a', ARRAY['{"a" : 1}'::json]
SELECT j FROM (VALUES ('{"a":1}'::json)) t(j) GROUP BY j
SELECT ' "str" '::json #> '{}', ' "str" '::json #>> '{}', json_extract_path(' 12.50 ', VARIADIC '{}'::text[]), json_extract_path_text(' 12.50 ', VARIADIC '{}'::text[]), ' null '::json #> '{}', ' null '::json #>> '{}', ' [1] '::json #> '{}'
