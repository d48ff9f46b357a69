// Parses ArcSight CEF (`CEF:0|vendor|product|version|signature|name|severity|ext`), optionally behind
// a syslog header, and maps its extension keys onto ECS-style paths for the field-role rules.
import { parseSpacedKv, type KvPair } from './kv.js';
import { lookupTable } from './lookup-table.js';

/** A decoded CEF record. */
export interface CefRecord {
  version: string;
  vendor: string;
  product: string;
  deviceVersion: string;
  signatureId: string;
  name: string;
  severity: string;
  extensions: KvPair[];
  /** Text before `CEF:` (usually a syslog header), trimmed. */
  prefix: string;
}

const CEF_START = /CEF:\s?\d+\|/;

/** True when `text` holds a CEF record (possibly after a syslog header). */
export const looksLikeCef = (text: string): boolean => CEF_START.test(text.slice(0, 512));

function splitHeader(s: string, count: number): { fields: string[]; rest: string } | null {
  const fields: string[] = [];
  let cur = '';
  let i = 0;
  for (; i < s.length && fields.length < count; i += 1) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += s[i + 1];
      i += 1;
    } else if (c === '|') {
      fields.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  return fields.length === count ? { fields, rest: s.slice(i) } : null;
}

/** Parses the first CEF record in `text`; null when there is none. Never throws. */
export function parseCef(text: string): CefRecord | null {
  const m = CEF_START.exec(text.slice(0, 512));
  if (!m) return null;
  const at = m.index;
  const body = text.slice(at + 4).replace(/^\s/, '');
  const split = splitHeader(body, 7);
  if (!split) return null;
  const [
    version = '',
    vendor = '',
    product = '',
    deviceVersion = '',
    signatureId = '',
    name = '',
    severity = '',
  ] = split.fields;
  return {
    version,
    vendor,
    product,
    deviceVersion,
    signatureId,
    name,
    severity,
    extensions: parseSpacedKv(split.rest),
    prefix: text.slice(0, at).trim(),
  };
}

/** CEF extension keys (short and long spellings) and the ECS-style path they stand for. */
const CEF_PATHS: Readonly<Record<string, readonly string[]>> = lookupTable({
  src: ['source', 'ip'],
  sourceaddress: ['source', 'ip'],
  c6a2: ['source', 'ip'],
  sourceipv6address: ['source', 'ip'],
  dst: ['destination', 'ip'],
  destinationaddress: ['destination', 'ip'],
  c6a3: ['destination', 'ip'],
  destinationipv6address: ['destination', 'ip'],
  sourcetranslatedaddress: ['source', 'nat', 'ip'],
  destinationtranslatedaddress: ['destination', 'nat', 'ip'],
  dvc: ['observer', 'ip'],
  deviceaddress: ['observer', 'ip'],
  c6a1: ['observer', 'ip'],
  c6a4: ['observer', 'ip'],
  devicetranslatedaddress: ['observer', 'nat', 'ip'],
  dvchost: ['observer', 'hostname'],
  devicehostname: ['observer', 'hostname'],
  // An ArcSight SmartConnector's own address and name (and the first connector's, when chained): the collector.
  agt: ['collector', 'ip'],
  agentaddress: ['collector', 'ip'],
  agenttranslatedaddress: ['collector', 'nat', 'ip'],
  originalagentaddress: ['collector', 'ip'],
  originalagenttranslatedaddress: ['collector', 'nat', 'ip'],
  ahost: ['collector', 'name'],
  agenthostname: ['collector', 'name'],
  originalagenthostname: ['collector', 'name'],
  shost: ['source', 'domain'],
  sourcehostname: ['source', 'domain'],
  dhost: ['destination', 'domain'],
  destinationhostname: ['destination', 'domain'],
  suser: ['source', 'user', 'name'],
  sourceusername: ['source', 'user', 'name'],
  duser: ['destination', 'user', 'name'],
  destinationusername: ['destination', 'user', 'name'],
  suid: ['source', 'user', 'id'],
  duid: ['destination', 'user', 'id'],
  smac: ['source', 'mac'],
  dmac: ['destination', 'mac'],
  msg: ['message'],
  message: ['message'],
  request: ['url', 'original'],
  requestclientapplication: ['user_agent', 'original'],
  rt: ['timestamp'],
  devicereceipttime: ['timestamp'],
  start: ['event', 'start'],
  end: ['event', 'end'],
  act: ['event', 'action'],
  cat: ['event', 'category'],
  devicecustomipv6address1: ['observer', 'ip'],
  devicecustomipv6address2: ['source', 'ip'],
  devicecustomipv6address3: ['destination', 'ip'],
  devicecustomipv6address4: ['observer', 'ip'],
});

/**
 * The key path a CEF (or LEEF) extension key stands for; unknown keys keep their own name, and
 * custom `csN` values take their `csNLabel`.
 */
export function cefKeyPath(key: string, labels: ReadonlyMap<string, string>): readonly string[] {
  const k = key.toLowerCase();
  const mapped = CEF_PATHS[k];
  if (mapped) return mapped;
  const label = labels.get(k);
  if (label) return [label];
  // A vendor's own key with its prefix (Claroty's `CtdSourceIp`, `CtdDestinationHost`): the end it names.
  const prefixed = /^[A-Z][a-z]{1,5}((?:Source|Destination|Src|Dst|Client|Server)[A-Z]\w*)$/.exec(key);
  if (prefixed?.[1]) return [prefixed[1]];
  return [key];
}

/** The `csNLabel`/`cnNLabel`/`cfpNLabel` values of a record, keyed by the lower-cased field they name. */
export function customLabels(pairs: readonly KvPair[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const { key, value } of pairs) {
    const m = /^(c[a-z0-9]*\d)label$/i.exec(key);
    if (m?.[1]) labels.set(m[1].toLowerCase(), value);
  }
  return labels;
}

/** The last non-empty value of the first of `keys` (any case) that an extension has, or null. */
export function extensionValue(pairs: readonly KvPair[], ...keys: string[]): string | null {
  for (const key of keys) {
    const k = key.toLowerCase();
    const hit = pairs.findLast((p) => p.key.toLowerCase() === k && p.value !== '');
    if (hit) return hit.value;
  }
  return null;
}
