// One replica in the blocklist race test, run as a worker thread: its own connection on the shared SQLite
// file, adding the same IPs as its peer, each round started at a barrier the two share.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { openDatabase } from '../../db/client.js';
import { BlocklistRepository } from '../../db/repositories/blocklist.js';

const Job = z.object({
  file: z.string(),
  replica: z.number().int(),
  /** One IP a round, the same list for both replicas. */
  ips: z.array(z.string()),
  barrier: z.instanceof(SharedArrayBuffer),
});
export type Job = z.infer<typeof Job>;

/** What one add() did: put the IP on the list, found it there already, or failed with this message. */
export type Outcome = 'added' | 'kept' | { error: string };

const job = Job.parse(workerData);
const db = openDatabase(job.file);
const repo = new BlocklistRepository(db.orm);
const barrier = new Int32Array(job.barrier);
const outcomes: Outcome[] = [];
for (const [round, ip] of job.ips.entries()) {
  // Both replicas arrive before either goes on, so each round's two adds overlap.
  Atomics.add(barrier, 0, 1);
  while (Atomics.load(barrier, 0) < 2 * (round + 1));
  try {
    const added = repo.add({
      ip,
      caseId: job.replica,
      actionId: `act_${job.replica}_${round}`,
      addedAt: '2026-11-22T00:00:00.000Z',
      expiresAt: `2026-11-23T0${job.replica}:00:00.000Z`,
    });
    outcomes.push(added ? 'added' : 'kept');
  } catch (error) {
    outcomes.push({ error: error instanceof Error ? error.message : String(error) });
  }
}
db.close();
parentPort?.postMessage(outcomes);
