// The baseline for bench:intake: a bare node:http server doing one better-sqlite3 insert per request,
// with the same SQLite settings Vigil uses. Prints its port on stdout once listening.
import http from 'node:http';
import BetterSqlite3 from 'better-sqlite3';

const file = process.argv[2];
if (!file) throw new Error('usage: bare-server <sqlite file>');
const db = new BetterSqlite3(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 10000');
db.exec(
  'CREATE TABLE IF NOT EXISTS alerts (id INTEGER PRIMARY KEY, raw BLOB NOT NULL, received_at TEXT NOT NULL)',
);
const insert = db.prepare('INSERT INTO alerts (raw, received_at) VALUES (?, ?)');

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const info = insert.run(Buffer.concat(chunks), new Date().toISOString());
    const body = JSON.stringify({ ok: true, id: Number(info.lastInsertRowid) });
    res.writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
