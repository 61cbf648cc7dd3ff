# Set-returning functions in FROM and the select list: OUT columns, fewer arguments than pg_proc has (defaults)
select * from pg_get_keywords() where word in ('abort', 'all', 'between', 'char', 'authorization', 'year') order by word
select catcode, catdesc, barelabel, baredesc, count(*) from pg_get_keywords() group by 1, 2, 3, 4 order by 1, 3
select word from pg_get_keywords() order by word limit 3
select * from pg_options_to_table(array['fillfactor=70', 'autovacuum_enabled', 'a=b=c', '=x'])
select * from pg_options_to_table(null)
select pg_options_to_table(array['x=1'])
select * from pg_options_to_table(array['a=1', null])
select * from jsonb_path_query('{"a":[1,2,3]}', '$.a[*] ? (@ > 1)')
select * from jsonb_path_query('{"a":[1,2,3]}', '$.a[*] ? (@ > $x)', '{"x":2}')
select * from jsonb_path_query('{"a":[1,2,3]}', '$.b', '{}', true)
select * from unnest(array[1,2], array['a','b','c']) with ordinality
select * from generate_subscripts(array[1,2,3], 1)
