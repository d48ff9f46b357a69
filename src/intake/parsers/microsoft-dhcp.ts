// Microsoft DHCP Server audit logs: the CSV lines of `DhcpSrvLog-*.log` (IPv4) and `DhcpV6SrvLog-*.log` (IPv6),
// read by position, and their column-header lines. Mapped as Elastic's current microsoft_dhcp pipeline maps them:
// the IPv4 client is the source (its name the source domain), the IPv6 client's name is the host.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert, splitQuotedCsv, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'microsoft_dhcp.log';

/** `ID,MM/DD/YY,HH:MM:SS,` at the start of every audit line. */
const HEAD =
  /^(\d{2,5}),(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])\/(\d{2}),([01]\d|2[0-3]):([0-5]\d):([0-5]\d),/;
const HEADER = /^ID,Date,Time,Description,(?:IP Address|IPV6 Address),Host Name,/i;

/** IPv4 event IDs Microsoft documents (log control, leases, BOOTP, DNS updates, rogue-server detection). */
const V4_IDS = /^(?:0[0-2]|1[0-8]|2[0-5]|3[0-6]|5\d|6[0-4])$/;
/** IPv6 event IDs: 11000-11099, and the 4-digit rogue-detection IDs (`1103,…,Authorized(servicing)`). */
const V6_IDS = /^(?:110\d\d|11\d\d)$/;

/** IPv4 IDs whose outcome is a failure (Elastic's `event.outcome: failure`). */
const V4_FAILURES = new Set(['02', '14', '15', '22', '23', '31', '33', '34', '35', '36', '50', '58', '59']);
/** IPv4 rogue-server IDs a SOC wants to see: the server is not authorised, or another DHCP server was found. */
const V4_ROGUE = new Set(['54', '56', '57', '61', '62']);
const V6_FAILURES = new Set(['11006', '11014', '11023', '11028', '11029']);

interface DhcpLine {
  version: 4 | 6;
  cols: string[];
  /** `YYYY-MM-DDTHH:MM:SS`, the server's local time (the log carries no zone). */
  time: string;
}

function read(raw: unknown): DhcpLine | 'header' | null {
  const s = textOf(raw, 16_384);
  if (s === null || s.includes('\n')) return null;
  const line = s.trimEnd();
  if (HEADER.test(line)) return 'header';
  const m = HEAD.exec(line);
  if (!m) return null;
  const id = m[1] ?? '';
  const cols = splitQuotedCsv(line);
  const address = cols[4] ?? '';
  if (address !== '' && canonicalIp(address) === null) return null;
  const time = `20${m[4] ?? ''}-${m[2] ?? ''}-${m[3] ?? ''}T${m[5] ?? ''}:${m[6] ?? ''}:${m[7] ?? ''}`;
  // The IPv4 log has 7 columns (Windows 2003/2008) up to 19-20 (2012 and later); the IPv6 log 12-15.
  if (V4_IDS.test(id) && cols.length >= 7 && cols.length <= 20 && !address.includes(':')) {
    return { version: 4, cols, time };
  }
  if (V6_IDS.test(id) && cols.length >= 12 && cols.length <= 15 && !address.includes('.')) {
    return { version: 6, cols, time };
  }
  return null;
}

const detect = (raw: unknown): boolean => read(raw) !== null;

function severityOf(line: DhcpLine): Severity {
  const id = line.cols[0] ?? '';
  if (line.version === 4 && V4_ROGUE.has(id)) return 'medium';
  if (line.version === 4 ? V4_FAILURES.has(id) : V6_FAILURES.has(id)) return 'low';
  return 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = read(raw);
  // The pipeline relates no address: the client is the source, not also a related IP.
  const obs = new ObservablesBuilder(false);
  if (line === null || line === 'header') {
    return parserAlert(NAME, NAME, obs, { title: 'Microsoft DHCP audit log header', severity: 'info' });
  }
  const [id = '', , , description = '', address = '', hostName = ''] = line.cols;
  if (line.version === 4) {
    // source.ip and source.domain (lower-cased); the User Name column is user.name.
    obs.srcIp(canonicalIp(address));
    if (hostName.includes('.')) obs.domain(hostName.toLowerCase());
    obs.user(line.cols[7]);
  } else {
    // host.ip (no related address) and host.name; the IPv6 log's user column is not a user.name.
    obs.host(hostName);
  }
  const mac = line.version === 4 ? (line.cols[6] ?? '') : '';
  const client = [address, hostName.toLowerCase(), mac].filter((v) => v !== '').join(' ');
  return parserAlert(NAME, NAME, obs, {
    title: `DHCP${line.version === 6 ? 'v6' : ''} ${description.trim().replace(/\.$/, '') || `event ${id}`}${client ? `: ${client}` : ''}`,
    severity: severityOf(line),
    observedAt: toIsoTime(`${line.time}Z`),
    ruleId: id,
  });
}

export const microsoftDhcpParser: Parser = {
  name: NAME,
  claims: { keys: [] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
