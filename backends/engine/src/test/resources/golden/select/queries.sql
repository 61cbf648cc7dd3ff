# SELECT without tables: VALUES, generate_series, joins, subqueries, CTEs, windows, grouping. One Query per line.
values (1, 'a'), (2, 'b'), (3, null) order by 1 desc
select * from (values (1, 'one'), (2, 'two')) as t(n, name) where n > 1
select column1, column2 from (values (1.5, true), (2, false)) v order by column1
select * from generate_series(1, 5) g
select g, g * 2 as twice from generate_series(1, 10, 3) as g
select * from generate_series(5, 1, -2) with ordinality as t(v, i)
select sum(x), count(*), count(x), avg(x), min(x), max(x) from (values (1), (2), (null), (4)) v(x)
select count(*) from generate_series(1, 1000)
select k, count(*), sum(v) from (values ('a', 1), ('b', 2), ('a', 3), (null, 4)) t(k, v) group by k order by k
select k, sum(v) from (values ('a', 1), ('b', 2), ('a', 3)) t(k, v) group by k having sum(v) > 2
select k % 3 as m, count(*) from generate_series(1, 10) k group by 1 order by m
select a, b, sum(c) from (values ('x', 1, 10), ('x', 2, 20), ('y', 1, 5)) t(a, b, c) group by rollup (a, b) order by a, b
select a, b, sum(c), grouping(a, b) from (values ('x', 1, 10), ('x', 2, 20), ('y', 1, 5)) t(a, b, c) group by cube (a, b) order by a, b
select a, sum(c) from (values ('x', 1, 10), ('y', 1, 5)) t(a, b, c) group by grouping sets ((a), ()) order by a
select distinct x from (values (3), (1), (3), (null), (1)) v(x) order by x
select distinct on (k) k, v from (values (1, 'b'), (1, 'a'), (2, 'c')) t(k, v) order by k, v
select x from (values (1), (2), (3), (4), (5)) v(x) order by x desc limit 2 offset 1
select x from (values (5), (4), (4), (4), (3)) v(x) order by x desc fetch first 2 rows with ties
select x from (values (3), (null), (1)) v(x) order by x nulls first
select x from (values (3), (null), (1)) v(x) order by x desc nulls last
select 1 union select 2 union select 1 order by 1
select 1 union all select 1 union all select 2 order by 1
select x from (values (1), (2), (2), (3)) a(x) intersect select y from (values (2), (3), (4)) b(y) order by 1
select x from (values (1), (2), (2), (3)) a(x) except select y from (values (3)) b(y) order by 1
select x from (values (1), (2), (2), (3)) a(x) except all select y from (values (2)) b(y) order by 1
select * from (values (1, 'a'), (2, 'b')) a(id, x) join (values (1, 'p'), (3, 'q')) b(id, y) on a.id = b.id
select * from (values (1, 'a'), (2, 'b')) a(id, x) left join (values (1, 'p'), (3, 'q')) b(id, y) on a.id = b.id order by a.id
select * from (values (1, 'a'), (2, 'b')) a(id, x) right join (values (1, 'p'), (3, 'q')) b(id, y) on a.id = b.id order by b.id
select * from (values (1, 'a'), (2, 'b')) a(id, x) full join (values (1, 'p'), (3, 'q')) b(id, y) on a.id = b.id order by a.id, b.id
select * from (values (1, 'a'), (2, 'b')) a(id, x) join (values (1, 'p'), (3, 'q')) b(id, y) using (id)
select * from (values (1, 'a'), (2, 'b')) a(id, x) full join (values (1, 'p'), (3, 'q')) b(id, y) using (id) order by id
select * from (values (1, 'a')) a(id, x) natural join (values (1, 'p')) b(id, y)
select a.x, b.y from (values (1), (2)) a(x), (values (10), (20)) b(y) order by 1, 2
select a.x, b.y from (values (1), (2)) a(x) cross join (values (10)) b(y) where a.x < b.y order by 1
select a.x, b.y from (values (1), (5)) a(x) join (values (3), (7)) b(y) on a.x < b.y order by 1, 2
select a.n, s from (values (1), (3)) a(n), lateral generate_series(1, a.n) s order by 1, 2
select a.n, t.m from (values (1), (2)) a(n) cross join lateral (select a.n * 10 as m) t order by 1
select a.n, t.m from (values (1), (2)) a(n) left join lateral (select m from (values (10)) v(m) where m < a.n * 6) t on true order by 1
select (select 42)
select x, (select max(y) from (values (1), (5)) b(y) where y > x) from (values (0), (3), (9)) a(x) order by x
select x from (values (1), (2), (3)) a(x) where x in (select y from (values (2), (3), (4)) b(y)) order by x
select x from (values (1), (2), (3)) a(x) where x not in (select y from (values (2)) b(y)) order by x
select x from (values (1), (2), (3)) a(x) where exists (select 1 from (values (2), (3)) b(y) where y = x) order by x
select x from (values (1), (2), (3)) a(x) where not exists (select 1 from (values (2), (3)) b(y) where y = x)
select x from (values (1), (2), (3)) a(x) where x > all (select y from (values (1), (2)) b(y))
select x from (values (1), (2), (3)) a(x) where x = any (select y from (values (1), (3)) b(y)) order by x
select (select y from (values (1), (2)) b(y))
with t as (select 1 as a, 'x' as b) select * from t
with t(n) as (values (1), (2)), u as (select n * 10 as m from t) select * from u order by m
with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select * from r
with recursive fib(a, b) as (select 0, 1 union all select b, a + b from fib where b < 50) select a from fib
with recursive r(n) as (select 1 union all select n + 1 from r) select * from r limit 3
with recursive r(n) as (values (1) union select n % 3 + 1 from r) select * from r order by n
select x, row_number() over (order by x), rank() over (order by x), dense_rank() over (order by x) from (values (10), (20), (20), (30)) v(x) order by x
select k, v, sum(v) over (partition by k order by v), count(*) over (partition by k) from (values ('a', 1), ('a', 2), ('b', 5)) t(k, v) order by k, v
select v, lag(v) over w, lead(v, 1, 0) over w, first_value(v) over w, last_value(v) over w from (values (1), (2), (3)) t(v) window w as (order by v) order by v
select v, sum(v) over (order by v rows between 1 preceding and 1 following) from generate_series(1, 5) v order by v
select v, avg(v) over (order by v range between 1 preceding and current row) from (values (1), (2), (4), (5)) t(v) order by v
select v, ntile(2) over (order by v), percent_rank() over (order by v), cume_dist() over (order by v) from generate_series(1, 5) v order by v
select k, sum(v), rank() over (order by sum(v) desc) from (values ('a', 1), ('b', 5), ('c', 3), ('a', 4)) t(k, v) group by k order by k
select string_agg(s, ',' order by s desc) from (values ('a'), ('c'), ('b')) t(s)
select count(distinct x), sum(distinct x) from (values (1), (1), (2), (null)) t(x)
select count(*) filter (where x > 1), sum(x) filter (where x < 3) from generate_series(1, 4) x
select bool_and(b), bool_or(b), every(b) from (values (true), (false), (null::boolean)) t(b)
select x from (values (1), (2)) v(x) where x = 3
select 1 where false
select max(x) from (values (1)) v(x) where x > 5
select count(*) from (values (1)) v(x) where x > 5
select * from (select * from (values (1, 2)) a(x, y)) b
select t.* from (values (1, 'a')) t(x, y)
select x + 1 as y from (values (1), (2)) v(x) order by y desc
select x from (values (1)) v(x) group by x having count(*) > 0
select y from (values (1)) v(x)
select v.y from (values (1)) v(x)
select w.x from (values (1)) v(x)
select x from (values (1)) a(x), (values (2)) b(x)
select x, count(*) from (values (1), (2)) v(x)
select x from (values (1)) v(x) order by 2
select 1 union select 'a'
select 1, 2 union select 1
select sum(x) from (values (1)) v(x) where sum(x) > 0
select * from (values (1)) v(x) limit -1
select (select x from (values (1), (2)) v(x))
select * from (values (1), (2)) a(x) full join (values (2)) b(y) on a.x < b.y
select * from (select 1)
select row_number() from (values (1)) v(x)
select x from generate_series(1, 3) x order by x limit 1 offset -1
select * from nonexistent_table
with recursive r(n) as (select 1 union all select n + 1.5 from r where n < 5) select * from r
