# json of timestamptz values printed in the session's TimeZone, by functions and aggregates alike
SET TimeZone = 'Europe/Paris'
select to_json('2024-01-01 09:00:00+00'::timestamptz), to_jsonb('2024-07-01 09:00:00+00'::timestamptz)
select json_agg(t), jsonb_agg(t) from (values ('2024-01-01 09:00:00+00'::timestamptz), ('2024-07-01 09:00:00.5+00')) v(t)
select json_object_agg('k', t), jsonb_object_agg('k', t) from (values ('2024-01-01 09:00:00+00'::timestamptz)) v(t)
select json_agg(row(t)), json_agg(json_build_object('a', t)) from (values ('2024-01-01 09:00:00+00'::timestamptz)) v(t)
select json_agg(t) over () from (values ('2024-01-01 09:00:00+00'::timestamptz)) v(t)
SET TimeZone = 'America/New_York'
select json_agg(t), jsonb_agg(array[t]) from (values ('2024-01-01 09:00:00+00'::timestamptz)) v(t)
