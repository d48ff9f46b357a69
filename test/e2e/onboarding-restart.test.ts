// An onboarding cut short by a crash is finished by the next process: the first process is killed while
// Salesforce has not answered (its action row left `running`, the Slack step done); a second process on the
// same data directory continues the run, provisions Salesforce once and never repeats the Slack step.
// Slack mode against the sandbox workspace running on its own, vendors as local stubs.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { until } from '../support/until.js';
import { afterEach, describe, expect, it } from 'vitest';
import { LAB_SALESFORCE_PROFILES, LAB_SLACK_GROUPS } from '../../src/lab/lab.js';
import { startSalesforceStub, type SalesforceStubState } from '../../src/lab/vendors/salesforce-stub.js';
import { startSlackScimStub, type SlackScimStubState } from '../../src/lab/vendors/slack-scim-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';
import { tempDataDir } from '../fakes/local-vigil.js';
import { startProcessSlack, startVigilProcess, type VigilProcess } from '../fakes/vigil-process.js';

let emulator: SlackEmulator | undefined;
let salesforce: RunningStub<SalesforceStubState> | undefined;
let scim: RunningStub<SlackScimStubState> | undefined;
const processes: VigilProcess[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.stop('SIGKILL');
  await emulator?.close();
  await salesforce?.close();
  await scim?.close();
});

describe('onboarding restart', () => {
  it('continues a run a crash interrupted: Salesforce provisioned once, the Slack step not repeated', async () => {
    const slack = await startProcessSlack((created) => (emulator = created));
    const { idpToken } = slack;
    salesforce = await startSalesforceStub({ profiles: LAB_SALESFORCE_PROFILES });
    scim = await startSlackScimStub({
      groups: LAB_SLACK_GROUPS.map((displayName, i) => ({ id: `S0GRP${i}`, displayName, members: [] })),
    });
    // Salesforce takes the user creation and never answers: the process dies waiting.
    salesforce.state.fail({ status: 500, hang: true, method: 'POST', path: /\/sobjects\/User$/ });
    const dataDir = tempDataDir();
    const env = {
      ...slack.env,
      VIGIL_DATA_DIR: dataDir,
      SALESFORCE_URL: salesforce.url,
      SALESFORCE_CLIENT_ID: salesforce.state.tokens.clientId,
      SALESFORCE_CLIENT_SECRET: salesforce.state.tokens.clientSecret,
      SALESFORCE_PROFILE_ID: '00eLAB000000002AAA',
      SLACK_SCIM_TOKEN: scim.state.token,
      SLACK_SCIM_URL: `${scim.url}/scim/v1`,
    };
    const db = () => new BetterSqlite3(path.join(dataDir, 'vigil.db'), { readonly: true });
    const actionStatus = () => {
      const conn = db();
      try {
        return Object.fromEntries(
          (
            conn.prepare('SELECT idempotency_key AS key, status FROM actions').all() as Array<{
              key: string;
              status: string;
            }>
          ).map((r) => [r.key, r.status]),
        );
      } finally {
        conn.close();
      }
    };

    const first = await startVigilProcess(env);
    processes.push(first);
    const res = await fetch(`${first.url}/idp/user-created`, {
      method: 'POST',
      headers: { authorization: `Bearer ${idpToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dana.ruiz@example.com', name: 'Dana Ruiz', role: 'sales' }),
    });
    expect(res.status).toBe(202);
    await until(() => salesforce?.state.received('POST', /\/sobjects\/User$/).length === 1);
    await until(() => actionStatus()['onboard:VIG-1:provision-slack'] === 'done');
    expect(await first.stop('SIGKILL')).toBeNull();
    expect(actionStatus()).toEqual({
      'onboard:VIG-1:provision-salesforce': 'running',
      'onboard:VIG-1:provision-slack': 'done',
    });

    const second = await startVigilProcess(env);
    processes.push(second);
    const { workspace } = slack.emulator;
    const summary = await workspace.waitFor(
      'message',
      (m) => m.text.startsWith('Summary:') && m.text.includes('Onboarded Dana Ruiz'),
    );
    expect(summary.text).toContain('Salesforce account: done; Slack account: done');
    expect(salesforce.state.received('POST', /\/sobjects\/User$/)).toHaveLength(2);
    expect(salesforce.state.users.get('dana.ruiz@example.com')?.ProfileId).toBe('00eLAB000000001AAA');
    expect(scim.state.received('POST', '/scim/v1/Users')).toHaveLength(1);
    expect(actionStatus()).toEqual({
      'onboard:VIG-1:provision-salesforce': 'done',
      'onboard:VIG-1:provision-slack': 'done',
    });
  });
});
