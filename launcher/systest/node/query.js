// node-postgres against a server: a parameterized query, as the issue asks.
// Usage: node query.js HOST PORT USER DATABASE
const { Client } = require('pg');
const [host, port, user, database] = process.argv.slice(2);
(async () => {
  const c = new Client({ host, port: Number(port), user, database });
  await c.connect();
  const r = await c.query('SELECT $1::int4 + 1 AS n, $2::text AS t', [41, 'tusk']);
  console.log(JSON.stringify(r.rows[0]));
  const pid = await c.query('SELECT pg_backend_pid() AS pid');
  console.log('pid ' + pid.rows[0].pid);
  await c.end();
})().catch(e => { console.error('ERROR ' + (e.code || '') + ' ' + e.message); process.exit(1); });
