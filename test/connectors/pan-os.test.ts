// PAN-OS against its local stub: the shared contract, the User-ID uid-messages that register and
// unregister the block tag, timeouts from the block's expiry, and PAN-OS's errors inside HTTP 200 answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_TAG_TIMEOUT_SEC, PanOs, parsePanOsConfig } from '../../connectors/pan-os.js';
import { startPanOsStub, type PanOsStubState } from '../../src/lab/vendors/pan-os-stub.js';
import type { RunningStub } from '../../src/lab/vendors/stub-server.js';
import { describeVendorContract } from './contract.js';
import { connectorError, NOW, testRuntime, type TestRuntime } from './support.js';

const inHours = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();
const BLOCK = { ip: '203.0.113.7', caseId: 3, actionId: 'act_fw_1', expiresAt: inHours(24) };

async function start(runtime: TestRuntime) {
  const stub = await startPanOsStub();
  const config = parsePanOsConfig({ PANOS_URL: stub.url, PANOS_API_KEY: stub.state.apiKey });
  if (!config) throw new Error('config expected');
  return { stub, connector: new PanOs(config, runtime.deps), secrets: [stub.state.apiKey] };
}

describeVendorContract<PanOsStubState, PanOs>({
  vendor: 'pan-os',
  start,
  read: { call: (fw) => fw.blockIp(BLOCK), method: 'POST', path: '/api/' },
  refuseCredentials: (state) => {
    state.apiKey = 'LUFRPT1another-key-000000000000==';
  },
});

describe('pan-os: requests and answers', () => {
  let stub: RunningStub<PanOsStubState>;
  let fw: PanOs;
  beforeEach(async () => {
    ({ stub, connector: fw } = await start(testRuntime()));
  });
  afterEach(() => stub.close());

  it('registers the block tag with a uid-message, the key in X-PAN-KEY and never in the URL', async () => {
    expect(await fw.blockIp(BLOCK)).toEqual({
      ip: '203.0.113.7',
      alreadyBlocked: false,
      enforcedBy: 'pan-os:vigil-blocked',
    });
    const [request] = stub.state.requests;
    expect(request?.headers['x-pan-key']).toBe(stub.state.apiKey);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...(request?.query.keys() ?? [])]).toEqual([]);
    const form = new URLSearchParams(request?.body);
    expect(form.get('type')).toBe('user-id');
    expect(form.get('vsys')).toBe('vsys1');
    expect(form.get('cmd')).toBe(
      '<uid-message><version>2.0</version><type>update</type><payload><register>' +
        '<entry ip="203.0.113.7" persistent="1"><tag><member timeout="86400">vigil-blocked</member></tag></entry>' +
        '</register></payload></uid-message>',
    );
    expect(stub.state.registered.get('203.0.113.7')?.get('vigil-blocked')).toEqual({
      timeout: 86_400,
      persistent: true,
    });
  });

  it('registers without a timeout when the block has no expiry', async () => {
    await fw.blockIp({ ...BLOCK, expiresAt: null });
    expect(stub.state.registered.get('203.0.113.7')?.get('vigil-blocked')?.timeout).toBeNull();
  });

  it('caps the timeout at PAN-OS’s 30-day maximum', async () => {
    await fw.blockIp({ ...BLOCK, expiresAt: inHours(24 * 90) });
    expect(stub.state.registered.get('203.0.113.7')?.get('vigil-blocked')?.timeout).toBe(MAX_TAG_TIMEOUT_SEC);
  });

  it('refuses an expiry in the past without calling the firewall', async () => {
    const error = await connectorError(fw.blockIp({ ...BLOCK, expiresAt: inHours(-1) }));
    expect(error.code).toBe('bad_request');
    expect(stub.state.requests).toHaveLength(0);
  });

  it('reports an IP that was already tagged as already blocked (PAN-OS’s "already exists, ignore" error)', async () => {
    await fw.blockIp(BLOCK);
    expect(await fw.blockIp(BLOCK)).toMatchObject({ alreadyBlocked: true });
  });

  it('unregisters the tag to unblock, and says when there was nothing to remove', async () => {
    await fw.blockIp(BLOCK);
    expect(await fw.unblockIp(BLOCK)).toEqual({
      ip: '203.0.113.7',
      wasBlocked: true,
      enforcedBy: 'pan-os:vigil-blocked',
    });
    expect(stub.state.registered.has('203.0.113.7')).toBe(false);
    expect(await fw.unblockIp(BLOCK)).toMatchObject({ wasBlocked: false });
  });

  it('refuses a value that is not an IP address (no XML can be smuggled in) without calling the firewall', async () => {
    const error = await connectorError(fw.blockIp({ ...BLOCK, ip: '1.2.3.4"/><entry ip="5.6.7.8' }));
    expect(error.code).toBe('bad_request');
    expect(stub.state.requests).toHaveLength(0);
  });

  it('treats an internal error reported inside an HTTP 200 answer as a retryable server_error', async () => {
    const body =
      '<response status="error" code="5"><result><msg>Timed out while getting config lock</msg></result></response>';
    stub.state.fail({ status: 200, body, times: 3 });
    const error = await connectorError(fw.blockIp(BLOCK));
    expect(error).toMatchObject({ code: 'server_error', status: 200, vendorCode: '5' });
    expect(error.message).toContain('Timed out while getting config lock');
    expect(stub.state.requests).toHaveLength(3);
  });

  it('maps a malformed XML answer to invalid_response', async () => {
    stub.state.fail({ status: 200, body: '<response status="success"><result>', times: 3 });
    expect((await connectorError(fw.blockIp(BLOCK))).code).toBe('invalid_response');
  });
});
