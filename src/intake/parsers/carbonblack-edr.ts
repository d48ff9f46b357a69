// VMware Carbon Black EDR (on-premises, formerly Cb Response) Event Forwarder JSON: binary, ingress, feed and
// watchlist hit records, bare or in an agent's `{"json": …}` envelope. Mapped as Elastic's `carbonblack_edr`
// pipeline maps them: only the sensor's host name is an indicator (no address or user is mapped).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'carbonblack_edr';
const FORMAT = 'carbonblack_edr.log';

/** The Event Forwarder's record types (`type`), e.g. `ingress.event.netconn`, `alert.watchlist.hit.query.process`. */
const EVENT_TYPE = /^(?:alert|binaryinfo|binarystore|feed|watchlist|ingress)\.[a-z0-9_.]+$/;

/** One process or binary document of a feed or watchlist hit (`docs`). */
const HitDoc = z.object({
  hostname: TextField,
  endpoint: z
    .union([z.string(), z.array(z.string())])
    .nullish()
    .catch(undefined),
  md5: TextField,
  process_md5: TextField,
  parent_md5: TextField,
  process_name: TextField,
  observed_filename: z.array(z.string()).nullish().catch(undefined),
  timestamp: TextField,
});
type HitDoc = z.infer<typeof HitDoc>;

const CbEdrRecord = z.object({
  type: z.string().regex(EVENT_TYPE).optional().catch(undefined),
  cb_server: TextField,
  server_name: TextField,
  cb_version: TextField,
  hostname: TextField,
  md5: TextField,
  process_md5: TextField,
  timestamp: z.union([z.number(), z.string()]).nullish().catch(undefined),
  event_timestamp: z.union([z.number(), z.string()]).nullish().catch(undefined),
  watchlist_id: TextField,
  watchlist_name: TextField,
  feed_id: TextField,
  feed_name: TextField,
  report_id: TextField,
  report_score: z.union([z.number(), z.string()]).nullish().catch(undefined),
  alert_severity: z.union([z.number(), z.string()]).nullish().catch(undefined),
  ioc_type: TextField,
  ioc_value: TextField,
  process_name: TextField,
  docs: z
    .union([z.array(HitDoc), HitDoc])
    .nullish()
    .catch(undefined),
});
type CbEdrRecord = z.infer<typeof CbEdrRecord>;

/** True when an object carries the Event Forwarder's own keys (a server field and a record kind). */
function looksLikeCbEdr(o: object): boolean {
  // Checked first and cheaply: every other payload in the registry's path stops here.
  if (!('cb_server' in o) && !('server_name' in o)) return false;
  const text = (key: string): string | null => {
    const v: unknown = Object.getOwnPropertyDescriptor(o, key)?.value;
    return typeof v === 'string' ? v : null;
  };
  if (text('cb_server') === null && text('server_name') === null) return false;
  const type = text('type');
  if (type !== null) return EVENT_TYPE.test(type);
  // Feed and watchlist hits written without `type` carry the server version and the hit's id.
  return text('cb_version') !== null && ('feed_id' in o || 'watchlist_id' in o);
}

function read(raw: unknown): CbEdrRecord | null {
  if (!isObject(raw)) return null;
  const inner = 'json' in raw && isObject(raw.json) ? raw.json : raw;
  if (!looksLikeCbEdr(inner)) return null;
  const r = CbEdrRecord.safeParse(inner);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/** The single hit document (Elastic accepts one; the forwarder splits multi-document hits). */
function docOf(rec: CbEdrRecord): HitDoc | undefined {
  return Array.isArray(rec.docs) ? rec.docs[0] : (rec.docs ?? undefined);
}

/** host.name as Elastic sets it: the document's host name, the record's, else the last `HOST|ID` endpoint. */
function hostOf(rec: CbEdrRecord, doc: HitDoc | undefined): string | undefined {
  if (doc?.hostname) return doc.hostname;
  if (rec.hostname) return rec.hostname;
  const endpoints = doc?.endpoint === undefined || doc.endpoint === null ? [] : [doc.endpoint].flat();
  const last = endpoints.at(-1);
  const name = last === undefined ? undefined : /^([^|]*)\|/.exec(last)?.[1];
  return name || undefined;
}

function severityOf(rec: CbEdrRecord): Severity {
  const type = rec.type ?? '';
  if (type.startsWith('alert.')) {
    const stated = mapSeverity(rec.alert_severity ?? rec.report_score, 'hundred');
    return stated && stated !== 'info' ? stated : 'medium';
  }
  if (type === 'ingress.event.processblock' || type === 'ingress.event.tamper') return 'medium';
  if (rec.feed_id || rec.watchlist_id || /^(?:feed|watchlist)\./.test(type)) return 'low';
  return 'info';
}

function titleOf(rec: CbEdrRecord, doc: HitDoc | undefined): string {
  const what = rec.watchlist_name
    ? `watchlist ${rec.watchlist_name}`
    : rec.feed_name
      ? `feed ${rec.feed_name}${rec.ioc_value ? ` (${rec.ioc_value})` : ''}`
      : (rec.type ?? 'event');
  const subject = doc?.process_name ?? rec.process_name;
  return `Carbon Black EDR: ${what}${subject ? ` - ${subject}` : ''}`;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not a Carbon Black EDR Event Forwarder record');
  const doc = docOf(rec);
  const obs = new ObservablesBuilder();
  obs.host(hostOf(rec, doc));
  for (const h of [rec.md5, rec.process_md5, doc?.md5, doc?.process_md5, doc?.parent_md5]) obs.hash(h);
  return parserAlert(NAME, FORMAT, obs, {
    title: titleOf(rec, doc),
    severity: severityOf(rec),
    observedAt: toIsoTime(rec.timestamp ?? rec.event_timestamp ?? doc?.timestamp),
    ruleId: rec.watchlist_id ?? rec.report_id ?? null,
  });
}

export const carbonblackEdrParser: Parser = {
  name: NAME,
  claims: { keys: ['json', 'cb_server', 'server_name'], text: false },
  detect,
  parse,
};
