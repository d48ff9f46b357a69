// Palo Alto Networks PAN-OS syslog: the CSV record (TRAFFIC, THREAT, DECRYPTION, GLOBALPROTECT, HIP-MATCH,
// USERID, AUTHENTICATION, CONFIG, SYSTEM, CORRELATION, IPTAG, SCTP, GTP, tunnel START/END, audit) read by column
// as Elastic's `panw.panos` pipelines read it: source/destination by position, NAT addresses related only.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, localPart, parserAlert, splitQuotedCsv, textOf } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const TYPES =
  'TRAFFIC|THREAT|DECRYPTION|GLOBALPROTECT|HIPMATCH|HIP-MATCH|USERID|AUTHENTICATION|CONFIG|SYSTEM|CORRELATION|IPTAG|SCTP|GTP|START|END';
const TS = String.raw`\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?`;
/** Syslog header and FUTURE_USE, receive time, serial, type, subtype, config version, generated time, rest. */
const RECORD = new RegExp(`^([^,|]{0,320}),(${TS}),([^,]*),(${TYPES}),([^,]*),([^,]*),(${TS}),([\\s\\S]*)$`);
/** A management-plane audit record: optional syslog stamp and sending address, serial, time, `audit`, rest. */
const AUDIT = new RegExp(
  `^(?:[A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2} (\\S+) )?(\\w+),(${TS}),audit,([\\s\\S]*)$`,
);

/** Column names after the generated time, as PAN-OS documents them; `_` marks a column not read here. */
const columns = (spec: string): readonly string[] => spec.trim().split(/\s+/);

/** Shared first 24 columns of TRAFFIC, THREAT and DECRYPTION. */
const SESSION = `src dst natsrc natdst rule srcuser dstuser app _ _ _ _ _ _ _ _ _ _ _ _ _ _ proto action`;
const LAYOUTS: Readonly<Record<string, readonly string[]>> = lookupTable({
  TRAFFIC: columns(`${SESSION} _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ device_name _ _ _ _ _ _ _ _ _ _ _ _
    _ _ _ _ _ _ _ _ _ _ xff _ _ _ _ _ _ src_host _ _ _ _ _ _ _ dst_host`),
  THREAT: columns(`${SESSION} misc threat category severity _ _ _ _ _ _ _ _ filedigest _ _ _ _ xff_forwarded
    _ sender _ recipient _ _ _ _ _ _ device_name _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ xff _ _ _ _ _ _ src_host
    _ _ _ _ _ _ _ dst_host`),
  DECRYPTION: columns(`${SESSION} _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ fingerprint _ _ _ _ _ _ _ _ _ _
    _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ src_host _ _ _ _ _ _ _ dst_host _ _ _ _ _ _ _ _ device_name`),
  GLOBALPROTECT: columns(`_ event_id stage _ _ srcuser _ machine public_ip public_ipv6 private_ip private_ipv6
    _ _ _ _ _ _ _ error _ status _ _ _ _ portal _ _ _ _ _ _ _ _ _ _ _ _ _ device_name`),
  HIPMATCH: columns(`srcuser _ machine _ src matchname _ matchtype _ _ _ _ _ _ _ _ _ device_name _ src_ipv6`),
  USERID: columns(`_ src srcuser source_name event_id _ _ _ _ _ _ _ _ _ _ _ _ _ device_name _ _ _ _ _
    user_by_source`),
  AUTHENTICATION: columns(`_ src user normalize_user _ policy _ _ _ _ _ description _ result _ _ _ _ _ _ _ _
    device_name _ _ _ _ _ _ _ _ _ _ src_host`),
  CONFIG: columns(`host _ cmd admin _ result path _ _ _ _ _ _ _ _ _ device_name`),
  SYSTEM: columns(`_ event_id object _ _ module severity description _ _ _ _ _ _ _ device_name`),
  CORRELATION: columns(`src srcuser _ category severity _ _ _ _ _ device_name`),
  IPTAG: columns(`_ src tag _ _ _ _ _ _ _ _ _ _ _ _ _ device_name`),
  SCTP: columns(`src dst _ _ rule _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ proto action _ _ _ _ _ device_name`),
  GTP: columns(`src dst _ _ rule _ _ app _ _ _ _ _ _ _ _ _ _ _ _ _ _ proto action event_type`),
  TUNNEL:
    columns(`${SESSION} severity _ _ _ _ _ _ _ _ _ device_name _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _
    remote_ip`),
  AUDIT: columns(`_ cmd admin action result`),
});

interface PanosRecord {
  type: string;
  subtype: string;
  generated: string;
  fields: ReadonlyMap<string, string>;
}

/** The record type a layout is kept under: HIP-MATCH is HIPMATCH, a tunnel inspection START/END is TUNNEL. */
const typeOf = (t: string): string =>
  t === 'HIP-MATCH' ? 'HIPMATCH' : t === 'START' || t === 'END' ? 'TUNNEL' : t;

