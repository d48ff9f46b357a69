// AWS VPC Flow Logs in the default space-separated layout (version 2, and the longer v3-v8 records that
// extend it) and Transit Gateway flow logs: source and destination by position, as Elastic's pipeline maps
// them (also on a NODATA/SKIPDATA record that names them; the packet-level pkt-srcaddr/pkt-dstaddr fields
// are not related addresses).
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const V2 =
  /^([2-9]) (\d{6,12}|unknown|-) (eni-\S+|-) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\d+|-) (\d+|-) (ACCEPT|REJECT|-) (OK|NODATA|SKIPDATA)\b/;

/**
 * version resource-type account tgw-id attachment, 11 VPC/subnet/ENI/AZ/pair fields, then the flow. The end is
 * `(?!\w)`, which is `\b` after the status word: with `\b`, recheck could not prove the pattern linear in time.
 */
const TGW =
  /^([2-9]) (?:TransitGateway|-) (\d{6,12}|-) (tgw-\S+) (\S+)(?: \S+){11} (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\d+|-) (\d+|-) (OK|NODATA|SKIPDATA)(?!\w)/;

interface FlowRecord {
  iface: string;
  src: string;
  dst: string;
  srcPort: string;
  dstPort: string;
  proto: string;
  start: string;
  action: string;
  status: string;
}

function read(raw: unknown): FlowRecord | null {
  const s = (textOf(raw, 4_096) ?? '').trim();
  const v = V2.exec(s);
  if (v) {
    const [, , , iface = '-', src = '-', dst = '-', srcPort = '', dstPort = '', proto = '?'] = v;
    return {
      iface,
      src,
      dst,
      srcPort,
      dstPort,
      proto,
      start: v[11] ?? '-',
      action: v[13] ?? '-',
      status: v[14] ?? 'OK',
    };
  }
  const t = TGW.exec(s);
  if (!t) return null;
  const [, , , tgw = '-', , src = '-', dst = '-', srcPort = '', dstPort = '', proto = '?'] = t;
  return {
    iface: tgw,
    src,
    dst,
    srcPort,
    dstPort,
    proto,
    start: t[12] ?? '-',
    action: '-',
    status: t[14] ?? 'OK',
  };
}

const detect = (raw: unknown): boolean => read(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a VPC flow log record');
  const obs = new ObservablesBuilder();
  const src = obs.srcIp(r.src);
  const dst = obs.dstIp(r.dst);
  const { action, status } = r;
  return parserAlert('aws.vpcflow', 'aws.vpcflow', obs, {
    title:
      status === 'OK' || src || dst
        ? `VPC flow ${action === '-' ? '' : `${action} `}${r.src}:${r.srcPort} -> ${r.dst}:${r.dstPort} proto ${r.proto}${status === 'OK' ? '' : ` (${status})`}`
        : `VPC flow ${status} on ${r.iface}`,
    severity: action === 'REJECT' ? 'low' : 'info',
    observedAt: toIsoTime(Number(r.start)),
    ruleId: `vpcflow:${action}`,
  });
}

export const awsVpcflowParser: Parser = {
  name: 'aws.vpcflow',
  claims: { keys: [], text: [' OK', ' NODATA', ' SKIPDATA'] },
  detect,
  parse,
};
