# interval input with a field range: SQL's '1' MINUTE, '1:30' MINUTE TO SECOND, bare numbers read right to left (DecodeInterval)
select '1'::interval minute, interval '1' minute, interval '1:30' minute to second, '90'::interval hour, interval '1 day 2 hours' hour
select interval '2' year, interval '14' month, interval '14' year to month, interval '3' day, interval '5' day to hour, interval '5' hour to minute, interval '5' day to minute, interval '5' second, interval '5' minute to second, interval '7' hour to second
select interval '1:30' hour to minute, interval '1:30' minute, interval '1:30:15' minute to second, interval '1 2' day to hour, interval '1 2:03' day to minute, interval '1:30.5' minute to second
select interval '1.5' minute, interval '1.5' hour, interval '-3' minute, '1'::interval(2)
select interval '3 4' minute
select interval '1 2' hour
select interval '1 2' minute
select interval '1 2' second
select interval '1 2' year
select interval '1 2 3' second
select interval '1 2:03' minute
select interval '1 2' day
select interval '1 2' day to second
select interval '1 2' month
select interval '5 1' hour to minute
select '1'::interval, '1:30'::interval, '1.5'::interval
select '1 2 hours'::interval, '1 2:00'::interval, '1 day 2'::interval, '1 2 hours 3'::interval, '1 2 h'::interval, interval '1 day 2' hour
select interval '1 2 minutes'
select interval '1 2 3:00'
select interval '1 2'
select interval '3 1 day'
select '7'::interval minute, cast('2:30' as interval minute), '1 1'::interval day to hour, '100'::interval year to month