function asPanos(raw: unknown): PanosRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  const audit = AUDIT.exec(s.trimEnd());
  if (audit) return auditRecord(audit);
  const m = RECORD.exec(s.trimEnd());
  if (!m) return null;
  const type = typeOf(m[4] ?? '');
  const layout = LAYOUTS[type];
  if (!layout) return null;
  const cells = splitQuotedCsv(m[8] ?? '', type === 'TRAFFIC');
  const fields = new Map<string, string>();
  layout.forEach((name, i) => {
    const v = cells[i]?.trim();
    if (name !== '_' && v) fields.set(name, v);
  });
  return { type, subtype: m[5] ?? '', generated: m[7] ?? '', fields };
}

/** An audit record: Elastic takes the syslog sender's address as the source (and nothing else). */
function auditRecord(m: RegExpExecArray): PanosRecord | null {
  const fields = new Map<string, string>();
  const cells = splitQuotedCsv(m[4] ?? '');
  (LAYOUTS.AUDIT ?? []).forEach((name, i) => {
    const v = cells[i]?.trim();
    if (name !== '_' && v) fields.set(name, v);
  });
  if (m[1]) fields.set('src', m[1]);
  return { type: 'AUDIT', subtype: fields.get('cmd') ?? '', generated: m[3] ?? '', fields };
}

/** `DOMAIN\user` and `user@domain` reduce to the user name, as Elastic's grok does. */
function userName(v: string | undefined): string | undefined {
  // Behind a proxy rule PAN-OS writes the request's X-Forwarded-For header (`x-fwd-for: 192.0.2.4`) in the
  // source-user column; Elastic moves it to panw.panos.x_forwarded_for, and it names no one.
  if (v === undefined || /^x-fwd-for:/i.test(v)) return undefined;
  const slash = /^[^\\]+\\{1,2}([^\\]+)$/.exec(v);
  if (slash) return slash[1];
  return /^[\w.-]+@[\w.-]+$/.test(v) ? localPart(v) : v;
}

function threatName(v: string | undefined): { name: string; id: string | null } {
  // `name (id)`: the id is read from the last `(`, so a lazy name is not retried at every space (quadratic).
  const open = (v ?? '').lastIndexOf('(');
  const id = open < 0 ? undefined : /^\(\s*(\d+)\s*\)$/.exec((v ?? '').slice(open))?.[1];
  if (id === undefined) return { name: v ?? '', id: null };
  return { name: id === '9999' ? 'URL-filtering' : (v ?? '').slice(0, open).trimEnd(), id };
}

function severityOf(rec: PanosRecord): Severity {
  const f = rec.fields;
  const stated = mapSeverity(f.get('severity'));
  if (stated) return stated;
  const action = f.get('action') ?? '';
  if (/^(?:deny|drop|reset|block|sinkhole)/i.test(action)) return 'low';
  if (/^fail/i.test(f.get('status') ?? f.get('result') ?? '')) return 'low';
  return 'info';
}

function titleOf(rec: PanosRecord): { title: string; ruleId: string | null } {
  const f = rec.fields;
  const head = `PAN-OS ${rec.type}${rec.subtype && rec.subtype !== '0' ? ` ${rec.subtype}` : ''}`;
  switch (rec.type) {
    case 'THREAT': {
      const t = threatName(f.get('threat'));
      const misc = f.get('misc');
      return {
        title: `${head}: ${t.name}${misc ? ` (${misc})` : ''}`,
        ruleId: t.id ?? f.get('rule') ?? null,
      };
    }
    case 'TRAFFIC':
    case 'DECRYPTION':
      return {
        title: `${head}: ${f.get('action') ?? ''} ${f.get('app') ?? ''} ${f.get('src') ?? '?'} -> ${f.get('dst') ?? '?'}`,
        ruleId: f.get('rule') ?? null,
      };
    case 'GLOBALPROTECT':
      return {
        title: `${head}: ${f.get('event_id') ?? ''} ${f.get('stage') ?? ''} ${f.get('status') ?? ''}`,
        ruleId: f.get('event_id') ?? null,
      };
    case 'HIPMATCH':
      return { title: `${head}: ${f.get('matchname') ?? ''}`, ruleId: f.get('matchname') ?? null };
    case 'TUNNEL':
    case 'SCTP':
    case 'GTP':
      return {
        title: `${head}: ${f.get('event_type') ?? f.get('action') ?? ''} ${f.get('src') ?? '?'} -> ${f.get('dst') ?? '?'}`,
        ruleId: f.get('rule') ?? null,
      };
    case 'CORRELATION':
      return { title: `${head}: ${f.get('category') ?? ''}`, ruleId: f.get('category') ?? null };
    case 'IPTAG':
      return { title: `${head}: ${f.get('tag') ?? ''} ${f.get('src') ?? ''}`, ruleId: f.get('tag') ?? null };
    case 'AUDIT':
      return {
        title: `${head}: ${f.get('action') ?? ''} ${f.get('result') ?? ''}`,
        ruleId: f.get('cmd') ?? null,
      };
    case 'USERID':
      return {
        title: `${head}: ${f.get('event_id') ?? ''} ${f.get('source_name') ?? ''}`,
        ruleId: f.get('event_id') ?? null,
      };
    case 'AUTHENTICATION':
      return {
        title: `${head}: ${f.get('description') ?? f.get('result') ?? ''}`,
        ruleId: f.get('policy') ?? null,
      };
    case 'CONFIG':
      return {
        title: `${head}: ${f.get('cmd') ?? ''} ${f.get('path') ?? ''} ${f.get('result') ?? ''}`,
        ruleId: f.get('cmd') ?? null,
      };
    default:
      return {
        title: `${head}: ${f.get('description') ?? f.get('event_id') ?? ''}`,
        ruleId: f.get('event_id') ?? null,
      };
  }
}

