// The Falcon connector on a local Falcon stub holding `devices`: what tests that isolate hosts need.
import { CrowdStrikeFalcon, parseFalconConfig } from '../../connectors/crowdstrike-falcon.js';
import { startFalconStub, type FalconStubDevice } from '../../src/lab/vendors/falcon-stub.js';

/** The stub and a connector on it; the caller closes the stub. */
export async function labFalcon(devices: FalconStubDevice[]) {
  const stub = await startFalconStub({ devices });
  const config = parseFalconConfig({
    FALCON_CLIENT_ID: stub.state.tokens.clientId,
    FALCON_CLIENT_SECRET: stub.state.tokens.clientSecret,
    FALCON_BASE_URL: stub.url,
  });
  if (!config) throw new Error('falcon config expected');
  return { stub, edr: new CrowdStrikeFalcon(config) };
}
