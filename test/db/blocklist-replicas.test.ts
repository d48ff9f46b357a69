// BlocklistRepository.add across replicas: two connections on one SQLite file (two worker threads, as two
// Vigil processes would be) add the same IPs at the same moment, round after round.
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import { openDatabase } from '../../db/client.js';
import { BlocklistRepository } from '../../db/repositories/blocklist.js';
import type { Job, Outcome } from '../fakes/blocklist-replica.js';
import { tempDataDir } from '../fakes/local-vigil.js';

const Outcomes = z.array(z.union([z.literal('added'), z.literal('kept'), z.object({ error: z.string() })]));

function replica(job: Job): Promise<Outcome[]> {
  // A worker thread does not inherit the TypeScript loader: it registers tsx itself, then loads the replica.
  const script = new URL('../fakes/blocklist-replica.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: unknown) => resolve(Outcomes.parse(message)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`replica ${job.replica} exited with ${code}`)));
  });
}

it('two replicas adding (or renewing a lapsed) IP at once: one adds it, the other finds it, neither fails', async () => {
  const dir = tempDataDir();
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'vigil.db');
  const rounds = 400;
  const ips = Array.from({ length: rounds }, (_, round) => `10.${round >> 8}.${round & 255}.7`);
  // Migrated once, before the replicas open it; every other IP has a block that lapsed yesterday.
  const seed = openDatabase(file);
  const lapsed = new BlocklistRepository(seed.orm);
  for (const ip of ips.filter((_, round) => round % 2 === 1))
    lapsed.add({ ip, addedAt: '2026-11-20T00:00:00.000Z', expiresAt: '2026-11-21T00:00:00.000Z' });
  seed.close();
  const barrier = new SharedArrayBuffer(4);
  const [a, b] = await Promise.all([
    replica({ file, replica: 1, ips, barrier }),
    replica({ file, replica: 2, ips, barrier }),
  ]);
  expect([...(a ?? []), ...(b ?? [])].filter((o) => typeof o !== 'string')).toEqual([]);
  const added = Array.from({ length: rounds }, (_, round) =>
    [a?.[round], b?.[round]].filter((o) => o === 'added'),
  );
  expect(added.filter((both) => both.length !== 1)).toEqual([]);
  // The list holds each IP once, blocked until the later of the two expiries.
  const db = openDatabase(file);
  const entries = new BlocklistRepository(db.orm).active('2026-11-22T12:00:00.000Z');
  db.close();
  expect(entries).toHaveLength(rounds);
  expect(new Set(entries.map((e) => e.expiresAt))).toEqual(new Set(['2026-11-23T02:00:00.000Z']));
});