function observablesOf(rec: PanosRecord): ObservablesBuilder {
  const f = rec.fields;
  const obs = new ObservablesBuilder();
  let hostName: string | undefined;
  const related: string[] = [];
  switch (rec.type) {
    case 'TRAFFIC':
    case 'THREAT':
    case 'DECRYPTION':
    case 'TUNNEL':
      obs.srcIp(bareIndicatorIp(f.get('src')));
      obs.dstIp(bareIndicatorIp(f.get('dst')));
      related.push('natsrc', 'natdst', 'xff', 'xff_forwarded', 'remote_ip');
      break;
    case 'SCTP':
    case 'GTP':
      obs.srcIp(bareIndicatorIp(f.get('src')));
      obs.dstIp(bareIndicatorIp(f.get('dst')));
      break;
    case 'GLOBALPROTECT': {
      const v4 = bareIndicatorIp(f.get('private_ip'));
      obs.srcIp(v4 ?? bareIndicatorIp(f.get('private_ipv6')));
      obs.ip(bareIndicatorIp(f.get('public_ip')) ?? bareIndicatorIp(f.get('public_ipv6')));
      hostName = f.get('machine')?.toLowerCase();
      break;
    }
    case 'HIPMATCH':
      obs.srcIp(bareIndicatorIp(f.get('src_ipv6')) ?? bareIndicatorIp(f.get('src')));
      hostName = f.get('machine')?.toLowerCase();
      break;
    case 'USERID':
    case 'AUTHENTICATION':
    case 'CORRELATION':
    case 'IPTAG':
    case 'AUDIT':
      obs.srcIp(bareIndicatorIp(f.get('src')));
      break;
    case 'CONFIG':
      related.push('host');
      break;
  }
  for (const key of related) obs.ip(bareIndicatorIp(f.get(key)));

  if (rec.type === 'AUTHENTICATION') {
    obs.user(f.get('user'));
    obs.user(f.get('normalize_user'));
  } else if (rec.type === 'USERID') {
    obs.user(userName(f.get('srcuser')) ?? f.get('user_by_source'));
  } else if (rec.type === 'CORRELATION') {
    obs.user(f.get('srcuser'));
  } else {
    obs.user(userName(f.get('srcuser')));
    obs.user(userName(f.get('dstuser')));
  }

  // host.name first, then related.hosts in Elastic's order: observer.hostname, host.name, dst, src host.
  obs.host(hostName);
  obs.host(f.get('device_name'));
  obs.host(f.get('dst_host'));
  obs.host(f.get('src_host'));

  // A url record's site: a domain indicator (Elastic keeps it in url.domain, not related.hosts).
  if (rec.type === 'THREAT' && rec.subtype === 'url')
    obs.domain(/^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#\s]+)/i.exec(f.get('misc') ?? '')?.[1]);
  obs.email(f.get('sender'));
  obs.email(f.get('recipient'));
  obs.hash(f.get('filedigest'));
  obs.hash(f.get('fingerprint'));
  return obs;
}

const detect = (raw: unknown): boolean => asPanos(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asPanos(raw);
  if (!rec) throw new Error('not a PAN-OS record');
  const { title, ruleId } = titleOf(rec);
  return parserAlert('panw.panos', 'panw.panos', observablesOf(rec), {
    title: title.replace(/\s+/g, ' ').trim(),
    severity: severityOf(rec),
    observedAt: toIsoTime(rec.generated),
    ruleId,
  });
}

export const panosParser: Parser = {
  name: 'panw.panos',
  claims: {
    keys: [],
    text: [
      ',audit,',
      ',TRAFFIC,',
      ',THREAT,',
      ',DECRYPTION,',
      ',GLOBALPROTECT,',
      ',HIPMATCH,',
      ',HIP-MATCH,',
      ',USERID,',
      ',AUTHENTICATION,',
      ',CONFIG,',
      ',SYSTEM,',
      ',CORRELATION,',
      ',IPTAG,',
      ',SCTP,',
      ',GTP,',
      ',START,',
      ',END,',
    ],
  },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
