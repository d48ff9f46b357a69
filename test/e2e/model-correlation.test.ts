// Correlation after the model-backed extractor: a payload no parser recognised is refined by the model (a
// local OpenAI-compatible stub) during triage, and a later alert sharing only a user or host the model found
// is linked to that open case, as one sharing what intake read is; and an IOC hit on another indicator is its
// own case, which the model is asked about.
import { expect, it } from 'vitest';
import type { LocalVigil } from '../fakes/local-vigil.js';
import { extractionRequests, modelVigil } from '../fakes/model-vigil.js';
import type { OpenAiStub } from '../fakes/openai-stub.js';

let t: LocalVigil;
let model: OpenAiStub;
const withModel = modelVigil();

// The heuristic reads only the address from this; the model adds the user (pseudonymised as <email_1> on
// the way out and mapped back) and the host.
const UNRECOGNISED = JSON.stringify({
  evt: 'vpn-anomaly',
  who: 'r.diaz@corp.example',
  peer: '203.0.113.50',
  box: 'edge-vpn-02',
});

it('links a later alert that shares only a user or host the model found to the open case', async () => {
  ({ t, model } = await withModel(() => ({
    content: {
      title: 'VPN anomaly for <email_1>',
      severity: 'high',
      src_ips: ['203.0.113.50'],
      dst_ips: [],
      users: ['<email_1>'],
      hosts: ['edge-vpn-02'],
      domains: [],
    },
  })));
  const first = await t.postAlert(UNRECOGNISED);
  expect(first.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-1', relation: 'opened' })]);
  // Triage refined the alert with the model and stopped for approval: the case is open.
  await t.approvalCard();
  expect(extractionRequests(model)).toHaveLength(1);

  const byHost = await t.postAlert(
    JSON.stringify({ title: 'EDR: unsigned binary', host: 'edge-vpn-02', src_ip: '192.0.2.99' }),
  );
  expect(byHost.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-1', relation: 'linked' })]);
  const byUser = await t.postAlert(
    JSON.stringify({ title: 'Mailbox rule created', user: 'r.diaz@corp.example', src_ip: '192.0.2.98' }),
  );
  expect(byUser.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-1', relation: 'linked' })]);
  const cases = t.vigil.db.sqlite.prepare('SELECT count(*) AS n FROM cases').get();
  expect(cases).toEqual({ n: 1 });
});

it('opens a case for a second unrecognised IOC hit on another address, and asks the model about it', async () => {
  ({ t, model } = await withModel((request) => {
    const shown = String(request.messages.at(-1)?.content ?? '');
    const ip = /\b\d{1,3}(?:\.\d{1,3}){3}\b/.exec(shown)?.[0];
    return {
      content: {
        title: null,
        severity: null,
        src_ips: ip ? [ip] : [],
        dst_ips: [],
        users: [],
        hosts: [],
        domains: [],
      },
    };
  }));
  const first = await t.postAlert(JSON.stringify({ kind: 'ioc-hit', indicator: '203.0.113.20' }));
  const second = await t.postAlert(JSON.stringify({ kind: 'ioc-hit', indicator: '198.51.100.9' }));
  const again = await t.postAlert(JSON.stringify({ kind: 'ioc-hit', indicator: '198.51.100.9' }));
  await t.vigil.drain();
  expect(first.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-1', relation: 'opened' })]);
  // Another address, another incident: not a repeat of VIG-1. The same address again is a repeat.
  expect(second.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-2', relation: 'opened' })]);
  expect(again.json.alerts).toEqual([expect.objectContaining({ case: 'VIG-2', relation: 'repeat' })]);
  expect(extractionRequests(model)).toHaveLength(2);
});
