# jsonpath input and output (jsonpath_in / jsonpath_out), then errors
select '$'::jsonpath
select 'lax $'::jsonpath
select 'strict $'::jsonpath
select 'strict $.a'::jsonpath
select '$.a'::jsonpath
select '$."a b"'::jsonpath
select '$.a.b.c'::jsonpath
select '$a.b'::jsonpath
select '$"x y"'::jsonpath
select '$.''a'''::jsonpath
select '$.a[1]'::jsonpath
select '$.a[*]'::jsonpath
select '$.*'::jsonpath
select '$.a.*'::jsonpath
select '$[1 to 3]'::jsonpath
select '$[1, 2 to last, last - 1]'::jsonpath
select '$.a[1 to 3] ? (@ > 1)'::jsonpath
select 'lax $.a[1 to 3] ? (@ > 1)'::jsonpath
select '$.**'::jsonpath
select '$.**{2}'::jsonpath
select '$.**{1 to 2}'::jsonpath
select '$.**{last}'::jsonpath
select '$.**{1 to last}'::jsonpath
select '$.**{2 to 1}'::jsonpath
select '$.a.**.b'::jsonpath
select '$ ? (@.a == 1 || !(@.b > 2) && @.c != 3)'::jsonpath
select '$ ? (@ <> 1)'::jsonpath
select '$ ? (@ >= 1 && @ <= 2 && @ < 3 && @ > 0)'::jsonpath
select '$ ? (exists (@.b))'::jsonpath
select '$ ? (@ like_regex "a.b")'::jsonpath
select '$ ? (@ like_regex "a" flag "iqsmx")'::jsonpath
select '$ ? (@ like_regex "a" flag "i")'::jsonpath
select '$ ? (@ starts with "ab")'::jsonpath
select '$ ? (@ starts with $x)'::jsonpath
select '($.a > 1) is unknown'::jsonpath
select '$ ? ((@ == 1) is unknown)'::jsonpath
select '1 + 2 * 3'::jsonpath
select '(1 + 2) * 3'::jsonpath
select '1 - (2 - 3)'::jsonpath
select '$.a + 1 + 2'::jsonpath
select '1 * -2'::jsonpath
select '-(1 + 2)'::jsonpath
select '-$.a * 2'::jsonpath
select '+$.a'::jsonpath
select '- -1'::jsonpath
select '+1'::jsonpath
select '-1'::jsonpath
select '1.5e3'::jsonpath
select '.5'::jsonpath
select '1.'::jsonpath
select '1.50'::jsonpath
select '0'::jsonpath
select '$.a / 2 % 3'::jsonpath
select '(1).type()'::jsonpath
select '(-1).a'::jsonpath
select '"str"'::jsonpath
select '"a\"b\\c\n"'::jsonpath
select 'null'::jsonpath
select 'true'::jsonpath
select 'false'::jsonpath
select '$ == 1 || $ == 2'::jsonpath
select '$.a.type()'::jsonpath
select '$.a.size()'::jsonpath
select '$.double().floor().ceiling().abs()'::jsonpath
select '$.keyvalue()'::jsonpath
select '$.datetime()'::jsonpath
select '$.a.datetime("HH24:MI")'::jsonpath
select '$.a.size'::jsonpath
select '$.datetime'::jsonpath
select '$.is.to.null.true.with.starts.last.exists.strict.lax.abs.flag'::jsonpath
select '$.TRUE'::jsonpath
select '$."\x41\u0042\u{43}"'::jsonpath
select '$.a\u0041'::jsonpath
select '$.a/* comment */.b'::jsonpath
select '$[$.a]'::jsonpath
select '(($.a))'::jsonpath
select '($.a).b'::jsonpath
select '$.a ? (@ > 1).b'::jsonpath
select '$.a?(@>1)?(@<5)'::jsonpath
select '$ ? (@ == $ ? (@ == 1))'::jsonpath
select '$ ? (@.** == 1)'::jsonpath
select 'STRICT $.a'::jsonpath
select '$[last]'::jsonpath
select '$[-1]'::jsonpath
select '$.a[1.5]'::jsonpath
select '!(1 == 1)'::jsonpath
select '($.a > 1).type()'::jsonpath
select '$.a['::jsonpath
select '$.a +'::jsonpath
select '1.e'::jsonpath
select '$."\u00'::jsonpath
select '$.a ? (@ == 1'::jsonpath
select 'strict'::jsonpath
select '$.a.1'::jsonpath
select '$.1a'::jsonpath
select '1a'::jsonpath
select '01'::jsonpath
select '1e'::jsonpath
select '1e+'::jsonpath
select '1.2.3'::jsonpath
select '@'::jsonpath
select '@.a'::jsonpath
select 'last'::jsonpath
select '$ ? (last > 1)'::jsonpath
select '$.a ** 1'::jsonpath
select '$ ? ($.a is unknown)'::jsonpath
select '$.a == 1 && $.b'::jsonpath
select '$ ? (@ == 1 == 2)'::jsonpath
select '$ ? (@.a)'::jsonpath
select '$ ? (!@.a)'::jsonpath
select '$ ? (!(@.a))'::jsonpath
select '1 2'::jsonpath
select '$ $'::jsonpath
select '$ ? (@ like_regex "a" flag "x")'::jsonpath
select '$ ? (@ like_regex "a" flag "z")'::jsonpath
select '$ ? (@ like_regex "(")'::jsonpath
select '$."abc'::jsonpath
select '$ /* c'::jsonpath
select 'TRUE'::jsonpath
select '-(1 == 1)'::jsonpath
select '$.**{1.5}'::jsonpath
select '$.a[*'::jsonpath
select ''::jsonpath
select pg_typeof('$'::jsonpath), '$.a'::jsonpath::text, 'strict $'::text::jsonpath
select array['$.a', 'strict $[*]']::jsonpath[]
# jsonb_path_query over documents, lax and strict
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[*]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[0]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[2].c')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b.c')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.b.c')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.x')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.x')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.*')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.d.*')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[*].c')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[last]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[last - 1]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[0 to 1]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[1 to last]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[5]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.b[5]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[2 to 1]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.b[2 to 1]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[-1]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.b[-1]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a[0]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.a[0]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a[*]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.a[*]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a.b')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.a.b')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a.*')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.a.*')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[1.7]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[$.a]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b["x"]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.b["x"]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[0,2,1]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[0 to 2][*]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.**')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.**{1}')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.**{2}')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.**{0}')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.**{1 to 2}')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.**{last}')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.**.c')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.**.c')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.**{2 to last}')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.type()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.*.type()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b.type()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b.size()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a.size()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.a.size()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.d.size()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.keyvalue()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.d.keyvalue()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.keyvalue().key')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b.keyvalue()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.b.keyvalue()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a.keyvalue()')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.* ? (@.type() == "number")')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[*] ? (@ > 1)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b ? (@ > 1)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.b ? (@ > 1)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$ ? (@.a == 1)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$ ? (@.a == 1).g')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$ ? (@.x == 1)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$ ? (exists (@.x))')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$ ? (exists (@.d.e))')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.d ? (@.f == null)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.d ? (@.e != null)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.d ? (@.e == null)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.g ? (@ == true)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$ ? (@.g)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a == 1')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a > 1')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[*] > 1')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.b[*] > 1')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b == 1')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.d.e == "x"')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.d.e < "y"')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.d.e == 1')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '($.d.e == 1) is unknown')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a + 1')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a - 3')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a * 2.5')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a / 3')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a % 3')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[*] + 1')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a + $.b[1]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.a / 0')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.d.e + 1')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '1 + $.d.e')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '-$.a')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '-$.b[*]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '-$.d.e')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '+$.b[0 to 1]')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[*] ? (@ == 1 || @ == 2)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.b[*] ? (!(@ == 1))')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$ ? (@.a == 1 && @.g == true)')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', '$.x + 1')
select jsonb_path_query('{"a": 1, "b": [1, 2, {"c": 3}], "d": {"e": "x", "f": null}, "g": true}', 'strict $.x + 1')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*]')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*].type()')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*] ? (@.type() == "string")')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*] ? (@ == null)')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*] ? (@ != null)')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*] ? (@ > 0)')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', 'strict $[*] ? (@ > 0)')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*] ? (@ == "2")')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*] ? (@ == true)')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[4][*]')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*][*]')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', 'strict $[*][*]')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*].a')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', 'strict $[*].a')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$.a')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$.size()')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*].size()')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', 'strict $[*].size()')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[4].size()')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[last]')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[last].a')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[0].double()')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[1].double()')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[2].double()')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*].double()')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[0 to 1].abs()')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[1].abs()')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$ ? (@[*] == 3)')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$ ? (@[*] == 4)')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$.**')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$.** ? (@ > 3)')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$.**{last}')
select jsonb_path_query('[1, "2", null, true, [3, 4], {"a": 5}]', '$[*].keyvalue()')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[*].abs()')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[*].floor()')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[*].ceiling()')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[*].double()')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$.floor()')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', 'strict $.floor()')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[*] ? (@ > 0 && @ < 5)')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[*] ? (@ >= 2)')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[*] ? (@ <= 0)')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[*] ? (@ <> 2)')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[*] * 2')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[0] * $[3]')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[3] / $[0]')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[4] % 3')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[3] % 1')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[0] - $[4]')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '-$[*]')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[*].abs().floor()')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[*] ? (@.floor() == 3)')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$.size() + 1')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[last - 1 to last]')
select jsonb_path_query('[-1.5, 0, 2, 3.7, 10]', '$[$.size() - 1]')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ like_regex "^ab")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ like_regex "^ab" flag "i")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ like_regex "a.b")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ like_regex "a.b" flag "s")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ like_regex "a.b" flag "q")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ like_regex "^b" flag "m")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ starts with "ab")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ starts with "")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ > "abc")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ < "abd")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ == "xyz")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*].double()')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[0].double()')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (@ like_regex "b$")')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? (!(@ starts with "a"))')
select jsonb_path_query('["abc", "abd", "ABC", "a\nb", "xyz", "a.b"]', '$[*] ? ((@ starts with "a") is unknown)')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a.b.c.d')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.**.d')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.**{3}')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.**{2 to 3}')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a.x[*]')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', 'strict $.a.x[*]')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a.x[*][*]')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a.x.**')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a.x[1][1][0]')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a.keyvalue()')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a.b.keyvalue()')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a.b.c.keyvalue()')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.**.keyvalue()')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a.keyvalue().value.keyvalue()')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a.b ? (@.c.d == 1)')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a ? (@.** == 3)')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', '$.a ? (@.x[*] == 2)')
select jsonb_path_query('{"a": {"b": {"c": {"d": 1}}, "x": [1, [2, [3]]]}}', 'strict $.a ? (@.x[*] == 2)')
select jsonb_path_query('7', '$')
select jsonb_path_query('7', '$[0]')
select jsonb_path_query('7', 'strict $[0]')
select jsonb_path_query('7', '$[*]')
select jsonb_path_query('7', 'strict $[*]')
select jsonb_path_query('7', '$.a')
select jsonb_path_query('7', 'strict $.a')
select jsonb_path_query('7', '$.size()')
select jsonb_path_query('7', 'strict $.size()')
select jsonb_path_query('7', '$.type()')
select jsonb_path_query('7', '$ + 1')
select jsonb_path_query('7', '$.double()')
select jsonb_path_query('7', '$.keyvalue()')
select jsonb_path_query('7', '$ ? (@ > 5)')
select jsonb_path_query('7', '$[last]')
select jsonb_path_query('7', '$.*')
select jsonb_path_query('7', 'strict $.*')
select jsonb_path_query('7', '$.**')
select jsonb_path_query('7', '$.datetime()')
# the other functions, vars, silent, operators
select jsonb_path_exists('{"a": [1, 2, 3]}', '$.a[*] ? (@ > 2)')
select jsonb_path_exists('{"a": [1, 2, 3]}', '$.a[*] ? (@ > 5)')
select jsonb_path_exists('{"a": 1}', 'strict $.b')
select jsonb_path_exists('{"a": 1}', 'strict $.b', silent => true)
select jsonb_path_exists('{"a": 1}', 'lax $.b')
select jsonb_path_exists('[1]', 'strict $[1]')
select jsonb_path_exists('[1]', 'strict $[1]', '{}', true)
select jsonb_path_match('{"a": 1}', '$.a == 1')
select jsonb_path_match('{"a": 1}', '$.a == 2')
select jsonb_path_match('{"a": 1}', '$.a == "x"')
select jsonb_path_match('{"a": 1}', '$.a')
select jsonb_path_match('{"a": 1}', '$.a', silent => true)
select jsonb_path_match('{"a": true}', '$.a')
select jsonb_path_match('{"a": null}', '$.a')
select jsonb_path_match('[true, true]', '$[*]')
select jsonb_path_match('{"a": 1}', 'strict $.b == 1')
select jsonb_path_query_array('[1, 2, 3, 4]', '$[*] ? (@ > 2)')
select jsonb_path_query_array('[1, 2, 3, 4]', '$[*] ? (@ > 5)')
select jsonb_path_query_array('{"a": [1, 2]}', '$.a')
select jsonb_path_query_first('[1, 2, 3, 4]', '$[*] ? (@ > 2)')
select jsonb_path_query_first('[1, 2, 3, 4]', '$[*] ? (@ > 5)')
select jsonb_path_query_first('{"a": {"b": 1}}', '$.a')
select jsonb_path_query('[1, 2, 3, 4]', '$[*] ? (@ > $min && @ < $max)', '{"min": 1, "max": 4}')
select jsonb_path_query('[1, 2, 3, 4]', '$[*] ? (@ > $min)', vars => '{"min": 2}')
select jsonb_path_query('[1, 2, 3, 4]', '$[*] ? (@ > $min)')
select jsonb_path_query('[1, 2, 3, 4]', '$[*] ? (@ > $min)', '[1]')
select jsonb_path_query('[1, 2, 3, 4]', '$[*] ? (@ > $"min x")', '{"min x": 3}')
select jsonb_path_query('{"a": "abc"}', '$.a ? (@ starts with $p)', '{"p": "ab"}')
select jsonb_path_query('{"a": 1}', '$x', '{"x": {"y": [1, 2]}}')
select jsonb_path_query('{"a": 1}', '$x.y[*]', '{"x": {"y": [1, 2]}}')
select jsonb_path_query('{"a": 1}', '$x.keyvalue()', '{"x": {"y": [1, 2]}}')
select jsonb_path_query('{"a": 1}', 'strict $.b', silent => true)
select jsonb_path_query('{"a": 1}', '$.a / 0', silent => true)
select jsonb_path_query('{"a": 1}', '$.a / 0')
select jsonb_path_query('[1, "a"]', '$[*] + 1', silent => true)
select * from jsonb_path_query('{"a": [1, 2, 3]}', '$.a[*]') as x
select x, x::text from jsonb_path_query('{"a": [1, 2, 3]}', '$.a[*] ? (@ >= 2)') as t(x)
select jsonb_path_query('{"a": [1, 2]}', '$.a[*]'), jsonb_path_query('{"a": [1, 2]}', '$.a[*] + 10')
select count(*) from jsonb_path_query('[1, 2, 3]', '$[*]')
select jsonb_path_query_tz('"2017-03-10"', '$.datetime()')
select jsonb_path_exists_tz('[1]', '$[0]'), jsonb_path_match_tz('1', '$ == 1'), jsonb_path_query_array_tz('[1]', '$[*]'), jsonb_path_query_first_tz('[1]', '$[*]')
select '{"a": [1, 2, 3]}'::jsonb @? '$.a[*] ? (@ > 2)'
select '{"a": [1, 2, 3]}'::jsonb @? '$.a[*] ? (@ > 5)'
select '{"a": 1}'::jsonb @? 'strict $.b'
select '{"a": 1}'::jsonb @@ '$.a == 1'
select '{"a": 1}'::jsonb @@ '$.a == 2'
select '{"a": 1}'::jsonb @@ '$.a'
select '{"a": 1}'::jsonb @@ '$.b == 1'
select '{"a": 1}'::jsonb @? '$.a ? (@ == $x)'
select jsonb_path_exists(null, '$'), jsonb_path_query_first('1', null)
select jsonb_path_query('"2017-03-10"', '$.datetime()')
select jsonb_path_query('"12:34:56"', '$.datetime()')
select jsonb_path_query('"12:34:56.789"', '$.datetime()')
select jsonb_path_query('"12:34:56+3"', '$.datetime()')
select jsonb_path_query('"12:34:56+03:30"', '$.datetime()')
select jsonb_path_query('"2017-03-10 12:34:56"', '$.datetime()')
select jsonb_path_query('"2017-03-10T12:34:56.5+03"', '$.datetime()')
select jsonb_path_query('"2017-03-10 12:34:56 +3"', '$.datetime()')
select jsonb_path_query('"2017-3-1"', '$.datetime()')
select jsonb_path_query('["2017-03-10", "12:34:56", "12:34:56+3", "2017-03-10 12:34:56", "2017-03-10 12:34:56+3"]', '$[*].datetime().type()')
select jsonb_path_query('"x"', '$.datetime()')
select jsonb_path_query('"x"', '$.datetime()', silent => true)
select jsonb_path_query('1', '$.datetime()')
select jsonb_path_query('1', '$.datetime()', silent => true)
select jsonb_path_query('"2017-03-10 12:34"', '$.datetime()')
select jsonb_path_query('["2017-03-10", "2017-03-11", "2017-03-09"]', '$[*] ? (@.datetime() > "2017-03-10".datetime())')
select jsonb_path_query('["12:00:00", "13:00:00"]', '$[*].datetime() ? (@ < "12:30:00".datetime())')
select jsonb_path_query('["2017-03-10 12:00:00+01", "2017-03-10 12:00:00+03"]', '$[*].datetime() ? (@ < "2017-03-10 10:30:00+00".datetime())')
select jsonb_path_query('["2017-03-10", "12:00:00"]', '$[*] ? (@.datetime() == "2017-03-10".datetime())')
select jsonb_path_query_array('["2017-03-10", "12:00:00"]', '$[*].datetime()')
# more: keyvalue ids over numbers and strings, vars, nesting, arithmetic scales (stored jsonpath: JsonPathTest)
select jsonb_path_query('{"a": 1.5, "b": "xyz", "c": {"d": 12345678, "e": [1, {"f": 0.001}]}, "g": {"h": 1}}', '$.**.keyvalue()')
select jsonb_path_query('[{"a": 1}, {"b": 2}, {"c": [{"d": 3}]}]', '$[*].keyvalue()')
select jsonb_path_query('[{"a": 1}, {"b": 2}, {"c": [{"d": 3}]}]', '$.**.keyvalue().id')
select jsonb_path_query('{"x": {"y": 1}}', '$.keyvalue().value.keyvalue()')
select jsonb_path_query('{}', '$.keyvalue()')
select jsonb_path_query('{"a": 1}', '$v.keyvalue()', '{"v": {"q": 1}, "w": 2}')
select jsonb_path_query('{"a": 1}', '$.keyvalue().value.keyvalue()')
select jsonb_path_query('[1, 2, 3]', '$[*] / 3')
select jsonb_path_query('[1.10, 2.5, 3]', '$[*] * 1.5')
select jsonb_path_query('[7]', '$[0] % -3')
select jsonb_path_query('[-7.5]', '$[0] % 2')
select jsonb_path_query('[1e20]', '$[0] + 1')
select jsonb_path_query('[0.1]', '$[0] + 0.2')
select jsonb_path_query('[10]', '$[0] / 4')
select jsonb_path_query('[1, 2]', '$[*] ? (@ == $[1])')
select jsonb_path_query('[1, 2]', '$ ? (@[0] < @[1])')
select jsonb_path_query('{"a": [1, 2, 3]}', '$.a[$.a[0]]')
select jsonb_path_query('{"a": [1, 2, 3]}', '$.a[$.a[*]]')
select jsonb_path_query('{"a": [1, 2, 3]}', '$.a[$.b]')
select jsonb_path_query('{"a": [1, 2, 3]}', '$.a[10000000000]')
select jsonb_path_query('{"a": [1, 2, 3]}', '$.a[last - 5 to last]')
select jsonb_path_query('{"a": [1, 2, 3]}', 'strict $.a[last - 5 to last]')
select jsonb_path_query('{"a": [1, 2, 3]}', '$.a[last + 1]')
select jsonb_path_query('{"a": [[1, 2], [3, 4]]}', '$.a[*][last]')
select jsonb_path_query('{"a": [[1, 2], [3, 4]]}', '$.a[last][last]')
select jsonb_path_query('{"a": [[1, 2], [3, 4]]}', '$.a[*] ? (@[0] > 1)')
select jsonb_path_query('{"a": [[1, 2], [3, 4]]}', '$.a ? (@[*] > 3)')
select jsonb_path_query('{"a": [[1, 2], [3, 4]]}', '$.a.size()')
select jsonb_path_query('{"a": [[1, 2], [3, 4]]}', '$.a[*].size()')
select jsonb_path_query('{"a": [[1, 2], [3, 4]]}', '$.a.type()')
select jsonb_path_query('{"a": [[1, 2], [3, 4]]}', '$.a[*][*] ? (@ > 1 && @ < 4)')
select jsonb_path_query('{"a": [[1, 2], [3, 4]]}', 'strict $.a ? (@[*] > 3)')
select jsonb_path_query('{"a": [[1, 2], [3, 4]]}', 'strict $.a[*] ? (@ > 3)')
select jsonb_path_query('{"a": [1, "x", null]}', '$.a[*] ? (@ > 0)')
select jsonb_path_query('{"a": [1, "x", null]}', 'strict $.a[*] ? (@ > 0)')
select jsonb_path_query('{"a": [1, "x", null]}', '$.a ? (@[*] > 0)')
select jsonb_path_query('{"a": [1, "x", null]}', 'strict $.a ? (@[*] > 0)')
select jsonb_path_query('{"a": [1, "x", null]}', 'strict $.a ? ((@[*] > 0) is unknown)')
select jsonb_path_query('{"a": [1, "x", null]}', '$.a ? ((@[*] > 0) is unknown)')
select jsonb_path_query('{"a": [1, "x", null]}', '$.a[*] ? (@ != 1)')
select jsonb_path_query('{"a": [1, "x", null]}', '$.a[*] ? (@ == null || @ == "x")')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a[*].b')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', 'strict $.a[*].b')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a.b')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a ? (@.b == 2)')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', 'strict $.a ? (@.b == 2)')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', 'strict $.a[*] ? (@.b == 2)')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a[*] ? (exists (@.c))')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', 'strict $.a[*] ? (exists (@.c))')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a[*] ? (!exists (@.c))')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a[*].*')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a.*')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', 'strict $.a.*')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a.b + 1')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a[0].b + 1')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '-$.a.b')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a.b.abs()')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a.keyvalue()')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a.type()')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a[*].type()')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.**.b')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.**{2}')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.**{3}')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', 'lax $.**{last}')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', 'strict $.**')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', 'strict $.**.b')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.** ? (@.type() == "number")')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.** ? (@ == 2)')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', 'strict $.** ? (@ == 2)')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a[*] ? (@.b > 1 || @.c > 1)')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', 'strict $.a[*] ? (@.b > 1 || @.c > 1)')
select jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', '$.a[*] ? (@.b > 1 && @.c > 1)')
select jsonb_path_query('"abc"', '$ ? (@ like_regex "B" flag "i")')
select jsonb_path_query('"abc"', '$ ? (@ like_regex "^[a-c]+$")')
select jsonb_path_query('"a+c"', '$ ? (@ like_regex "a+c" flag "q")')
select jsonb_path_query('"a+c"', '$ ? (@ like_regex "a+c")')
select jsonb_path_query('"A+C"', '$ ? (@ like_regex "a+c" flag "qi")')
select jsonb_path_query('["a", 1]', '$[*] ? (@ like_regex "a")')
select jsonb_path_query('["a", 1]', 'strict $[*] ? (@ like_regex "a")')
select jsonb_path_query('["a", 1]', 'strict $ ? (@[*] like_regex "a")')
select jsonb_path_query('["a", 1]', '$ ? (@[*] starts with "a")')
select jsonb_path_query('["a", 1]', 'strict $ ? (@[*] starts with "a")')
select jsonb_path_query('["ab", "b"]', '$[*] ? (@ starts with $p)', '{"p": "a"}')
select jsonb_path_query('["ab", "b"]', '$[*] ? (@ starts with $p)', '{"p": 1}')
select jsonb_path_query('["1.5", "abc", "1e400", "nan", "inf", " 2 "]', '$[*].double()', silent => true)
select jsonb_path_query('["1.5", " 2 ", "-0.000001", "123456789012345678"]', '$[*].double()')
select jsonb_path_query('"1e400"', '$.double()')
select jsonb_path_query('"nan"', '$.double()')
select jsonb_path_query('123456789012345678.123', '$.double()')
select jsonb_path_query('[1.5, -1.5, 2.5, -0.5]', '$[*].floor()')
select jsonb_path_query('[1.5, -1.5, 2.5, -0.5]', '$[*].ceiling()')
select jsonb_path_query('[1.5, -1.5, 2.5, -0.5]', '$[*].abs()')
select jsonb_path_query('[1.5, "x"]', '$[*].floor()', silent => true)
select jsonb_path_query('null', '$ == null')
select jsonb_path_query('null', '$ != null')
select jsonb_path_query('null', '$ < null')
select jsonb_path_query('null', '$ <= null')
select jsonb_path_query('true', '$ > false')
select jsonb_path_query('[true, false]', '$[*] ? (@ == false)')
select jsonb_path_query('"x"', '$ == "x"')
select jsonb_path_query('"é"', '$ > "z"')
select jsonb_path_query('"ab"', '$ > "a"')
select jsonb_path_query('[]', '$[*]')
select jsonb_path_query('[]', 'strict $[0]')
select jsonb_path_query('[]', '$[0]')
select jsonb_path_query('[]', '$.size()')
select jsonb_path_query('[]', '$[last]')
select jsonb_path_query('[]', 'strict $[last]')
select jsonb_path_query('{}', '$.*')
select jsonb_path_query('{}', '$.**')
select jsonb_path_query('1', '$ ? (@ == 1).type()')
select jsonb_path_query('1', '($ == 1).type()')
select jsonb_path_query('1', '(1 == 1)')
select jsonb_path_query('1', '"abc".type()')
select jsonb_path_query('1', '(1).size()')
select jsonb_path_query('1', 'null.type()')
select jsonb_path_query('1', 'true.type()')
select jsonb_path_query('1', '$.a ? (@ == 1)')
select jsonb_path_query('{"a": 1}', '$ ? (@.a == 1)')
select jsonb_path_query('{"a": 1}', '$ ? (@.a == 1 && $.a == 1)')
select jsonb_path_query('{"a": {"a": 2}}', '$.a ? (@.a == $.a.a)')
select jsonb_path_query('[1, 2, 3]', '$ ? (@.size() > 2)')
select jsonb_path_query('[1, 2, 3]', '$.size() ? (@ > 2)')
select jsonb_path_query_array('[1, 2, 3]', '$[*] ? (@ > 1) + 1')
select jsonb_path_query_array('[1, 2, 3]', '$[*] + $[0]')
select jsonb_path_query_array('{"a": [1, 2]}', 'strict $.a')
select jsonb_path_query_array('{"a": [1, 2]}', '$.a[*]')
select jsonb_path_query_first('[]', '$[*]')
select jsonb_path_exists('{"a": [1, 2, 3]}', 'strict $.a[*] ? (@ > 2)')
select jsonb_path_exists('{"a": [1, "x"]}', 'strict $.a[*] + 1')
select jsonb_path_exists('{"a": [1, "x"]}', 'lax $.a[*] + 1')
select jsonb_path_exists('{"a": [1, "x"]}', 'lax $.a[*] ? (@ + 1 > 0)')
select jsonb_path_match('[1, 2]', '$[*] > 1')
select jsonb_path_match('[1, 2]', 'strict $[*] > 1')
select jsonb_path_match('1', 'exists ($ ? (@ > 0))')
select jsonb_path_match('1', '$ ? (@ > 0)')
select jsonb_path_match('1', '$', silent => true)
select '[1, 2]'::jsonb @@ '$[*] == 2', '[1, 2]'::jsonb @@ 'strict $[*] == 2', '[1, 2]'::jsonb @@ '$[*] == 3'
select '[1, 2]'::jsonb @? '$[*] ? (@ == 2)', '[1, 2]'::jsonb @? 'strict $[5]', '[1, 2]'::jsonb @? '$[5]'
select '{"a": 1}'::jsonb @? '$.a / 0'
select jsonb_path_query('{"a": 1}', '$.a', '{"x": 1}', false)
select jsonb_path_query('{"a": 1}', '$x', '{"x": null}')
select jsonb_path_query('{"a": 1}', '$x + $y', '{"x": 1, "y": 2.5}')
select jsonb_path_query('{"a": 1}', '$x[*] ? (@ > $y)', '{"x": [1, 2, 3], "y": 1}')
select jsonb_path_query('{"a": 1}', '$x', '"s"')
select jsonb_path_query('{"a": 1}', '$', '[]')
select jsonb_path_query('{"a": 1}', '$.a', silent => false)
select p, p::text from (values ('$.a'::jsonpath), ('strict $[*] ? (@ > 1)')) v(p)
select jsonb_path_query('[{"a": 1}, {"a": 2}]', '$[*] ? (@.a > 1)'), 'x'
select j, jsonb_path_exists(j, '$.a ? (@ > 1)') from (values ('{"a": 1}'::jsonb), ('{"a": 2}'), ('{"b": 3}')) v(j)
select jsonb_path_query('{"a": [1, 2]}', '$.a[*]') as v order by 1 desc
# subscripts, last, self-comparison, exists with errors, three-valued logic, unary signs, arithmetic errors
select jsonb '[1]' @? 'lax $[10000000000000000]', jsonb '[1]' @? 'strict $[10000000000000000]'
select jsonb_path_query('[1]', 'lax $[10000000000000000]')
select jsonb_path_query('[1]', 'strict $[10000000000000000]')
select jsonb '[1]' @? '$[0.3]', jsonb '[1]' @? '$[0.9]', jsonb '[1]' @? '$[1.2]', jsonb '[1]' @? 'strict $[1.2]'
select jsonb '{"a": [1,2,3], "b": [3,4,"5"]}' @? '$ ? (@.a[*] >= @.b[*])', jsonb '{"a": [1,2,3], "b": [3,4,"5"]}' @? 'strict $ ? (@.a[*] >= @.b[*])'
select jsonb '{"a": [1,2,3], "b": [3,4,null]}' @? '$ ? (@.a[*] >= @.b[*])', jsonb '1' @? '$ ? ((@ == "1") is unknown)'
select jsonb_path_query('[12, {"a": 13}, {"b": 14}]', 'lax $[0 to 10 / 0].a')
select jsonb_path_query('[12, {"a": 13}, {"b": 14}, "ccc", true]', '$[2.5 - 1 to $.size() - 2]')
select jsonb_path_query('[]', '$[last ? (exists(last))]')
select jsonb_path_query('[1,2,3]', '$[last ? (@.type() == "number")]')
select jsonb_path_query('[1,2,3]', '$[last ? (@.type() == "string")]')
select jsonb_path_query('[1,2,3]', '$[last ? (@.type() == "string")]', silent => true)
select * from jsonb_path_query('{}', '$ ? (@ == @)')
select * from jsonb_path_query('[]', 'strict $ ? (@ == @)')
select * from jsonb_path_query('[1,"1",2,"2",null]', '$[*] ? (@ == $value)', '{"value" : null}')
select jsonb_path_query('{"a": {"b": 1}}', 'lax $.**{0 to last}')
select jsonb_path_query('{"a": {"c": {"b": 1}}}', 'lax $.**{1 to 2}.b ? (@ > 0)')
select jsonb_path_query('{"a": {"c": {"b": 1}}}', 'lax $.**{2 to 3}.b ? (@ > 0)')
select jsonb_path_query('{"g": [{"x": 2}, {"y": 3}]}', 'lax $.g ? (exists (@.x + "3"))')
select jsonb_path_query('{"g": [{"x": 2}, {"y": 3}]}', 'lax $.g ? ((exists (@.x + "3")) is unknown)')
select jsonb_path_query('{"g": [{"x": 2}, {"y": 3}]}', 'strict $.g[*] ? ((exists (@.x)) is unknown)')
select jsonb_path_query('{"g": [{"x": 2}, {"y": 3}]}', 'strict $.g ? ((exists (@[*].x)) is unknown)')
select jsonb_path_query('{"g": {"x": 2}}', '$.g ? (exists (@.x ? (@ >= 2) ))')
select x, y, jsonb_path_query('[true, false, null]', '$[*] ? (@ == true && ($x == true && $y == true) || @ == false && !($x == true && $y == true) || @ == null && ($x == true && $y == true) is unknown)', jsonb_build_object('x', x, 'y', y)) from (values (jsonb 'true'), ('false'), ('"null"')) x(x), (values (jsonb 'true'), ('false'), ('"null"')) y(y)
select x, y, jsonb_path_query('[true, false, null]', '$[*] ? (@ == true && ($x == true || $y == true) || @ == false && !($x == true || $y == true) || @ == null && ($x == true || $y == true) is unknown)', jsonb_build_object('x', x, 'y', y)) from (values (jsonb 'true'), ('false'), ('"null"')) x(x), (values (jsonb 'true'), ('false'), ('"null"')) y(y)
select jsonb '{"c": {"a": 1, "b":1}}' @? '$.c ? ($.c.a == @.b)', jsonb '{"c": {"a": 1, "b":1}}' @? '$.** ? (@.a == @.b)'
select jsonb_path_query('{"c": {"a": 2, "b":1}}', '$.** ? (@.a == 1 + 1)')
select jsonb_path_query('{"c": {"a": 2, "b":1}}', '$.** ? (@.a == (@.b + 1))')
select jsonb '{"c": {"a": -1, "b":1}}' @? '$.** ? (@.a == - @.b)', jsonb '{"c": {"a": 2, "b":1}}' @? '$.** ? (@.a == 1 - - @.b)', jsonb '{"c": {"a": 0, "b":1}}' @? '$.** ? (@.a == 1 - +@.b)'
select jsonb '[1,2,3]' @? '$ ? (+@[*] > +2)', jsonb '[1,2,3]' @? '$ ? (-@[*] < -3)', jsonb '1' @? '$ ? ($ > 0)'
select jsonb_path_query('[1,2,0,3]', '$[*] ? (2 / @ > 0)')
select jsonb_path_query('[1,2,0,3]', '$[*] ? ((2 / @ > 0) is unknown)')
select jsonb_path_query('0', '1 / $')
select jsonb_path_query('0', '1 / $ + 2')
select jsonb_path_query('0', '-(3 + 1 % $)')
select jsonb_path_query('1', '$ + "2"')
select jsonb_path_query('[1, 2]', '3 * $')
select jsonb_path_query('"a"', '-$')
select jsonb_path_query('[1,"2",3]', '+$')
select jsonb_path_query('[1,"2",3]', '+$', silent => true)
select jsonb '["1",2,0,3]' @? '-$[*]', jsonb '[1,"2",0,3]' @? '-$[*]', jsonb '["1",2,0,3]' @? 'strict -$[*]', jsonb '[1,"2",0,3]' @? 'strict -$[*]'
select jsonb_path_query('{"a": [2]}', 'lax $.a * 3')
select jsonb_path_query('{"a": [2, 3, 4]}', 'lax -$.a')
select jsonb_path_query('{"a": [1, 2]}', 'lax $.a * 3')
select jsonb_path_query('{"a": [1, 2]}', 'lax $.a * 3', silent => true)
select jsonb '2' @@ '1', jsonb '{}' @@ '$', jsonb '[]' @@ '$', jsonb '[1,2,3]' @@ '$[*]', jsonb '[]' @@ '$[*]'
select jsonb_path_match('[[1, true], [2, false]]', 'strict $[*] ? (@[0] > $x) [1]', '{"x": 1}')
select jsonb_path_match('[[1, true], [2, false]]', 'strict $[*] ? (@[0] < $x) [1]', '{"x": 2}')
select jsonb_path_match('[{"a": 1}, {"a": 2}, 3]', 'lax exists($[*].a)'), jsonb_path_match('[{"a": 1}, {"a": 2}, 3]', 'strict exists($[*].a)', silent => true)
select jsonb_path_query('[null,1,true,"a",[],{}]', 'lax $.type()')
select jsonb_path_query('null', '(123).type()')
select jsonb_path_query('{"a": 2}', '($.a - 5).abs() + 10')
select jsonb_path_query('{"a": 2.5}', '-($.a * $.a).floor() % 4.3')
select jsonb_path_query('[1, 2, 3]', '($[*] > 2) ? (@ == true)')
select jsonb_path_query('[1, 2, 3]', '($[*] > 3).type()')
select jsonb_path_query('[1, 2, 3]', '($[*].a > 3).type()')
select jsonb_path_query('[1, 2, 3]', 'strict ($[*].a > 3).type()')
select jsonb_path_query('[1,null,true,"11",[],[1],[1,2,3],{},{"a":1,"b":2}]', 'strict $[*].size()', silent => true)
select jsonb_path_query('[1,null,true,"11",[],[1],[1,2,3],{},{"a":1,"b":2}]', 'lax $[*].size()')
select jsonb_path_query('{"a": 1, "b": [1, 2], "c": {"a": "bbb"}}', '$.keyvalue()')
select jsonb_path_query('[{"a": 1, "b": [1, 2]}, {"c": {"a": "bbb"}}]', '$[*].keyvalue()')
select jsonb_path_query('[{"a": 1, "b": [1, 2]}, {"c": {"a": "bbb"}}]', 'lax $.keyvalue()')
select jsonb_path_query('[{"a": 1, "b": [1, 2]}, {"c": {"a": "bbb"}}]', 'strict $.keyvalue().a')
select jsonb '{"a": 1, "b": [1, 2]}' @? 'lax $.keyvalue().key'
select jsonb_path_query('"1.23aaa"', '$.double()')
select jsonb_path_query('"NaN"', '$.double()')
select jsonb_path_query('"-inf"', '$.double()', silent => true)
select jsonb_path_query('"1.2"', '$.ceiling()', silent => true)
select jsonb_path_query('["abc", "abcabc", null, 1]', 'strict $ ? ((@[*] starts with "abc") is unknown)')
select jsonb_path_query('[[null, 1, "abc", "abcabc"]]', 'lax $ ? (@[*] starts with "abc")')
select jsonb_path_query('[null, 1, "abd", "abdabc"]', 'lax $[*] ? ((@ starts with "abc") is unknown)')
select jsonb_path_query('[null, 1, "abc", "abd", "aBdC", "abdacb", "adc\nabc", "babc"]', 'lax $[*] ? (@ like_regex "^ab.*c")')
select jsonb_path_query('[null, 1, "abc", "abd", "aBdC", "abdacb", "adc\nabc", "babc"]', 'lax $[*] ? (@ like_regex "^ab.*c" flag "m")')
select jsonb_path_query('[null, 1, "abc", "abd", "aBdC", "abdacb", "adc\nabc", "babc"]', 'lax $[*] ? (@ like_regex "^ab.*c" flag "s")')
select jsonb_path_query('[null, 1, "abc", "abd", "aBdC", "abdacb", "adc\nabc", "babc"]', 'lax $[*] ? (@ like_regex "^a  b.*  c " flag "ix")')
select jsonb_path_query_array('[{"a": 1}, {"a": 2}, {"a": 3}, {"a": 5}]', '$[*].a ? (@ > $min && @ < $max)', vars => '{"min": 1, "max": 4}')
select jsonb_path_query_first('[{"a": 1}, {"a": 2}, {}]', 'strict $[*].a', silent => true)
select jsonb_path_query_first('[{"a": 1}, {"a": 2}, {}]', 'strict $[*].a')
select jsonb_path_query_array('[{"a": 1}, {"a": 2}, {}]', 'strict $[*].a')
# .datetime(template): to_timestamp's patterns in strict mode, the type from the template's fields
select jsonb_path_query('"2023-01-02"', '$.datetime("yyyy-mm-dd")')
select jsonb_path_query('"2023-01-02 12:34:56"', '$.datetime("yyyy-mm-dd HH24:MI:SS")')
select jsonb_path_query('"2023-01-02 12:34:56 +05:30"', '$.datetime("yyyy-mm-dd HH24:MI:SS TZH:TZM")')
select jsonb_path_query('"2023-01-02 12:34:56 -03"', '$.datetime("yyyy-mm-dd HH24:MI:SS TZH").type()')
select jsonb_path_query('"12:34"', '$.datetime("HH24:MI")')
select jsonb_path_query('"12:34 +02"', '$.datetime("HH24:MI TZH")')
select jsonb_path_query('"10-03-2017"', '$.datetime("dd-mm-yyyy").type()')
select jsonb_path_query('"10-03-2017 x"', '$.datetime("dd-mm-yyyy")')
select jsonb_path_query('"10-03-2017"', '$.datetime("dd-mm-yyyy HH24")')
select jsonb_path_query('"aaa"', '$.datetime("yyyy-mm-dd")')
select jsonb_path_query('"2017-13-10"', '$.datetime("yyyy-mm-dd")')
select jsonb_path_query('"2017-13-10"', 'lax $.datetime("yyyy-mm-dd")', '{}', true)
select jsonb_path_query('"2017-03-10 12:34:56.789"', '$.datetime("yyyy-mm-dd HH24:MI:SS.MS")')
select jsonb_path_query('"12/31/2020 11:00 PM"', '$.datetime("MM/DD/YYYY HH12:MI AM")')
select jsonb_path_query('["2017-03-10", "2017-03-11", "2017-03-09"]', '$[*].datetime("yyyy-mm-dd") ? (@ > "2017-03-10".datetime("yyyy-mm-dd"))')
select jsonb_path_query('["10.03.2017", "11.03.2017", "12.03.2017"]', '$[*] ? (@.datetime("dd.mm.yyyy") >= "2017-03-11".datetime())')
select jsonb_path_query_array('["12:30", "13:00", "11:59"]', '$[*].datetime("HH24:MI") ? (@ < "12:00:00".datetime())')
select to_timestamp('2023-01-02 12:34:56 +05:30', 'yyyy-mm-dd HH24:MI:SS TZH:TZM')
select to_timestamp('2023-01-02 12:34 -02', 'yyyy-mm-dd HH24:MI TZH')
