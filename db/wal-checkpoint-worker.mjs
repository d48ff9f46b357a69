// The thread behind wal-checkpointer.ts: on its own connections it copies committed WAL frames into each
// database file, with the fsyncs that go with it, so the thread that writes never stops for a checkpoint.
// Plain JavaScript, so it starts the same under tsx, the `vigil` command and Vitest.
import { clearInterval, setInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ files: Array<{ file: string, synchronous: number }>, intervalMs: number, restartFrames: number, busyTimeoutMs: number }} */
const { files, intervalMs, restartFrames, busyTimeoutMs } = workerData;

/** @type {ReturnType<typeof setInterval> | undefined} */
let timer;

/** Closes the connections and the port; with no timer left, the thread then ends. */
function stop() {
  clearInterval(timer);
  for (const db of connections) if (db.open) db.close();
  parentPort?.close();
}

/** Tells the writer's side what failed (an error object does not cross threads whole) and stops. */
function fail(what, error) {
  parentPort?.postMessage({
    type: 'error',
    message: `${what}: ${error instanceof Error ? error.message : String(error)}`,
  });
  stop();
}

/** @type {Database.Database[]} */
const connections = [];
for (const { file, synchronous } of files) {
  try {
    const db = new Database(file, { fileMustExist: true });
    connections.push(db);
    // Checkpoints sync as the writing connection would have (NORMAL or FULL).
    db.pragma(`synchronous = ${Number(synchronous)}`);
    db.pragma(`busy_timeout = ${Number(busyTimeoutMs)}`);
  } catch (error) {
    fail(`cannot open ${file}`, error);
    break;
  }
}

/**
 * A passive checkpoint never waits for the writer. While writes keep coming, though, the WAL may never be wholly
 * copied at a moment the writer starts a transaction, and only then does SQLite start the WAL over: past
 * `restartFrames` a RESTART checkpoint waits (up to the busy timeout) for the writer and readers, so the next write
 * starts the WAL over. It holds the writer back only for the frames the passive pass left.
 */
function checkpoint() {
  for (const db of connections) {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result && result.log >= restartFrames) db.pragma('wal_checkpoint(RESTART)');
  }
}

// Only once every connection is open: a file that could not be opened has been reported by `fail` already.
timer =
  connections.length === files.length
    ? setInterval(() => {
        try {
          checkpoint();
        } catch (error) {
          fail('checkpoint failed', error);
        }
      }, intervalMs)
    : undefined;

parentPort?.on('message', (message) => {
  if (message === 'close') stop();
});
