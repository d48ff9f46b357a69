// TYCHON endpoint records (flat dotted-key JSON from its PowerShell scanners: CVE and STIG results, ciphers,
// browsers, ARP, volumes …). Elastic's `tychon` pipelines relate the host's addresses (comma lists), domain,
// host name and id, plus each stream's own peer: the ARP neighbour, the TLS server, the exposed service's user.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { lookupTable } from '../lookup-table.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'tychon';

const Record_ = z.object({
  'tychon.id': TextField,
  'host.domain': TextField,
  'host.hostname': TextField,
  'host.id': TextField,
  'host.ip': TextField,
  'host.ipv4': TextField,
  'host.ipv6': TextField,
  'destination.ip': TextField,
  'destination.hostname': TextField,
  'source.ip': TextField,
  'server.ip': TextField,
  'process.user.name': TextField,
  'script.name': TextField,
  'script.current_time': TextField,
  'script.start': TextField,
  'vulnerability.id': TextField,
  'vulnerability.title': TextField,
  'vulnerability.severity': TextField,
  'vulnerability.iava_severity': TextField,
  'vulnerability.result': TextField,
  'benchmark.id': TextField,
  'rule.id': TextField,
  'rule.title': TextField,
  'rule.severity': TextField,
  'rule.test_result': TextField,
  'package.name': TextField,
  'service.name': TextField,
  'volume.name': TextField,
});
type TychonRecord = z.infer<typeof Record_>;

/** A TYCHON scanner record: its flat `tychon.id`, or the host BIOS serial with the scanner script. */
function read(raw: unknown): TychonRecord | null {
  if (!isObject(raw)) return null;
  if (!('tychon.id' in raw) && !('host.biossn' in raw && 'script.name' in raw)) return null;
  const r = Record_.safeParse(raw);
  return r.success ? r.data : null;
}

/** The stream a record comes from, by the keys only that stream writes. */
function streamOf(r: TychonRecord, raw: object): string {
  if (r['vulnerability.id']) return 'cve';
  if (r['benchmark.id'] || 'rule.stig_id' in raw) return 'stig';
  if ('tls.server.supported_cipher.name' in raw) return 'ciphers';
  if ('tls.version_protocol' in raw && 'package.name' in raw) return 'browser';
  if ('destination.mac' in raw) return 'arp';
  if ('volume.id' in raw) return 'volume';
  if ('source.port' in raw && r['service.name']) return 'exposedservice';
  return 'host';
}

/** DISA IAVA categories. */
const IAVA: Readonly<Record<string, Severity>> = lookupTable({
  'CAT I': 'high',
  'CAT II': 'medium',
  'CAT III': 'low',
});

function severityOf(r: TychonRecord): Severity {
  if (r['vulnerability.id']) {
    if (r['vulnerability.result'] === 'pass') return 'info';
    const s = r['vulnerability.severity'];
    return (
      (s && s !== 'unknown' ? mapSeverity(s) : null) ?? IAVA[r['vulnerability.iava_severity'] ?? ''] ?? 'low'
    );
  }
  if (r['rule.test_result'] === 'fail') return mapSeverity(r['rule.severity']) ?? 'low';
  return 'info';
}

/** The comma-separated address list Elastic splits. */
const addresses = (v: string | undefined): string[] => (v ? v.split(',') : []);

function parse(raw: unknown): Alert {
  const r = read(raw);
  if (!r || !isObject(raw)) throw new Error('not a TYCHON record');
  const stream = streamOf(r, raw);
  const obs = new ObservablesBuilder();
  // related.ip: host.ip, host.ipv4 and host.ipv6 (comma lists), then the stream's peer.
  for (const ip of [...addresses(r['host.ip']), ...addresses(r['host.ipv4']), ...addresses(r['host.ipv6'])]) {
    obs.ip(bareIndicatorIp(ip));
  }
  obs.dstIp(bareIndicatorIp(r['destination.ip']));
  obs.srcIp(bareIndicatorIp(r['source.ip']));
  obs.ip(bareIndicatorIp(r['server.ip']));
  // related.user: only the exposed service's process user (ciphers renames process.owner without relating it).
  obs.user(r['process.user.name']);
  // related.hosts: host.domain, host.hostname, host.id, then the ARP neighbour's name.
  obs.host(r['host.domain']);
  obs.host(r['host.hostname']);
  obs.host(r['host.id']);
  obs.host(r['destination.hostname']);
  const host = r['host.hostname'] ?? r['host.id'] ?? r['tychon.id'] ?? 'a host';
  const what =
    r['vulnerability.title'] ??
    r['vulnerability.id'] ??
    r['rule.title'] ??
    r['package.name'] ??
    r['service.name'] ??
    r['volume.name'] ??
    r['script.name'] ??
    stream;
  const result = r['vulnerability.result'] ?? r['rule.test_result'];
  return parserAlert(NAME, `tychon.${stream}`, obs, {
    title: `TYCHON ${stream}: ${what}${result ? ` (${result})` : ''} on ${host}`,
    severity: severityOf(r),
    observedAt: toIsoTime(r['script.current_time'] ?? r['script.start']),
    ruleId: r['vulnerability.id'] ?? r['rule.id'] ?? r['script.name'] ?? null,
  });
}

export const tychonParser: Parser = {
  name: NAME,
  claims: { keys: ['tychon.id', 'host.biossn'], text: false },
  detect: detectorOf(read),
  parse,
};
