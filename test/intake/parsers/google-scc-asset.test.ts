// The Cloud Asset Inventory parser (google_scc asset stream) on synthetic feed messages and assets: the
// asset's full resource name is the host, as Elastic's google_scc asset pipeline maps it.
import { describe, expect, it } from 'vitest';
import { googleSccAssetParser } from '../../../src/intake/parsers/google-scc-asset.js';
import { registryClaims } from './registry-claims.js';

const instance = {
  name: '//compute.googleapis.com/projects/demo-proj/zones/europe-west1-b/instances/web-vm-1',
  assetType: 'compute.googleapis.com/Instance',
  ancestors: ['projects/111111', 'organizations/222222'],
  resource: { version: 'v1', data: { name: 'web-vm-1', status: 'RUNNING' }, location: 'europe-west1-b' },
  updateTime: '2024-05-06T07:08:09.123456Z',
};

const feed = {
  asset: instance,
  priorAsset: { ...instance, updateTime: '2024-05-05T07:08:09Z' },
  priorAssetState: 'PRESENT',
  window: { startTime: '2024-05-06T07:08:09.123456Z' },
};

const policy = {
  name: '//cloudresourcemanager.googleapis.com/projects/demo-proj',
  assetType: 'cloudresourcemanager.googleapis.com/Project',
  iamPolicy: { bindings: [{ role: 'roles/viewer', members: ['user:pat@example.com'] }] },
  updateTime: '2024-05-06T08:00:00Z',
};

describe('Google Cloud asset parser', () => {
  it('reads a feed message: the asset name is the host, the asset type the rule', () => {
    expect(googleSccAssetParser.detect(feed)).toBe(true);
    const alert = googleSccAssetParser.parse(feed);
    expect(alert.observables.hosts).toEqual([instance.name]);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.ruleId).toBe('compute.googleapis.com/Instance');
    expect(alert.severity).toBe('info');
    expect(alert.observedAt).toBe('2024-05-06T07:08:09.123Z');
    expect(alert.title).toContain('prior state PRESENT');
  });

  it('reads a bare asset and does not report IAM policy members as users', () => {
    expect(googleSccAssetParser.detect(policy)).toBe(true);
    const o = googleSccAssetParser.parse(policy).observables;
    expect(o.hosts).toEqual(['//cloudresourcemanager.googleapis.com/projects/demo-proj']);
    expect(o.users).toEqual([]);
  });

  it('does not claim an empty asset list, placeholder assets, findings or text', () => {
    expect(googleSccAssetParser.detect({ assets: [], readTime: '2024-05-06T08:00:00Z', totalSize: 0 })).toBe(
      false,
    );
    expect(googleSccAssetParser.detect({ name: 'string', assetType: 'string' })).toBe(false);
    expect(googleSccAssetParser.detect({ finding: { name: 'organizations/1/sources/2/findings/3' } })).toBe(
      false,
    );
    expect(googleSccAssetParser.detect('//compute.googleapis.com/projects/p')).toBe(false);
    expect(googleSccAssetParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these assets', () => {
    for (const sample of [feed, instance, policy]) {
      expect(registryClaims(sample, googleSccAssetParser.name).others).toEqual([]);
    }
  });
});
