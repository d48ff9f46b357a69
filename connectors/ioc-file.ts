// Threat intel from a local file of indicators: CSV (`type,value,threat,malware_family,confidence,source`)
// or a STIX 2.1 bundle of `indicator` objects with simple equality patterns. With no file configured, the
// embedded demo list in connectors/default-iocs.csv is used, so enrichment works with no account.
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConnectorConfigError, type EnvSpec, type EnvValues } from './env.js';
import type { Indicator, IndicatorType, ThreatIntel, ThreatIntelResult } from './types.js';
import { INDICATOR_TYPES } from './types.js';

export const IOC_FILE_NAME = 'ioc-file';
export const DEFAULT_IOC_FILE = fileURLToPath(new URL('./default-iocs.csv', import.meta.url));

export const iocFileEnv = {
  VIGIL_IOC_FILE: {
    key: 'path',
    description:
      'Indicator file for the local threat-intel source: CSV or a STIX 2.1 bundle (.json); the default holds made-up demo indicators',
    default: 'connectors/default-iocs.csv',
  },
} as const satisfies EnvSpec;

export const IocFileConfig = z.object({ path: z.string().min(1) });
export type IocFileConfig = z.infer<typeof IocFileConfig>;

/** Always enabled: the configured file, or the embedded demo list. */
export function parseIocFileConfig(values: EnvValues): IocFileConfig {
  return { path: values.VIGIL_IOC_FILE?.trim() || DEFAULT_IOC_FILE };
}

/** One indicator of compromise as the file states it. */
export interface IocEntry {
  type: IndicatorType;
  /** Normalised: lower-case domains and hashes; addresses may be CIDR ranges. */
  value: string;
  threat: string | null;
  malwareFamily: string | null;
  /** 0–100. */
  confidence: number | null;
  source: string | null;
  /** ISO 8601; the entry is ignored after this. */
  validUntil: string | null;
}

/** Confidence at or above which a match is `malicious` rather than `suspicious`. */
const MALICIOUS_CONFIDENCE = 70;

const HASH_LENGTH: Record<string, number> = { md5: 32, sha1: 40, sha256: 64 };
const DOMAIN = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/** Checks and normalises a value for its type; returns undefined when it is not one. */
export function normaliseIndicator(type: IndicatorType, value: string): string | undefined {
  const v = value.trim();
  switch (type) {
    case 'ipv4':
    case 'ipv6': {
      const [address = '', prefix] = v.split('/');
      const family = type === 'ipv4' ? 4 : 6;
      const validPrefix =
        prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
      return net.isIP(address) === family && validPrefix ? v.toLowerCase() : undefined;
    }
    case 'domain':
      return DOMAIN.test(v.toLowerCase().replace(/\.$/, '')) ? v.toLowerCase().replace(/\.$/, '') : undefined;
    case 'url':
      return URL.canParse(v) ? new URL(v).href : undefined;
    default:
      return new RegExp(`^[0-9a-f]{${HASH_LENGTH[type]}}$`, 'i').test(v) ? v.toLowerCase() : undefined;
  }
}

const CsvRow = z.object({
  type: z.enum(INDICATOR_TYPES),
  value: z.string().min(1),
  threat: z.string().optional(),
  malware_family: z.string().optional(),
  confidence: z.union([z.literal(''), z.coerce.number().int().min(0).max(100)]).optional(),
  source: z.string().optional(),
});

