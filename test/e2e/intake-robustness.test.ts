// Property: whatever arrives at POST /alerts (random bytes, hostile JSON, deep nesting, huge strings,
// invalid UTF-8, prototype-pollution keys) is stored and ends normalised or unparsed; Vigil neither crashes
// nor hangs, and answers with one of its documented statuses.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

let t: LocalVigil;
beforeAll(async () => {
  t = await startLocalVigil({ env: { VIGIL_INTAKE_MAX_BYTES: String(8 * 1024 * 1024) } });
});
afterAll(async () => {
  await t.stop();
});

const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

const hostileBodies = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  fc.jsonValue({ maxDepth: 6 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  fc.string({ maxLength: 2000 }).map((text) => Buffer.from(text)),
  fc.constantFrom(
    Buffer.from(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "src_ip": "203.0.113.1"}',
    ),
    Buffer.from(deepJson(10_000)),
    Buffer.from(deepArray(10_000)),
    Buffer.from(JSON.stringify({ title: 'x'.repeat(5_000_000), src_ip: '198.51.100.1' })),
    Buffer.from(`src=${'1.'.repeat(200_000)}1 msg=${'a'.repeat(100_000)}`),
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
    Buffer.from('\u0000\u0001\u0002 src=10.0.0.1'),
  ),
);
const contentTypes = fc.constantFrom(
  'application/json',
  'application/x-ndjson',
  'text/plain',
  'application/octet-stream',
  undefined,
);

describe('intake robustness', () => {
  it('stores every hostile payload and ends it normalised or unparsed, without crashing or hanging', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBodies, contentTypes, async (body, contentType) => {
        const before = (t.vigil.db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number })
          .n;
        const headers: Record<string, string> = { authorization: `Bearer ${t.vigil.intakeToken}` };
        if (contentType) headers['content-type'] = contentType;
        const res = await fetch(`${t.vigil.url}/alerts`, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(20_000),
        });
        expect([202, 400, 413]).toContain(res.status);
        const stuck = t.vigil.db.sqlite
          .prepare("SELECT count(*) AS n FROM alerts WHERE status = 'received'")
          .get() as { n: number };
        const after = (t.vigil.db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number })
          .n;
        expect(stuck.n).toBe(0);
        if (res.status !== 413) expect(after).toBeGreaterThan(before);
        expect(Reflect.get(Object.prototype, 'polluted')).toBeUndefined();
      }),
      { numRuns: 120, seed: 20261121 },
    );
    expect((await fetch(`${t.vigil.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
