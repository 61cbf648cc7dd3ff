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
select x, array_agg_test from (select 1 as x, 2 as array_agg_test) s
select a.x, b.cnt from (values (1), (2), (3)) a(x) left join lateral (select count(*) as cnt from generate_series(1, a.x) g where g > 1) b on true order by a.x
select x, (select count(*) from (values (1), (2), (3)) b(y) where y <= a.x) as c from (values (1), (3)) a(x) order by x
select x from (values (1), (2), (3), (4)) a(x) where x % 2 = 0 and exists (select 1 from (values (4)) b(y) where y = a.x)
with a as (select 1 as n), b as (select n + 1 as n from a), c as (select n * 10 as n from b) select * from a, b, c
with recursive t(n, path) as (select 1, '1' union all select n + 1, path || '>' || (n + 1) from t where n < 4) select path from t order by n desc
select k, max(v) - min(v) as spread, count(distinct v) from (values (1, 5), (1, 9), (2, 3), (2, 3)) t(k, v) group by k order by spread desc
select k, v, row_number() over (partition by k order by v desc) as rn from (values (1, 5), (1, 9), (2, 3)) t(k, v) order by k, rn
select * from (select k, v, rank() over (partition by k order by v) as r from (values (1, 5), (1, 9), (2, 3), (2, 1)) t(k, v)) s where r = 1 order by k
select sum(x) over (), x from generate_series(1, 3) x order by x
select x, sum(x) over (order by x groups between 1 preceding and current row exclude current row) from (values (1), (1), (2), (3)) v(x) order by x
select x, first_value(x) over (order by x rows between 1 following and 2 following) from generate_series(1, 4) x order by x
select a.x, b.y, c.z from (values (1), (2)) a(x) join (values (1), (2)) b(y) on a.x = b.y join (values (2), (3)) c(z) on b.y = c.z
select a.x, b.y from (values (1), (2), (null)) a(x) left join (values (2), (null)) b(y) on a.x = b.y order by 1, 2
select * from (values (1, 'a')) a(x, s) join (values (1, 'b')) b(x, s) using (x, s)
select count(*) from generate_series(1, 100) a, generate_series(1, 100) b where a = b + 1
select x, case when x > 1 then 'big' else 'small' end from (values (1), (2)) v(x) order by x
select distinct k % 2 as parity from generate_series(1, 5) k order by parity
select k, string_agg(v, '-' order by v) from (values (1, 'b'), (1, 'a'), (2, 'z')) t(k, v) group by k order by k
select avg(x), avg(x::float8), sum(x::numeric) from generate_series(1, 4) x
select x from (values (1), (2), (3)) v(x) order by x desc offset 1 fetch next 1 row only
select x, y from (values (1, 2), (1, 1), (0, 5)) v(x, y) order by x, y desc
select 'a' || x from generate_series(1, 2) x union all select 'b' order by 1
(select 1 as a limit 1) union all (select 2 order by 1) order by a desc
select * from (select 1 as x union select 2) s(y) order by y
select x from (values (1), (2)) v(x) where x > (select avg(y) from (values (1), (2)) w(y))
select (select string_agg(y::text, ',') from (values (1), (2)) w(y) where y >= x) from (values (1), (2)) v(x) order by 1
select count(*) filter (where x is null), count(x) from (values (1), (null), (null)) v(x)
select k, grouping(k), count(*) from (values (1), (1), (2)) v(k) group by grouping sets (k, ()) order by k
select x, lag(x, 2, -1) over (order by x), lead(x, -1) over (order by x) from generate_series(1, 4) x order by x
select x from (values (1)) v(x) where x in (1, 2)
select x from (values (1), (2)) a(x) where x not in (select y from (values (1), (null)) b(y))
select x from (values (1), (2)) a(x) where x in (select * from (values (2)) b(y) where b.y = a.x)
select ntile(3) over (order by x), x from generate_series(1, 7) x order by x
select max(x), min(x), count(*) from (values ('b'), ('a'), ('c')) v(x)
select unnest(array[1, 2, 3])
select * from unnest(array['a', 'b']) with ordinality u(v, n)
select x, array_length(array[x, x], 1) from generate_series(1, 2) x
select y from (select x as y from (values (1), (2)) v(x)) s where y in (select 2)
select * from (values (1), (2)) a(x) where a.x = any(array[2, 3])
select sum(x) from (values (1), (2)) v(x) group by () having sum(x) > 1
select x from generate_series(1, 3) x group by x having x > 1 order by x
select 1 from (values (1)) v(x) group by x having y > 0
select x, count(*) over w from (values (1), (2)) v(x) window w as (order by x) order by x
select * from generate_series(1, 2) a join generate_series(1, 2) b on true order by a, b
select * from (values (1)) a(x) join (values (1)) b(x) on x = 1
select a.* , b.* from (values (1)) a(x) full join (values (2)) b(y) on a.x = b.y order by 1, 2
select generate_series(1, 3), generate_series(1, 2)
select x, generate_series(1, x) from (values (1), (2)) v(x) order by 1, 2
select generate_series(1, 2) + 10 as g order by g desc
select * from (values (1)) v(x) where generate_series(1, 2) > 1
select count(*) from (select generate_series(1, 5)) s
select x, (select (select x + y from (values (10)) c(z) limit 1) from (values (1)) b(y)) from (values (1), (2)) a(x) order by x
select a.x, b.y from (values (1), (2)) a(x) left join (values (1, 'p')) b(k, y) on a.x = b.k where b.y is null
select a.x, b.y from (values (1), (2)) a(x) left join (values (1, 'p'), (2, null)) b(k, y) on a.x = b.k and b.y is not null order by 1
select sum(x) as s from generate_series(1, 4) x having sum(x) > 5
select k, count(*) from (values (1), (2), (2)) v(k) group by k order by count(*) desc, k
select x % 2 as p, sum(x) from generate_series(1, 5) x group by x % 2 order by sum(x)
select x, sum(x) over (order by x), max(x) over () from generate_series(1, 3) x order by x desc
select k, sum(v), sum(sum(v)) over () from (values (1, 2), (1, 3), (2, 4)) t(k, v) group by k order by k
select distinct x % 3 from generate_series(1, 10) x order by x % 3 desc
select x from generate_series(1, 5) x order by x limit all
select x from generate_series(1, 5) x order by x limit null offset 3
select x from generate_series(1, 5) x order by x offset 2 rows fetch first 2 rows only
select * from (values (1, 2.5), (2, 3)) v(a, b) order by b
select 1 as a union select 2.5 order by 1
with t as (select generate_series(1, 3) as n) select a.n, b.n from t a join t b on a.n = b.n + 1 order by 1
with recursive r(n, s) as (select 1, 1 union all select r.n + 1, r.s + v.k from r join (values (10)) v(k) on true where r.n < 3) select * from r
select a.x, b.y, c.z from (values (1), (2)) a(x), lateral (select a.x * 2 as y) b, lateral (select b.y + a.x as z) c order by 1
select a, b, count(*) from (values (1, 1), (1, 2), (2, 1)) t(a, b) group by grouping sets ((a, b), (a), ()) order by a, b
select count(*) from (select 1 from generate_series(1, 10) g where g > 5) s
select x from (values (1), (2), (3)) v(x) where x between 2 and 3 and x <> 3
select x, y from (values (1, 'a')) a(x, s) cross join lateral (select s || x as y) b
select * from (select x, row_number() over (order by x desc) from generate_series(1, 3) x) s order by 2
select min(x), max(x) from (values ('2020-01-02'::date), ('2019-05-01'::date)) v(x)
select x::text || '!' from generate_series(1, 2) x order by 1 desc
select coalesce(b.y, 0) from (values (1), (2)) a(x) left join (values (1, 5)) b(k, y) on a.x = b.k order by 1
select count(*), count(distinct k) from (values (1), (1), (null)) v(k) group by ()
select (select count(*) from generate_series(1, x)) from generate_series(1, 3) x order by 1
select x from generate_series(1, 3) x where x = (select max(y) from generate_series(1, x) y where y < 3)
select * from (values (1)) a(x) where exists (select * from (values (2)) b(y) where y > x and exists (select 1 where a.x = 1))
