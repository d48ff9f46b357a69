// The identity routes in Slack mode (a real Vigil process): each takes a token of its own, never the intake
// token, and is off, saying how to turn it on, when its variable is unset. The banner names the variables
// and never prints an operator's token.
import { afterEach, expect, it } from 'vitest';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';
import { tempDataDir } from '../fakes/local-vigil.js';
import { freePort, startProcessSlack, startVigilProcess, type VigilProcess } from '../fakes/vigil-process.js';

let emulator: SlackEmulator | undefined;
const processes: VigilProcess[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.stop('SIGKILL');
  await emulator?.close();
  emulator = undefined;
});

const call = (url: string, method: 'GET' | 'POST', token: string, body?: unknown) =>
  fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

it('turns /idp/user-created and /hr/offboard off when their tokens are unset, and says how to turn them on', async () => {
  const slack = await startProcessSlack((created) => (emulator = created));
  const { VIGIL_IDP_TOKEN: _idp, VIGIL_HR_TOKEN: _hr, ...env } = slack.env;
  const vigil = await startVigilProcess({ ...env, VIGIL_DATA_DIR: tempDataDir() });
  processes.push(vigil);
  expect(vigil.output()).toContain(
    `POST ${vigil.url}/idp/user-created   off (set VIGIL_IDP_TOKEN to turn it on)`,
  );
  expect(vigil.output()).toContain(`POST ${vigil.url}/hr/offboard   off (set VIGIL_HR_TOKEN to turn it on)`);

  const person = { email: 'dana.ruiz@example.com', name: 'Dana Ruiz', role: 'sales' };
  const onboard = await call(`${vigil.url}/idp/user-created`, 'POST', slack.intakeToken, person);
  expect(onboard.status).toBe(404);
  expect(await onboard.json()).toEqual({
    ok: false,
    code: 'not_enabled',
    message:
      'POST /idp/user-created is off: set VIGIL_IDP_TOKEN to a random secret of at least 24 characters and have your identity provider send it as "Authorization: Bearer <VIGIL_IDP_TOKEN>".',
  });
  const verify = await call(`${vigil.url}/idp/user-created`, 'GET', slack.intakeToken);
  expect(verify.status).toBe(404);
  const offboard = await call(`${vigil.url}/hr/offboard`, 'POST', slack.intakeToken, {
    email: 'victor@vigil-sandbox.test',
  });
  expect(offboard.status).toBe(404);
  expect(((await offboard.json()) as { message: string }).message).toContain('set VIGIL_HR_TOKEN');
  // Intake itself is unaffected.
  const alert = await call(`${vigil.url}/alerts`, 'POST', slack.intakeToken, {
    title: 'x',
    src_ip: '198.51.100.9',
  });
  expect(alert.status).toBe(202);
});

it('takes each identity route’s own token only, and prints none of them', async () => {
  const slack = await startProcessSlack((created) => (emulator = created));
  const vigil = await startVigilProcess({ ...slack.env, VIGIL_DATA_DIR: tempDataDir() });
  processes.push(vigil);
  expect(vigil.output()).toContain('(Authorization: Bearer <VIGIL_IDP_TOKEN>)');
  expect(vigil.output()).toContain('(Authorization: Bearer <VIGIL_HR_TOKEN>)');
  for (const token of [slack.intakeToken, slack.idpToken, slack.hrToken]) {
    expect(vigil.output()).not.toContain(token);
  }
  const offboarding = { email: 'victor@vigil-sandbox.test' };
  const hr = `${vigil.url}/hr/offboard`;
  expect((await call(hr, 'POST', slack.intakeToken, offboarding)).status).toBe(401);
  expect((await call(hr, 'POST', slack.idpToken, offboarding)).status).toBe(401);
  expect((await call(hr, 'POST', slack.hrToken, offboarding)).status).toBe(202);
  const idp = `${vigil.url}/idp/user-created`;
  const challenge = (token: string) =>
    fetch(idp, { headers: { authorization: `Bearer ${token}`, 'x-okta-verification-challenge': 'c1' } });
  expect((await challenge(slack.intakeToken)).status).toBe(401);
  expect((await challenge(slack.hrToken)).status).toBe(401);
  expect(await (await challenge(slack.idpToken)).json()).toEqual({ verification: 'c1' });
});

it('prints in local mode the tokens it generated, never one the operator set', async () => {
  const intakeToken = 'operator-intake-token-0123456789';
  const vigil = await startVigilProcess({
    PORT: String(await freePort()),
    VIGIL_DATA_DIR: tempDataDir(),
    VIGIL_LAB: 'off',
    VIGIL_INTAKE_TOKEN: intakeToken,
  });
  processes.push(vigil);
  expect(vigil.output()).not.toContain(intakeToken);
  expect(vigil.output()).toContain('(Authorization: Bearer <VIGIL_INTAKE_TOKEN>)');
  expect(vigil.output()).toMatch(/idp\/user-created {3}\(Authorization: Bearer [0-9a-f]{48}\)/);
});
