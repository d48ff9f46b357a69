// Parses IBM QRadar LEEF 1.0/2.0 (`LEEF:ver|vendor|product|version|eventId|[delim|]ext`), optionally
// behind a syslog header.
import type { KvPair } from './kv.js';
import { lookupTable } from './lookup-table.js';

/** A decoded LEEF record. */
export interface LeefRecord {
  version: string;
  vendor: string;
  product: string;
  productVersion: string;
  eventId: string;
  attributes: KvPair[];
  prefix: string;
}

const LEEF_START = /LEEF:\s?([12]\.0)\|/;

export const looksLikeLeef = (text: string): boolean => LEEF_START.test(text.slice(0, 512));

function delimiterOf(spec: string): string {
  if (spec.length === 1) return spec;
  const hex = /^(?:0?x|\\x)([0-9a-f]{1,4})$/i.exec(spec);
  if (hex?.[1]) return String.fromCharCode(parseInt(hex[1], 16));
  return '\t';
}

/** Parses the first LEEF record in `text`; null when there is none. Never throws. */
export function parseLeef(text: string): LeefRecord | null {
  const m = LEEF_START.exec(text.slice(0, 512));
  if (!m) return null;
  const version = m[1] ?? '1.0';
  const body = text.slice(m.index + m[0].length);
  const parts = body.split('|');
  if (parts.length < 5) return null;
  const [vendor = '', product = '', productVersion = '', eventId = ''] = parts;
  let delim = '\t';
  let ext: string;
  if (version === '2.0' && parts.length >= 6) {
    delim = delimiterOf(parts[4] ?? '');
    ext = parts.slice(5).join('|');
  } else {
    ext = parts.slice(4).join('|');
  }
  if (delim === '\t' && !ext.includes('\t')) {
    // Some senders replace the tab with spaces: fall back to `key=value` runs.
    const pairs: KvPair[] = [];
    const re = /(?:^|\s)([A-Za-z_][\w.-]{0,63})=/g;
    const hits = [...ext.matchAll(re)];
    hits.forEach((h, i) => {
      const start = (h.index ?? 0) + h[0].length;
      const next = hits[i + 1];
      const end = next ? (next.index ?? ext.length) : ext.length;
      if (h[1]) pairs.push({ key: h[1], value: ext.slice(start, end).trim() });
    });
    return {
      version,
      vendor,
      product,
      productVersion,
      eventId,
      attributes: pairs,
      prefix: text.slice(0, m.index).trim(),
    };
  }
  const attributes: KvPair[] = [];
  for (const chunk of ext.split(delim).slice(0, 500)) {
    const eq = chunk.indexOf('=');
    if (eq <= 0) continue;
    attributes.push({ key: chunk.slice(0, eq).trim(), value: chunk.slice(eq + 1).trim() });
  }
  return {
    version,
    vendor,
    product,
    productVersion,
    eventId,
    attributes,
    prefix: text.slice(0, m.index).trim(),
  };
}

/** LEEF attribute keys and the ECS-style path they stand for (others keep their own name). */
const LEEF_PATHS: Readonly<Record<string, readonly string[]>> = lookupTable({
  src: ['source', 'ip'],
  dst: ['destination', 'ip'],
  srcprenat: ['source', 'ip'],
  dstprenat: ['destination', 'ip'],
  srcpostnat: ['source', 'nat', 'ip'],
  dstpostnat: ['destination', 'nat', 'ip'],
  usrname: ['user', 'name'],
  accountname: ['user', 'name'],
  identsrc: ['source', 'ip'],
  identhostname: ['host', 'name'],
  srcmac: ['source', 'mac'],
  dstmac: ['destination', 'mac'],
  devtime: ['timestamp'],
  sev: ['severity'],
  cat: ['event', 'category'],
});

export function leefKeyPath(key: string): readonly string[] {
  return LEEF_PATHS[key.toLowerCase()] ?? [key];
}