/** Parses the CSV form. Lines starting with `#` and blank lines are ignored; the first other line is the header. */
export function parseIocCsv(text: string, file = 'iocs.csv'): IocEntry[] {
  const lines = text.split(/\r?\n/).map((line, index) => ({ line, number: index + 1 }));
  const rows = lines.filter(({ line }) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const [header, ...data] = rows;
  if (!header) return [];
  const columns = splitCsvLine(header.line).map((column) => column.trim().toLowerCase());
  return data.map(({ line, number }) => {
    const cells = splitCsvLine(line);
    const record = Object.fromEntries(columns.map((column, i) => [column, cells[i]?.trim() ?? '']));
    const row = CsvRow.safeParse(record);
    const fail = (reason: string) =>
      new ConnectorConfigError('VIGIL_IOC_FILE', `${file}:${number}: ${reason}`);
    if (!row.success) throw fail(`invalid row (${row.error.issues.map((i) => i.path.join('.')).join(', ')})`);
    const value = normaliseIndicator(row.data.type, row.data.value);
    if (value === undefined) throw fail(`"${row.data.value}" is not a valid ${row.data.type}`);
    return {
      type: row.data.type,
      value,
      threat: row.data.threat || null,
      malwareFamily: row.data.malware_family || null,
      confidence: typeof row.data.confidence === 'number' ? row.data.confidence : null,
      source: row.data.source || null,
      validUntil: null,
    };
  });
}

/** RFC 4180 fields: commas separate, double quotes enclose, `""` is a quote. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  return [...cells, cell];
}

const StixIndicator = z.object({
  type: z.literal('indicator'),
  id: z.string(),
  name: z.string().optional(),
  indicator_types: z.array(z.string()).optional(),
  labels: z.array(z.string()).optional(),
  pattern: z.string(),
  pattern_type: z.string(),
  valid_until: z.string().optional(),
  confidence: z.number().int().min(0).max(100).optional(),
  created_by_ref: z.string().optional(),
  revoked: z.boolean().optional(),
});
const StixObject = z.looseObject({ type: z.string(), id: z.string() });
const StixBundle = z.object({ type: z.literal('bundle'), objects: z.array(StixObject) });
const StixNamed = z.looseObject({ id: z.string(), name: z.string() });
const StixRelationship = z.looseObject({
  type: z.literal('relationship'),
  relationship_type: z.string(),
  source_ref: z.string(),
  target_ref: z.string(),
});

const STIX_OBJECT_TYPES: Record<string, IndicatorType | undefined> = {
  'ipv4-addr': 'ipv4',
  'ipv6-addr': 'ipv6',
  'domain-name': 'domain',
  url: 'url',
};
const STIX_HASHES: Record<string, IndicatorType | undefined> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  SHA1: 'sha1',
  'SHA-256': 'sha256',
  SHA256: 'sha256',
};
const COMPARISON =
  /(ipv4-addr|ipv6-addr|domain-name|url):value\s*=\s*'((?:[^'\\]|\\.)*)'|file:hashes\.(?:'([\w-]+)'|([\w-]+))\s*=\s*'((?:[^'\\]|\\.)*)'/g;

/**
 * The indicators a STIX pattern names, when it is only equality comparisons joined by OR
 * (`[ipv4-addr:value = '203.0.113.7'] OR [domain-name:value = 'evil.example']`); undefined for anything else.
 */
export function parseStixPattern(pattern: string): Indicator[] | undefined {
  const found: Indicator[] = [];
  for (const match of pattern.matchAll(COMPARISON)) {
    const [, objectType, objectValue, quotedHash, bareHash, hashValue] = match;
    const type = objectType ? STIX_OBJECT_TYPES[objectType] : STIX_HASHES[quotedHash ?? bareHash ?? ''];
    const raw = (objectValue ?? hashValue ?? '').replace(/\\(.)/g, '$1');
    const value = type && normaliseIndicator(type, raw);
    if (!type || !value) return undefined;
    found.push({ type, value });
  }
  const rest = pattern.replace(COMPARISON, '').replace(/[[\]\s]|\bOR\b/g, '');
  return found.length && rest === '' ? found : undefined;
}

/** Parses a STIX 2.1 bundle. Indicators with patterns other than simple equalities are counted in `skipped`. */
export function parseStixBundle(json: unknown, file = 'iocs.json'): { entries: IocEntry[]; skipped: number } {
  const bundle = StixBundle.safeParse(json);
  if (!bundle.success) throw new ConnectorConfigError('VIGIL_IOC_FILE', `${file}: not a STIX 2.1 bundle`);
  const objects = bundle.data.objects;
  const names = new Map<string, string>();
  const indicates: Array<{ indicator: string; malware: string }> = [];
  for (const object of objects) {
    const named = StixNamed.safeParse(object);
    if (named.success) names.set(named.data.id, named.data.name);
    const relation = StixRelationship.safeParse(object);
    if (
      relation.success &&
      relation.data.relationship_type === 'indicates' &&
      /^malware--/.test(relation.data.target_ref)
    ) {
      indicates.push({ indicator: relation.data.source_ref, malware: relation.data.target_ref });
    }
  }
  const families = new Map(indicates.map((r) => [r.indicator, names.get(r.malware) ?? r.malware]));
  let skipped = 0;
  const entries = objects.flatMap((object): IocEntry[] => {
    if (object.type !== 'indicator') return [];
    const indicator = StixIndicator.safeParse(object);
    const targets =
      indicator.success && indicator.data.pattern_type === 'stix' && !indicator.data.revoked
        ? parseStixPattern(indicator.data.pattern)
        : undefined;
    if (!indicator.success || !targets) {
      skipped += 1;
      return [];
    }
    const data = indicator.data;
    const threat = data.indicator_types?.[0] ?? data.labels?.[0] ?? data.name ?? null;
    return targets.map((target) => ({
      ...target,
      threat,
      malwareFamily: families.get(data.id) ?? null,
      confidence: data.confidence ?? null,
      source: (data.created_by_ref && names.get(data.created_by_ref)) ?? null,
      validUntil: data.valid_until ?? null,
    }));
  });
  return { entries, skipped };
}

export interface IocFileOptions {
  now?: () => Date;
}

export class IocFile implements ThreatIntel {
  readonly name = IOC_FILE_NAME;
  readonly supports = INDICATOR_TYPES;
  private readonly exact = new Map<string, IocEntry[]>();
  private readonly ranges: Array<{ entry: IocEntry; list: net.BlockList }> = [];
  private readonly now: () => Date;

  constructor(
    entries: readonly IocEntry[],
    options: IocFileOptions = {},
    /** Indicators in the file that could not be used (unsupported STIX patterns). */
    readonly skipped = 0,
  ) {
    this.now = options.now ?? (() => new Date());
    for (const entry of entries) {
      const [address, prefix] = entry.value.split('/');
      if ((entry.type === 'ipv4' || entry.type === 'ipv6') && address && prefix !== undefined) {
        const list = new net.BlockList();
        list.addSubnet(address, Number(prefix), entry.type);
        this.ranges.push({ entry, list });
      } else {
        const key = `${entry.type}:${entry.value}`;
        this.exact.set(key, [...(this.exact.get(key) ?? []), entry]);
      }
    }
  }

  /** Reads a CSV file or (by `.json` extension or a leading `{`) a STIX bundle. */
  static fromFile(path: string, options: IocFileOptions = {}): IocFile {
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConnectorConfigError('VIGIL_IOC_FILE', `cannot read ${path}: ${reason}`);
    }
    if (!path.endsWith('.json') && !text.trimStart().startsWith('{')) {
      return new IocFile(parseIocCsv(text, path), options);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ConnectorConfigError('VIGIL_IOC_FILE', `${path}: not valid JSON`);
    }
    const { entries, skipped } = parseStixBundle(json, path);
    return new IocFile(entries, options, skipped);
  }

  async lookup(indicator: Indicator): Promise<ThreatIntelResult> {
    const now = this.now().toISOString();
    const matches = this.matches(indicator).filter((e) => e.validUntil === null || e.validUntil > now);
    const confidence = matches.length ? Math.max(...matches.map((e) => e.confidence ?? 50)) : null;
    return {
      indicator,
      verdict:
        confidence === null ? 'unknown' : confidence >= MALICIOUS_CONFIDENCE ? 'malicious' : 'suspicious',
      score: confidence,
      threats: unique(matches.map((e) => e.threat)),
      malwareFamilies: unique(matches.map((e) => e.malwareFamily)),
      source: this.name,
      reference: unique(matches.map((e) => e.source)).join(', ') || null,
      lastSeenAt: null,
    };
  }

  private matches(indicator: Indicator): IocEntry[] {
    const value = normaliseIndicator(indicator.type, indicator.value);
    if (value === undefined) return [];
    const found = [...(this.exact.get(`${indicator.type}:${value}`) ?? [])];
    const family = indicator.type;
    if (family === 'ipv4' || family === 'ipv6') {
      found.push(...this.ranges.filter((r) => r.list.check(value, family)).map((r) => r.entry));
    }
    if (indicator.type === 'domain') {
      // A listed domain covers its subdomains: evil.example matches login.evil.example.
      const labels = value.split('.');
      for (let i = 1; i < labels.length - 1; i += 1) {
        found.push(...(this.exact.get(`domain:${labels.slice(i).join('.')}`) ?? []));
      }
    }
    return found;
  }
}

function unique(values: Array<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}
