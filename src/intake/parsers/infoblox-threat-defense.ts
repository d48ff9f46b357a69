// Infoblox Threat Defense (BloxOne) Data Connector CEF (`CEF:0|Infoblox|Data Connector|…`: RPZ hits, DNS responses,
// DHCP leases, audit, Atlas and SOC Insights notifications), mapped as Elastic's `infoblox_threat_defense.event`
// pipeline maps them: `src`/`dst` are the endpoints; the device, on-prem host and DHCP range addresses are related.
import { parseCef, type CefRecord } from '../cef.js';
import { parseAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { toIsoTime } from '../time.js';
import { detectorOf, indicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'infoblox_threat_defense.event';
const MARK = '|Infoblox|Data Connector|';

function read(raw: unknown): CefRecord | null {
  const s = textOf(raw);
  if (s === null) return null;
  const at = s.indexOf(MARK);
  if (at < 0 || at > 1024) return null;
  const cef = parseCef(s);
  return cef && cef.vendor === 'Infoblox' && cef.product === 'Data Connector' ? cef : null;
}

/** Extension values by key (short or long spelling); the last non-empty value of a key wins. */
function extensionMap(cef: CefRecord): Map<string, string> {
  const out = new Map<string, string>();
  for (const { key, value } of cef.extensions) if (value !== '') out.set(key, value);
  return out;
}

/** The pipeline's severity bands: 0–3 low, 4–6 medium, 7–8 high, 9–10 critical. */
function severityOf(value: string): Severity {
  const n = Number(value);
  if (!Number.isFinite(n) || value.trim() === '') return 'info';
  if (n <= 3) return 'low';
  if (n <= 6) return 'medium';
  if (n <= 8) return 'high';
  return 'critical';
}

/** `InfobloxEventOccurredTime` (UNIX seconds, notifications), else the RFC 5424 header time, else null. */
function observedAt(cef: CefRecord, ext: Map<string, string>): string | null {
  const occurred = ext.get('InfobloxEventOccurredTime');
  if (occurred && /^\d{9,11}$/.test(occurred)) return toIsoTime(Number(occurred) * 1000);
  const header = /^<\d{1,3}>\d\s+(\S+)/.exec(cef.prefix);
  return header?.[1] ? toIsoTime(header[1]) : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const cef = read(raw);
  if (!cef) throw new Error('not an Infoblox Data Connector CEF record');
  const ext = extensionMap(cef);
  const get = (short: string, long: string): string | undefined => ext.get(short) ?? ext.get(long);
  const obs = new ObservablesBuilder();
  // The agent's CEF decoder sets source.ip/destination.ip from src/dst; the pipeline relates both.
  obs.srcIp(indicatorIp(get('src', 'sourceAddress')));
  obs.dstIp(indicatorIp(get('dst', 'destinationAddress')));
  obs.user(get('suser', 'sourceUserName'));
  const code = cef.signatureId;
  if (code.includes('RPZ') || code === 'DNS Response') {
    // The device address, the device host (an address, else a related host) and the on-prem host address.
    obs.ip(indicatorIp(get('dvc', 'deviceAddress')));
    const dvchost = get('dvchost', 'deviceHostName');
    if (dvchost && parseAddress(dvchost)) obs.ip(indicatorIp(dvchost));
    else obs.host(dvchost);
    obs.ip(indicatorIp(ext.get('InfobloxB1OPHIPAddress')));
  } else if (code.includes('DHCP-LEASE')) {
    obs.ip(indicatorIp(ext.get('InfobloxRangeEnd')));
    obs.ip(indicatorIp(ext.get('InfobloxRangeStart')));
    obs.host(ext.get('InfobloxHost'));
    // `dhcp/host/<id>` gives host.id, which the pipeline also relates as a host.
    obs.host(/^dhcp\/host\/(.+)$/.exec(ext.get('InfobloxHostID') ?? '')?.[1]);
  } else if (code === 'BloxOne-Notifications-Log') {
    const onPrem = ext.get('InfobloxOnPremHostName');
    if (onPrem !== '(none)') obs.host(onPrem);
  }
  const rule = ext.get('InfobloxRPZRule') ?? ext.get('InfobloxThreatClass');
  return parserAlert(NAME, NAME, obs, {
    title: `Infoblox Threat Defense: ${cef.name || code}`,
    severity: severityOf(cef.severity),
    observedAt: observedAt(cef, ext),
    ruleId: rule ?? (code || null),
  });
}

export const infobloxThreatDefenseParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['|Infoblox|Data Connector|'] },
  detect: detectorOf(read),
  parse,
};
