# geometric types (typesstr): text I/O as float8out prints, operators, functions, fixed-length subscripts
SELECT f1, f1[0], f1[1], f1[2] FROM (VALUES ('(0.0,0.0)'::point), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'), ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0'), (NULL)) AS geo_pts(f1)
SELECT f1, f1 <-> point '(0,1)' AS d FROM (VALUES ('(0.0,0.0)'::point), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'), ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0'), (NULL)) AS geo_pts(f1) WHERE f1 IS NOT NULL AND f1[0] < 100 ORDER BY 2, f1[1]
SELECT count(*) FROM (VALUES ('(0.0,0.0)'::point), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'), ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0'), (NULL)) AS geo_pts(f1) WHERE f1 <@ box '(0,0,100,100)'
SELECT count(*) FROM (VALUES ('(0.0,0.0)'::point), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'), ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0'), (NULL)) AS geo_pts(f1) WHERE box '(0,0,100,100)' @> f1
SELECT count(*) FROM (VALUES ('(0.0,0.0)'::point), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'), ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0'), (NULL)) AS geo_pts(f1) WHERE f1 <@ polygon '(0,0),(0,100),(100,100),(50,50),(100,0),(0,0)'
SELECT count(*) FROM (VALUES ('(0.0,0.0)'::point), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'), ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0'), (NULL)) AS geo_pts(f1) WHERE f1 <@ circle '<(50,50),50>'
SELECT count(*) FROM (VALUES ('(0.0,0.0)'::point), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'), ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0'), (NULL)) AS p(f1) WHERE p.f1 << '(0.0, 0.0)'
SELECT count(*) FROM (VALUES ('(0.0,0.0)'::point), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'), ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0'), (NULL)) AS p(f1) WHERE p.f1 >> '(0.0, 0.0)'
SELECT count(*) FROM (VALUES ('(0.0,0.0)'::point), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'), ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0'), (NULL)) AS p(f1) WHERE p.f1 <<| '(0.0, 0.0)'
SELECT count(*) FROM (VALUES ('(0.0,0.0)'::point), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'), ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0'), (NULL)) AS p(f1) WHERE p.f1 |>> '(0.0, 0.0)'
SELECT count(*) FROM (VALUES ('(0.0,0.0)'::point), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'), ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0'), (NULL)) AS p(f1) WHERE p.f1 ~= '(-5, -12)'
SELECT '(1,2),(3,0)'::box, '((3,4),(1,2))'::box, '1,2,3,4'::box, box(point '(5,1)', point '(2,7)')
SELECT '[(1,2),(3,4)]'::lseg, '(1,2),(3,4)'::lseg, '{1,2,3}'::line, '[(0,0),(1,1)]'::line, '(0,0),(0,1)'::line, '(1,5),(3,5)'::line
SELECT '(1,2),(3,4)'::path, '[(1,2),(3,4)]'::path, '((1,2),(3,4),(5,6))'::path, '1,2,3,4'::path
SELECT '(1,3),(2,4)'::polygon, '((0,0),(1,1),(2,0))'::polygon, '<(1,2),3>'::circle, '((1,2),3)'::circle, '1,2,3'::circle
SELECT '(1,2'::point
SELECT 'abc'::box
SELECT '{0,0,1}'::line
SELECT '(1,1),(1,1)'::line
SELECT '<(1,2),-1>'::circle
SELECT '(1e400,1)'::point
SELECT point(1,2) <-> point(4,6), circle(point(1,1), 2.5), polygon(box '(0,0,2,2)'), circle(box '(0,0,2,2)')
SELECT area(box '(0,0,2,3)'), center(box '(0,0,2,3)'), area(circle '<(0,0),1>'), width(box '(0,0,2,3)'), height(box '(0,0,2,3)'), diameter(circle '<(0,0),1>'), radius(circle '<(0,0),1>')
SELECT (box '(1,2),(3,4)')[0], (box '(1,2),(3,4)')[1][0], (lseg '[(1,2),(3,4)]')[1], (line '{1,2,3}')[2]
SELECT point '(1,2)' ?- point '(3,2)', point '(1,2)' ?| point '(1,5)', point '(1,2)' ~= point '(1.0000001,2)'
SELECT point '(1,2)' + point '(3,4)', point '(1,2)' - point '(3,4)', point '(1,2)' * point '(3,4)', point '(1,2)' / point '(3,4)'
SELECT box '(0,0,2,2)' && box '(1,1,3,3)', box '(0,0,2,2)' @> box '(1,1,1.5,1.5)', box '(0,0,2,2)' # box '(1,1,3,3)', box '(0,0,2,2)' # box '(5,5,6,6)'
SELECT box '(0,0,1,1)' << box '(2,2,3,3)', box '(0,0,1,1)' &< box '(2,2,3,3)', box '(0,0,1,1)' <<| box '(2,2,3,3)', box '(0,0,1,1)' ~= box '(1,1,0,0)'
SELECT polygon '(0,0),(0,10),(10,10),(10,0)' @> polygon '(1,1),(1,2),(2,2)', polygon '(0,0),(0,10),(10,10),(10,0)' && polygon '(5,5),(5,20),(20,20)', polygon '(0,0),(1,1),(2,0)' ~= polygon '(2,0),(1,1),(0,0)'
SELECT polygon '(1000,0,0,1000)' <-> point '(0,0)', circle '<(500,500),500>' && circle '<(0,0),1>', circle '<(0,0),10>' @> circle '<(1,1),1>', circle '<(5,5),1>' <-> point '(0,0)'
SELECT npoints(polygon '(0,0),(1,1),(2,0)'), npoints(path '[(0,0),(1,1)]'), length(path '((0,0),(3,4),(3,0))'), area(path '((0,0),(3,4),(3,0))'), isclosed(path '[(0,0),(1,1)]'), pclose(path '[(0,0),(1,1)]'), popen(path '((0,0),(1,1))')
SELECT box(circle '<(0,0),2>'), polygon(4, circle '<(0,0),2>'), circle(polygon '(0,0),(0,2),(2,2),(2,0)'), center(polygon '(0,0),(0,2),(2,2),(2,0)')
SELECT lseg '[(0,0),(2,2)]' # lseg '[(0,2),(2,0)]', lseg '[(0,0),(2,2)]' ?# lseg '[(0,2),(2,0)]', length(lseg '[(0,0),(3,4)]'), lseg '[(0,0),(0,2)]' ?| lseg '[(1,0),(1,2)]', point '(1,1)' <-> lseg '[(0,0),(0,2)]'
SELECT line '{1,-1,0}' # line '{1,1,-2}', line '{1,-1,0}' ?|| line '{1,-1,5}', line '{1,-1,0}' <-> line '{1,-1,5}', point '(0,5)' <-> line '{1,-1,0}', line(point '(0,0)', point '(2,4)')
SELECT point '(1,2)' <-> box '(3,3),(4,4)', box '(0,0,1,1)' <-> box '(3,3,4,4)', @@ box '(0,0,2,2)', @@ circle '<(1,1),5>', slope(point '(0,0)', point '(2,4)')
SELECT circle '<(0,0),1>' = circle '<(5,5),1>', circle '<(0,0),1>' < circle '<(0,0),2>', box '(0,0,1,1)' = box '(5,5,6,6)'
