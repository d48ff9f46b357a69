// WAL checkpoints on a background thread. SQLite's automatic checkpoint runs on the connection that commits, right
// after the commit: the writing thread (Vigil's event loop) copies the WAL into the database file and waits for its
// fsyncs. Measured in bench:intake that was about an eighth of Vigil's CPU per new alert, on the one thread every
// request waits for. Here a worker thread checkpoints on its own connections instead, every `intervalMs`; the
// writing connections keep an automatic checkpoint only as a backstop, far above what the worker lets build up,
// and go back to their own setting if the worker stops.
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

export interface WalCheckpointerOptions {
  /** Time between two checkpoints (default 200 ms). */
  intervalMs?: number;
  /** WAL frames past which a checkpoint waits for the writer so the WAL starts over (default 10,000). */
  restartFrames?: number;
  /** Told once if the worker fails; the connections then checkpoint themselves again. */
  onError?: (error: Error) => void;
}

export interface WalCheckpointer {
  /** The database files it checkpoints. */
  readonly files: readonly string[];
  /** Stops the worker and closes its connections (before the writers close, so the last close removes the WAL). */
  close(): Promise<void>;
}

/** The writers' automatic checkpoint while the worker runs: only if the worker falls far behind (160 MiB). */
const BACKSTOP_PAGES = 40_000;
/** How long a RESTART checkpoint may wait for the writer before it gives up until the next round. */
const RESTART_BUSY_TIMEOUT_MS = 1_000;

/** Starts checkpointing the file-backed WAL databases among `connections`; a no-op for none. */
export function startWalCheckpointer(
  connections: readonly BetterSqlite3.Database[],
  options: WalCheckpointerOptions = {},
): WalCheckpointer {
  const writers = connections.filter(
    (db) => !db.memory && db.pragma('journal_mode', { simple: true }) === 'wal',
  );
  if (!writers.length) return { files: [], close: () => Promise.resolve() };
  const files = writers.map((db) => ({
    file: db.name,
    synchronous: Number(db.pragma('synchronous', { simple: true })),
  }));
  const own = writers.map((db) => Number(db.pragma('wal_autocheckpoint', { simple: true })));
  const worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), {
    workerData: {
      files,
      intervalMs: options.intervalMs ?? 200,
      restartFrames: options.restartFrames ?? 10_000,
      busyTimeoutMs: RESTART_BUSY_TIMEOUT_MS,
    },
  });
  worker.unref();
  for (const db of writers) db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);

  let running = true;
  const fallBack = (error: Error) => {
    if (!running) return;
    running = false;
    writers.forEach((db, i) => {
      if (db.open) db.pragma(`wal_autocheckpoint = ${own[i]}`);
    });
    options.onError?.(error);
  };
  worker.on('error', (error: unknown) =>
    fallBack(
      new Error(
        `the WAL checkpoint thread failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    ),
  );
  worker.on('message', (message: { type?: string; message?: string }) => {
    if (message.type === 'error') fallBack(new Error(`background WAL checkpoint: ${message.message}`));
  });
  worker.on('exit', (code) => fallBack(new Error(`the WAL checkpoint thread exited (code ${code})`)));

  return {
    files: files.map((f) => f.file),
    close: () => {
      if (!running) return Promise.resolve();
      running = false;
      return new Promise<void>((resolve) => {
        // Referenced again so the process waits for the worker to close its connections.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      });
    },
  };
}
