# ordered-set aggregates (orderedsetaggs.c): percentile_cont, percentile_disc, mode
SELECT g, percentile_cont(0.5) WITHIN GROUP (ORDER BY v), percentile_disc(0.5) WITHIN GROUP (ORDER BY v), mode() WITHIN GROUP (ORDER BY t) FROM (VALUES (1, 10, 1.5::float8, 'a'), (1, 20, 2.5, 'b'), (1, 30, null, 'b'), (1, null, 4.5, 'c'), (2, 5, 0.5, 'x'), (2, 5, 0.25, 'y'), (2, 7, 0.75, 'y'), (3, null, null, null)) os(g, v, f, t) GROUP BY g ORDER BY g
SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY f), percentile_cont(0.9) WITHIN GROUP (ORDER BY v DESC), percentile_disc(0) WITHIN GROUP (ORDER BY t), percentile_disc(1) WITHIN GROUP (ORDER BY t) FROM (VALUES (1, 10, 1.5::float8, 'a'), (1, 20, 2.5, 'b'), (1, 30, null, 'b'), (1, null, 4.5, 'c'), (2, 5, 0.5, 'x'), (2, 5, 0.25, 'y'), (2, 7, 0.75, 'y'), (3, null, null, null)) os(g, v, f, t)
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM generate_series(1, 4) x
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY x) FROM generate_series(1, 4) x
SELECT mode() WITHIN GROUP (ORDER BY x % 3) FROM generate_series(1, 10) x
SELECT g, mode() WITHIN GROUP (ORDER BY v) FILTER (WHERE v > 5) FROM (VALUES (1, 10, 1.5::float8, 'a'), (1, 20, 2.5, 'b'), (1, 30, null, 'b'), (1, null, 4.5, 'c'), (2, 5, 0.5, 'x'), (2, 5, 0.25, 'y'), (2, 7, 0.75, 'y'), (3, null, null, null)) os(g, v, f, t) GROUP BY g ORDER BY g
SELECT percentile_cont(null) WITHIN GROUP (ORDER BY v) FROM (VALUES (1, 10, 1.5::float8, 'a'), (1, 20, 2.5, 'b'), (1, 30, null, 'b'), (1, null, 4.5, 'c'), (2, 5, 0.5, 'x'), (2, 5, 0.25, 'y'), (2, 7, 0.75, 'y'), (3, null, null, null)) os(g, v, f, t)
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM (VALUES (1, 10, 1.5::float8, 'a'), (1, 20, 2.5, 'b'), (1, 30, null, 'b'), (1, null, 4.5, 'c'), (2, 5, 0.5, 'x'), (2, 5, 0.25, 'y'), (2, 7, 0.75, 'y'), (3, null, null, null)) os(g, v, f, t) WHERE false
SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY v) FROM (VALUES (1, 10, 1.5::float8, 'a'), (1, 20, 2.5, 'b'), (1, 30, null, 'b'), (1, null, 4.5, 'c'), (2, 5, 0.5, 'x'), (2, 5, 0.25, 'y'), (2, 7, 0.75, 'y'), (3, null, null, null)) os(g, v, f, t)
SELECT percentile_cont(0.5) FROM (VALUES (1, 10, 1.5::float8, 'a'), (1, 20, 2.5, 'b'), (1, 30, null, 'b'), (1, null, 4.5, 'c'), (2, 5, 0.5, 'x'), (2, 5, 0.25, 'y'), (2, 7, 0.75, 'y'), (3, null, null, null)) os(g, v, f, t)
SELECT mode(v) WITHIN GROUP (ORDER BY v) FROM (VALUES (1, 10, 1.5::float8, 'a'), (1, 20, 2.5, 'b'), (1, 30, null, 'b'), (1, null, 4.5, 'c'), (2, 5, 0.5, 'x'), (2, 5, 0.25, 'y'), (2, 7, 0.75, 'y'), (3, null, null, null)) os(g, v, f, t)
# the interval form and the array forms (percentile_*_multi_final)
SELECT percentile_cont(0.4) WITHIN GROUP (ORDER BY v) FROM (VALUES (interval '1 day'), (interval '3 days 2 hours'), (interval '1 month')) t(v)
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v), percentile_cont(0.33) WITHIN GROUP (ORDER BY v DESC) FROM (VALUES (interval '1 month 3 days'), (interval '1 day 5 hours'), (null)) t(v)
SELECT percentile_cont(array[0.1, 0.5, null, 1]) WITHIN GROUP (ORDER BY v) FROM generate_series(1, 10) v
SELECT percentile_disc(array[[0.1, 0.5], [0.9, 1]]) WITHIN GROUP (ORDER BY v) FROM generate_series(1, 10) v
SELECT percentile_cont(array[0.1, 0.5]) WITHIN GROUP (ORDER BY v) FROM (VALUES (interval '1 day'), (interval '3 days 2 hours')) t(v)
SELECT pg_typeof(percentile_cont(array[0.5]) WITHIN GROUP (ORDER BY v::interval)), pg_typeof(percentile_disc(array[0.5]) WITHIN GROUP (ORDER BY v)) FROM (VALUES ('1 day')) t(v)
SELECT percentile_disc(array[0.1]) WITHIN GROUP (ORDER BY v) FROM generate_series(1, 0) v
SELECT percentile_disc('{}'::float8[]) WITHIN GROUP (ORDER BY v) FROM generate_series(1, 3) v
SELECT percentile_disc('[2:3]={0.2,0.9}'::float8[]) WITHIN GROUP (ORDER BY v::text) FROM generate_series(1, 3) v
SELECT g, percentile_disc(array[0, 0.5, 1]) WITHIN GROUP (ORDER BY t), percentile_cont(array[0.25]) WITHIN GROUP (ORDER BY f) FROM (VALUES (1, 10, 1.5::float8, 'a'), (1, 20, 2.5, 'b'), (1, 30, null, 'b'), (2, 5, 0.5, 'x'), (2, 7, 0.75, 'y'), (3, null, null, null)) os(g, v, f, t) GROUP BY g ORDER BY g
SELECT percentile_cont('{0.2,2}'::float8[]) WITHIN GROUP (ORDER BY v) FROM generate_series(1, 3) v
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM (VALUES (interval '178000000 years'), (interval '-178000000 years')) t(v)
