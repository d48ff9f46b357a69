// Google Cloud Asset Inventory records as Security Command Center's asset stream reads them: a feed message
// (`asset`, `priorAsset`, `window`) or one asset. Elastic's google_scc asset pipeline makes the asset's full
// resource name (`//<service>.googleapis.com/...`) the host, so that is the one indicator reported.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'google_scc.asset';
/** A full resource name: `//compute.googleapis.com/projects/p/zones/z/instances/i`. */
const RESOURCE_NAME = /^\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.googleapis\.com\/\S+$/;
/** An asset type: `compute.googleapis.com/Instance`. */
const ASSET_TYPE = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.googleapis\.com\/[A-Za-z0-9]+$/;

const Asset = z.object({
  name: z.string().regex(RESOURCE_NAME),
  assetType: z.string().regex(ASSET_TYPE),
  updateTime: z.string().nullish().catch(null),
});
type Asset = z.infer<typeof Asset>;

const FeedMessage = z.object({
  asset: Asset,
  priorAssetState: z.string().nullish().catch(null),
  window: z
    .object({ startTime: z.string().nullish().catch(null) })
    .nullish()
    .catch(null),
});

interface AssetRecord {
  asset: Asset;
  state: string | null;
  time: string | null | undefined;
}

/** The asset a payload carries (a feed message's `asset`, or the payload itself); null for anything else. */
function read(raw: unknown): AssetRecord | null {
  if (!isObject(raw)) return null;
  if ('asset' in raw) {
    const m = FeedMessage.safeParse(raw);
    if (!m.success) return null;
    const { asset } = m.data;
    return {
      asset,
      state: m.data.priorAssetState ?? null,
      time: asset.updateTime ?? m.data.window?.startTime,
    };
  }
  if (!('assetType' in raw)) return null;
  const a = Asset.safeParse(raw);
  return a.success ? { asset: a.data, state: null, time: a.data.updateTime } : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Cloud Asset Inventory record');
  const obs = new ObservablesBuilder();
  obs.host(r.asset.name);
  const change = r.state ? ` (prior state ${r.state})` : '';
  return parserAlert(NAME, NAME, obs, {
    title: `GCP asset ${r.asset.assetType} ${r.asset.name}${change}`,
    severity: 'info',
    observedAt: toIsoTime(r.time),
    ruleId: r.asset.assetType,
  });
}

export const googleSccAssetParser: Parser = {
  name: NAME,
  claims: { keys: ['asset', 'assetType'], text: false },
  detect: detectorOf(read),
  parse,
};
